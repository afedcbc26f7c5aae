package newsroom.http;

import java.util.List;

/** CSV as RFC 4180 and spreadsheets read it: comma-separated, CRLF line ends, fields quoted when they need it. */
final class Csv {
  /** Written first, a byte order mark makes spreadsheet programs read the file as UTF-8. */
  static final String BOM = "\uFEFF";

  private Csv() {}

  /** One line with its CRLF; null fields are empty. */
  static String line(List<?> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object f = fields.get(i);
      out.append(field(f == null ? "" : f.toString()));
    }
    return out.append("\r\n").toString();
  }

  /**
   * A field quoted when it has a comma, quote, line break or leading/trailing space, quotes doubled. A field
   * that a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with a quote character ({@code '}),
   * so an exported title cannot run as a formula in the analyst's spreadsheet.
   */
  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    boolean quote =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
            || (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '));
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static boolean isNumber(String v) {
    return v.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  }
}
