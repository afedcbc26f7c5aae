package newsroom.enrich;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.config.ConfigException;
import newsroom.config.Json;

/**
 * The values of one facet dimension and the words that reveal them in a text: companies and their aliases,
 * regulators, or action types and the phrases that report them. Read from a file in index-config that a
 * profile's dimension names (the profile says which dimension the values go to):
 *
 * <pre>{"values": [{"name": "Kanzhun", "aliases": ["Boss Zhipin", "Zhipin"], "exact_case": [], "patterns": []}]}</pre>
 *
 * A value's own name always counts as an alias. {@code patterns} are regular expressions (case-insensitive) for
 * what phrases cannot say, such as "remove ... app" with a few words between.
 */
public final class TagDictionary {

  /** The file's shape. */
  public record Spec(List<Value> values) {}

  /** One canonical value. {@code phrases} is accepted for {@code aliases}, which reads better for actions. */
  public record Value(
      String name,
      @JsonAlias("phrases") List<String> aliases,
      List<String> exactCase,
      List<String> patterns) {}

  /**
   * A pattern and, when it starts with a word of plain letters ({@code \\bremov(?:e|ed)...}), that word: a text
   * without it cannot match, and looking for a word is much cheaper than trying the expression at every
   * character of an article.
   */
  private record CompiledPattern(Pattern pattern, String value, String requiredWord) {
    boolean find(String text, String lowerText, boolean lookalikes) {
      if (requiredWord != null && !lookalikes && !lowerText.contains(requiredWord)) {
        return false;
      }
      return pattern.matcher(text).find();
    }
  }

  private final PhraseMatcher<String> phrases = new PhraseMatcher<>();
  private final List<CompiledPattern> patterns = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private final List<Value> entries;

  public TagDictionary(Spec spec) {
    this.entries = List.copyOf(spec.values());
    for (Value v : spec.values()) {
      values.add(v.name());
      phrases.add(v.name(), false, v.name());
      for (String alias : nullToEmpty(v.aliases())) {
        phrases.add(alias, false, v.name());
      }
      for (String alias : nullToEmpty(v.exactCase())) {
        phrases.add(alias, true, v.name());
      }
      for (String regex : nullToEmpty(v.patterns())) {
        patterns.add(
            new CompiledPattern(
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), v.name(), requiredWord(regex)));
      }
    }
  }

  public static TagDictionary load(Path file) {
    try {
      Spec spec = Json.readFile(file, Spec.class);
      if (spec.values() == null) {
        throw new IllegalArgumentException("needs \"values\"");
      }
      return new TagDictionary(spec);
    } catch (RuntimeException e) {
      // Json names the file already when it cannot parse it.
      String message = e.getMessage() != null && e.getMessage().contains(file.toString()) ? e.getMessage() : file + ": " + e.getMessage();
      throw new ConfigException(message);
    }
  }

  /** Every canonical value the dictionary can assign. */
  public List<String> values() {
    return List.copyOf(values);
  }

  /** The dictionary's values as written in its file: names, aliases, exact-case aliases, patterns. */
  public List<Value> entries() {
    return entries;
  }

  /** The canonical values found in the text, in order of first mention (phrases first, then patterns). */
  public List<String> tag(String text) {
    Set<String> found = new LinkedHashSet<>(phrases.find(text));
    String lowerText = null;
    boolean lookalikes = false;
    for (CompiledPattern p : patterns) {
      if (!found.contains(p.value())) {
        if (lowerText == null) {
          lowerText = text.toLowerCase(Locale.ROOT);
          lookalikes = hasFoldingLookalikes(text);
        }
        if (p.find(text, lowerText, lookalikes)) {
          found.add(p.value());
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * The word of ASCII letters a pattern starts with after {@code \\b} (lower case), when every match must
   * contain it: the pattern has no {@code |} outside parentheses, and a letter the next character makes optional
   * ({@code ?}, {@code *}, <code>{</code>) is left out. Null when there is none.
   */
  static String requiredWord(String regex) {
    if (!regex.startsWith("\\b") || topLevelAlternation(regex)) {
      return null;
    }
    int end = 2;
    while (end < regex.length() && isAsciiLetter(regex.charAt(end))) {
      end++;
    }
    if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0) {
      end--;
    }
    return end - 2 >= 3 ? regex.substring(2, end).toLowerCase(Locale.ROOT) : null;
  }

  private static boolean topLevelAlternation(String regex) {
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * Whether the text has one of the characters that a case-insensitive Unicode pattern matches to an ASCII
   * letter though their lower case is not that letter (long s, Kelvin sign, dotted and dotless i): then the
   * word check could miss a match, and the pattern runs anyway.
   */
  private static boolean hasFoldingLookalikes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u017F' || c == '\u212A' || c == '\u0130' || c == '\u0131') {
        return true;
      }
    }
    return false;
  }

  private static List<String> nullToEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
