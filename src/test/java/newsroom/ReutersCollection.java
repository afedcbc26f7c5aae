package newsroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Facts about Reuters-21578 computed straight from its SGML files with a few plain regular expressions, without
 * the reader under test, so tests compare the index with the raw collection.
 *
 * <p>The collection is looked for at {@code ../shared/corpus-reuters21578} (relative to the repository root,
 * where the tests run), or where the system property or environment variable {@code NEWSROOM_REUTERS} says.
 */
public final class ReutersCollection {
  public static final Path DIR = locate();

  private static final Pattern STORY = Pattern.compile("<REUTERS\\b.*?</REUTERS>", Pattern.DOTALL);
  private static final Pattern NEWID = Pattern.compile("NEWID=\"(\\d+)\"");
  private static final Pattern MONTH = Pattern.compile("<DATE>\\s*\\d{1,2}-([A-Z]{3})-(\\d{4})");
  private static final Pattern TEXT = Pattern.compile("<TEXT[^>]*>(.*?)</TEXT>", Pattern.DOTALL);
  private static final Pattern LABEL_VALUE = Pattern.compile("<D>(.*?)</D>");
  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  /**
   * One story as the raw SGML has it.
   *
   * @param month e.g. "1987-MAR"
   * @param words what the index should search, as lower-case words between single spaces: title, byline,
   *     dateline and body; the title alone for a story without body; the raw text for one with neither
   */
  public record Story(String newId, String month, String sgml, String words) {
    /** The values of a label list ("TOPICS", "PLACES", ...). */
    public Set<String> list(String element) {
      Set<String> values = new TreeSet<>();
      String list = element(element);
      for (Matcher d = LABEL_VALUE.matcher(list == null ? "" : list); d.find(); ) {
        values.add(d.group(1));
      }
      return values;
    }

    /** The content of the TEXT element (which may have a TYPE), or "". */
    public String text() {
      Matcher m = TEXT.matcher(sgml);
      return m.find() ? m.group(1) : "";
    }

    public boolean has(String element) {
      return sgml.contains("<" + element + ">");
    }

    /** The content of an element, its character references left as they are; null when there is none. */
    public String element(String name) {
      return between(sgml, name);
    }
  }

  private static List<Story> stories;

  private ReutersCollection() {}

  /** Every story of the 22 files, in file order. */
  public static synchronized List<Story> stories() {
    if (stories == null) {
      List<Story> all = new ArrayList<>();
      try (Stream<Path> files = Files.list(DIR)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".sgm")).sorted().toList()) {
          Matcher m = STORY.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
          while (m.find()) {
            all.add(parse(m.group()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      stories = List.copyOf(all);
    }
    return stories;
  }

  public static long count(Predicate<Story> which) {
    return stories().stream().filter(which).count();
  }

  /** For each value of a label list, the number of stories that carry it. */
  public static Map<String, Long> valueCounts(String element) {
    Map<String, Long> counts = new TreeMap<>();
    for (Story s : stories()) {
      s.list(element).forEach(v -> counts.merge(v, 1L, Long::sum));
    }
    return counts;
  }

  /** NEWIDs of the stories whose searchable text has these words in a row (case and punctuation ignored). */
  public static Set<String> idsWithPhrase(String phrase) {
    String wanted = " " + words(phrase) + " ";
    Set<String> ids = new TreeSet<>();
    for (Story s : stories()) {
      if ((" " + s.words() + " ").contains(wanted)) {
        ids.add(s.newId());
      }
    }
    return ids;
  }

  public static Story story(String newId) {
    return stories().stream()
        .filter(s -> s.newId().equals(newId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no NEWID " + newId));
  }

  private static Story parse(String sgml) {
    Matcher id = NEWID.matcher(sgml);
    Matcher month = MONTH.matcher(sgml);
    String searchable = "";
    Matcher text = TEXT.matcher(sgml);
    if (text.find()) {
      searchable = text.group(1);
      if (sgml.contains("<BODY>")) {
        searchable =
            String.join(
                " ", orEmpty(sgml, "TITLE"), orEmpty(sgml, "AUTHOR"), orEmpty(sgml, "DATELINE"), orEmpty(sgml, "BODY"));
      } else if (sgml.contains("<TITLE>")) {
        searchable = orEmpty(sgml, "TITLE");
      }
    }
    return new Story(
        id.find() ? id.group(1) : "",
        month.find() ? month.group(2) + "-" + month.group(1) : "",
        sgml,
        sgmlWords(searchable));
  }

  private static String between(String sgml, String element) {
    int start = sgml.indexOf("<" + element + ">");
    int end = sgml.indexOf("</" + element + ">");
    return start < 0 || end < start ? null : sgml.substring(start + element.length() + 2, end);
  }

  private static String orEmpty(String sgml, String element) {
    String content = between(sgml, element);
    return content == null ? "" : content;
  }

  /** The words of SGML text: tags and character references ignored. */
  public static String sgmlWords(String sgml) {
    return words(sgml.replaceAll("<[^>]*>", " ").replaceAll("&#?\\w+;", " "));
  }

  /** Lower-case words between single spaces: the text with case and punctuation ignored. */
  public static String words(String text) {
    return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static Path locate() {
    String configured = System.getProperty("NEWSROOM_REUTERS", System.getenv("NEWSROOM_REUTERS"));
    Path dir = Path.of(configured == null || configured.isBlank() ? "../shared/corpus-reuters21578" : configured);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "Reuters-21578 not found at " + dir.toAbsolutePath().normalize()
              + ": put it at ../shared/corpus-reuters21578 beside the repository or set NEWSROOM_REUTERS");
    }
    return dir;
  }
}
