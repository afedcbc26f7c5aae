package newsroom.backend;

import java.util.Arrays;
import java.util.Locale;

/**
 * Pseudo-relevance feedback for plain-word queries: {@code rm3} (relevance model 3, as Anserini does it) takes the
 * words that weigh most in the first hits, adds them to the query and searches again; {@code none} ranks by the
 * query's own words. Applies to plain-word queries only; a Lucene syntax query is never rewritten.
 */
public enum Feedback {
  NONE,
  RM3;

  public String param() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A request's {@code feedback}; blank is null (search.json's default). */
  public static Feedback parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Arrays.stream(values())
        .filter(f -> f.param().equals(value.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown feedback '" + value + "'", "feedback must be one of: none, rm3"));
  }
}
