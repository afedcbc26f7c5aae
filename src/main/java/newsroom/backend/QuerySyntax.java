package newsroom.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the text of {@code q} is read.
 *
 * <ul>
 *   <li>{@code lucene}: Lucene classic query syntax, exactly as written ({@code "phrases"}, {@code AND}/{@code OR}/
 *       {@code NOT}, {@code +must -not}, {@code field:term}, {@code fuzzy~}, {@code prefix*}, boosts, grouping).
 *   <li>{@code plain}: plain words, whatever characters they hold: no character or word is an operator, so
 *       {@code U.S. AND (SOVIET) AID?} is the words u.s, and, soviet, aid. Plain words get the ranking aids of
 *       search.json's {@code ranking} (proximity, entity names, pseudo-relevance feedback).
 *   <li>{@code auto} (the default): Lucene syntax when the text uses any of it (a quote, parenthesis, bracket or
 *       brace, {@code * ? ~ ^ : / \}, a word starting with {@code +} or {@code -}, or the operator words {@code AND},
 *       {@code OR}, {@code NOT}, {@code &&}, {@code ||} written in capitals), else plain words. A query without
 *       syntax means the same documents either way, so auto never changes what a Lucene query matches.
 * </ul>
 */
public enum QuerySyntax {
  AUTO,
  LUCENE,
  PLAIN;

  private static final Pattern SYNTAX =
      Pattern.compile("[\"()\\[\\]{}*?~^:/\\\\]|(^|\\s)[+\\-!]|(^|\\s)(AND|OR|NOT|&&|\\|\\|)(\\s|$)");

  public String param() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static QuerySyntax parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    return Arrays.stream(values())
        .filter(s -> s.param().equals(value.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown syntax '" + value + "'", "syntax must be one of: auto, lucene, plain"));
  }

  /** Whether {@code text} uses any Lucene syntax (see the class comment). */
  public static boolean looksLikeLucene(String text) {
    return SYNTAX.matcher(text).find();
  }

  /** This syntax applied to {@code text}: {@link #LUCENE} or {@link #PLAIN}, never {@link #AUTO}. */
  public QuerySyntax resolve(String text) {
    if (this != AUTO) {
      return this;
    }
    return looksLikeLucene(text) ? LUCENE : PLAIN;
  }
}
