package newsroom.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Search topics (queries) read from a tab-separated file, one per line: {@code id<TAB>text}.
 *
 * @param texts topic id to query text, in file order
 */
public record Topics(Map<String, String> texts) {

  public Topics {
    texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
  }

  public static Topics read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.getFileName().toString());
    }
  }

  public static Topics parse(String text) {
    try {
      return parse(new StringReader(text), "topics");
    } catch (IOException e) {
      throw new AssertionError(e); // a StringReader does not fail
    }
  }

  /**
   * Reads {@code id<TAB>text} lines; blank lines are skipped, the id and the text are stripped of surrounding
   * white space, and the text is otherwise kept as written (it may contain further tabs).
   *
   * @throws IllegalArgumentException naming the line, when it has no tab, an empty id or text, or an id that an
   *     earlier line had
   */
  public static Topics parse(Reader reader, String name) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    Map<String, String> texts = new LinkedHashMap<>();
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String id = tab < 0 ? "" : line.substring(0, tab).strip();
      String text = tab < 0 ? "" : line.substring(tab + 1).strip();
      if (id.isEmpty() || text.isEmpty()) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'id<TAB>text', got '" + line.strip() + "'");
      }
      if (texts.putIfAbsent(id, text) != null) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": topic " + id + " a second time");
      }
    }
    return new Topics(texts);
  }

  public Set<String> ids() {
    return texts.keySet();
  }

  /** The topic's text, or null when there is no such topic. */
  public String text(String id) {
    return texts.get(id);
  }

  public int size() {
    return texts.size();
  }
}
