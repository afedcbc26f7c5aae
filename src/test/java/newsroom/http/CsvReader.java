package newsroom.http;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV read strictly, for tests: quoted fields, doubled quotes, CRLF rows. */
final class CsvReader {
  private CsvReader() {}

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new AssertionError("a quote inside an unquoted field at " + i);
        }
        quoted = true;
        i++;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '\r') {
        throw new AssertionError("a bare line break outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (quoted) {
      throw new AssertionError("unterminated quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
