package newsroom.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

/** Turns the marked-up text of SGML and feed corpora into the plain text the index stores. */
final class Markup {
  private Markup() {}

  private static final Pattern CHARACTER_REFERENCE =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));");
  private static final Map<String, String> NAMED = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'");
  // Wire-service framing (start/end of text, sync bytes), other C0 controls and DEL; line breaks and tabs stay.
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n\\s*");

  /**
   * Decodes numeric character references and the five XML entities, and turns control characters into spaces:
   * the {@code &#3;} of an SGML newswire marks the end of a story, and a {@code &#127;} (DEL) stands in for a
   * garbled character, most often the space between two words.
   */
  static String decodeCharacterReferences(String sgml) {
    Matcher m = CHARACTER_REFERENCE.matcher(sgml);
    StringBuilder out = new StringBuilder(sgml.length());
    while (m.find()) {
      String replacement;
      if (m.group(3) != null) {
        replacement = NAMED.get(m.group(3));
      } else {
        int codePoint = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        replacement = Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return CONTROL.matcher(out).replaceAll(" ");
  }

  /**
   * The text of an HTML fragment (a feed's description or content): tags, comments, scripts and styles removed,
   * every HTML entity decoded, block elements ending lines, runs of spaces and blank lines collapsed.
   */
  static String htmlToText(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    StringBuilder text = new StringBuilder(html.length());
    try (Reader in = new HTMLStripCharFilter(new StringReader(html))) {
      char[] buffer = new char[4096];
      for (int n; (n = in.read(buffer)) != -1; ) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return tidy(CONTROL.matcher(text).replaceAll(" "));
  }

  /** Collapses runs of spaces within lines and of blank lines between them. */
  static String tidy(String text) {
    String lines = SPACES.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll(" ");
    return BLANK_LINES.matcher(lines.replace(" \n", "\n").replace("\n ", "\n")).replaceAll("\n").strip();
  }
}
