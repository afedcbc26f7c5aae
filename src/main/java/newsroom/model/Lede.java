package newsroom.model;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The opening sentences of an article's body: what a result shows when nothing in the body matched (browsing
 * without a query). Pages saved from the web often open with lines that are not the story (the outlet's name, a
 * photo caption, a dateline, the headline again), so the lede starts at the first real sentence: one of at least
 * {@value #MIN_WORDS} words ending with a full stop, question or exclamation mark. Text hard-wrapped at a fixed
 * width (newswires) is joined back into paragraphs first.
 */
public final class Lede {
  static final int MIN_WORDS = 6;
  private static final Pattern BULLET = Pattern.compile("^[-*\u2022\u2013\u2014]\\s.*");
  /** Sentence-final punctuation, possibly followed by closing quotes or brackets. */
  private static final Pattern ABBREVIATION_AT_END = Pattern.compile("(?:^|\\s)(?:[A-Z][a-z]{0,2}|(?:[A-Z]\\.)+[A-Z])\\.$");
  /** A line that is all in brackets: a caption. */
  private static final Pattern CAPTION = Pattern.compile("^[(\\[].*[)\\]]$");
  private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?][\"'\u201d\u2019)\\]]*$");

  private Lede() {}

  /**
   * Up to {@code sentences} opening sentences, at most about {@code maxChars} characters (a first sentence
   * longer than that is cut at a word and ends with an ellipsis); the first non-blank line when the body has no
   * sentence; empty for an empty body. Plain text.
   */
  public static String of(String body, int sentences, int maxChars) {
    if (body == null || body.isBlank()) {
      return "";
    }
    StringBuilder lede = new StringBuilder();
    int taken = 0;
    for (String paragraph : paragraphs(body)) {
      for (String sentence : sentences(paragraph)) {
        if (!isSentence(sentence)) {
          continue;
        }
        if (taken > 0 && lede.length() + 1 + sentence.length() > maxChars) {
          return lede.toString();
        }
        lede.append(taken > 0 ? " " : "").append(sentence);
        if (++taken == sentences || lede.length() >= maxChars) {
          return cut(lede.toString(), maxChars);
        }
      }
    }
    return taken > 0 ? cut(lede.toString(), maxChars) : cut(body.strip().lines().findFirst().orElse(""), maxChars);
  }

  /**
   * The paragraph's sentences, by the JDK's sentence rules, except that a stop after a short capitalised
   * abbreviation ("Co.", "Inc.", "U.S.") does not end one.
   */
  static List<String> sentences(String paragraph) {
    List<String> sentences = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(paragraph);
    int from = 0;
    for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
      String piece = paragraph.substring(from, end).strip();
      if (!ABBREVIATION_AT_END.matcher(piece).find() || end == paragraph.length()) {
        sentences.add(piece);
        from = end;
      }
    }
    return sentences;
  }

  private static boolean isSentence(String s) {
    return ENDS_SENTENCE.matcher(s).matches() && !BULLET.matcher(s).matches() && words(s) >= MIN_WORDS;
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  /**
   * The body's paragraphs: a blank line ends one, and so does a line that ends a sentence, is short (an outlet's
   * name, a dateline), is all in brackets (a caption) or is a bullet. A longer line that stops mid-sentence was wrapped: the next line continues it.
   */
  static List<String> paragraphs(String body) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : body.split("\\R")) {
      String line = raw.strip();
      boolean continues = current.length() > 0 && !line.isEmpty() && !BULLET.matcher(line).matches();
      if (!continues && current.length() > 0) {
        paragraphs.add(current.toString());
        current.setLength(0);
      }
      if (!line.isEmpty()) {
        current.append(current.length() > 0 ? " " : "").append(line);
        boolean wrapped =
            !ENDS_SENTENCE.matcher(line).matches()
                && !BULLET.matcher(line).matches()
                && !CAPTION.matcher(line).matches()
                && words(line) >= MIN_WORDS;
        if (!wrapped) {
          paragraphs.add(current.toString());
          current.setLength(0);
        }
      }
    }
    if (current.length() > 0) {
      paragraphs.add(current.toString());
    }
    return paragraphs;
  }

  private static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int space = text.lastIndexOf(' ', maxChars);
    return text.substring(0, space > maxChars / 2 ? space : maxChars).strip() + "\u2026";
  }
}
