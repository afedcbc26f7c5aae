package newsroom.backend;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;

/**
 * The width of a time bucket, in UTC calendar units (the time zone of the date facet): a day, an ISO week (Monday
 * to Sunday), a calendar month or a calendar year. Every bucket is a whole number of UTC days, so day counts roll
 * up exactly into any of them.
 */
public enum Interval {
  DAY("day"),
  WEEK("week"),
  MONTH("month"),
  YEAR("year");

  /** The most buckets one answer may have. */
  public static final int MAX_BUCKETS = 3000;

  private final String param;

  Interval(String param) {
    this.param = param;
  }

  public String param() {
    return param;
  }

  /** {@code day}, {@code week}, {@code month} or {@code year}; null, blank or {@code auto} is null (choose one). */
  public static Interval parse(String value) {
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("auto")) {
      return null;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(i -> i.param.equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown interval '" + value + "'", "interval must be one of: auto, day, week, month, year"));
  }

  /**
   * The interval for a span of time: days up to three months, weeks up to two years, months up to twenty years,
   * then years; so a chart has between a dozen and a few hundred points.
   */
  public static Interval auto(Instant first, Instant last) {
    if (first == null || last == null) {
      return MONTH;
    }
    long days = ChronoUnit.DAYS.between(day(first), day(last)) + 1;
    if (days <= 92) {
      return DAY;
    }
    if (days <= 2 * 366) {
      return WEEK;
    }
    if (days <= 20 * 366) {
      return MONTH;
    }
    return YEAR;
  }

  /** The start of the bucket holding this instant. */
  public Instant floor(Instant t) {
    LocalDate d = day(t);
    LocalDate start =
        switch (this) {
          case DAY -> d;
          case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> d.withDayOfMonth(1);
          case YEAR -> d.withDayOfYear(1);
        };
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The start of the bucket after the one starting at {@code start}. */
  public Instant next(Instant start) {
    LocalDate d = day(start);
    LocalDate next =
        switch (this) {
          case DAY -> d.plusDays(1);
          case WEEK -> d.plusWeeks(1);
          case MONTH -> d.plusMonths(1);
          case YEAR -> d.plusYears(1);
        };
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** How many buckets from the one holding {@code first} to the one holding {@code last}, both included. */
  public long bucketsBetween(Instant first, Instant last) {
    LocalDate a = day(floor(first));
    LocalDate b = day(floor(last));
    return switch (this) {
          case DAY -> ChronoUnit.DAYS.between(a, b);
          case WEEK -> ChronoUnit.WEEKS.between(a, b);
          case MONTH -> ChronoUnit.MONTHS.between(a, b);
          case YEAR -> ChronoUnit.YEARS.between(a, b);
        }
        + 1;
  }

  /** A bucket's name: {@code 1987-03-02}, {@code 1987-W10} (ISO week), {@code 1987-03}, {@code 1987}. */
  public String key(Instant start) {
    LocalDate d = day(start);
    return switch (this) {
      case DAY -> d.toString();
      case WEEK ->
          String.format(
              Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> d.format(DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT));
      case YEAR -> String.valueOf(d.getYear());
    };
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
