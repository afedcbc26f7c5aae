package newsroom.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the dates that corpora and clients write: an ISO date, or an ISO date-time with or without offset. */
public final class Dates {
  /** Years a date may have: the date facet and the API's date drill-down write years with four digits. */
  public static final int MIN_YEAR = 0;

  public static final int MAX_YEAR = 9999;

  private Dates() {}

  /** The instant, UTC when no offset is given; empty when the text is no ISO date or its year is not 0000-9999. */
  public static Optional<Instant> parse(String text) {
    return parseAnyYear(text)
        .filter(
            t -> {
              int year = t.atOffset(ZoneOffset.UTC).getYear();
              return year >= MIN_YEAR && year <= MAX_YEAR;
            });
  }

  private static Optional<Instant> parseAnyYear(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      }
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
