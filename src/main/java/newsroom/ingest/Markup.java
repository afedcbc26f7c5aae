package newsroom.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;

/** Turns the marked-up text of SGML and feed corpora into the plain text the index stores. */
final class Markup {
  private Markup() {}

  private static final Pattern CHARACTER_REFERENCE =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));");
  private static final Map<String, String> NAMED = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'");
  // Wire-service framing (start/end of text, sync bytes), other C0 controls and DEL; line breaks and tabs stay.
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");
  private static final Pattern LINE_BREAK_OUTSIDE_TAG = Pattern.compile("\\r?\\n(?![^<]*>)");
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
    // The JDK's own lenient HTML parser: it decodes every entity and tolerates the tag soup feeds carry.
    TextCollector text = new TextCollector(html.length());
    try {
      // Line breaks in the source end lines in the text, as block elements do (HTML would fold them to spaces).
      String lines = LINE_BREAK_OUTSIDE_TAG.matcher(html).replaceAll("<br>");
      new ParserDelegator().parse(new StringReader(lines), text, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return tidy(CONTROL.matcher(text.out).replaceAll(" "));
  }

  /** Collapses runs of spaces within lines and of blank lines between them. */
  static String tidy(String text) {
    String lines = SPACES.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll(" ");
    return BLANK_LINES.matcher(lines.replace(" \n", "\n").replace("\n ", "\n")).replaceAll("\n").strip();
  }

  /** Keeps the text, ends a line at each block element, and drops what scripts and styles hold. */
  private static final class TextCollector extends HTMLEditorKit.ParserCallback {
    final StringBuilder out;
    private int hidden;

    TextCollector(int capacity) {
      out = new StringBuilder(capacity);
    }

    @Override
    public void handleText(char[] data, int pos) {
      if (hidden == 0) {
        out.append(data);
      }
    }

    @Override
    public void handleStartTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
      if (tag == HTML.Tag.SCRIPT || tag == HTML.Tag.STYLE) {
        hidden++;
      } else if (tag.breaksFlow()) {
        out.append('\n');
      }
    }

    @Override
    public void handleEndTag(HTML.Tag tag, int pos) {
      if (tag == HTML.Tag.SCRIPT || tag == HTML.Tag.STYLE) {
        hidden = Math.max(0, hidden - 1);
      } else if (tag.breaksFlow()) {
        out.append('\n');
      }
    }

    @Override
    public void handleSimpleTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
      if (tag.breaksFlow()) {
        out.append('\n');
      }
    }
  }
}
