package newsroom.backend;

import java.util.Arrays;

/** How hits are ordered: by relevance, or by publication date ({@code date} oldest first, {@code -date} newest). */
public enum SortOrder {
  RELEVANCE("relevance"),
  DATE("date"),
  NEWEST("-date");

  private final String param;

  SortOrder(String param) {
    this.param = param;
  }

  public String param() {
    return param;
  }

  public static SortOrder parse(String value) {
    if (value == null || value.isBlank()) {
      return RELEVANCE;
    }
    return Arrays.stream(values())
        .filter(s -> s.param.equals(value.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown sort '" + value + "'", "sort must be one of: relevance, date, -date"));
  }
}
