package newsroom.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.backend.Interval;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.backend.StoryOptions;
import newsroom.backend.Timeline;

/**
 * Attention over time, compared: up to {@link #MAX_SERIES} searches counted per time bucket side by side with
 * the coverage baseline, every article in the bucket (within the shared filters), and each series' share of it.
 * Backend-neutral: it asks {@link SearchBackend#counts} once per series and once for the baseline, and lines the
 * buckets up.
 */
public final class Comparison {
  public static final int MAX_SERIES = 8;

  private Comparison() {}

  /**
   * One series: a search of its own.
   *
   * @param name its name in the answer (a legend, a CSV column)
   * @param query query text, Lucene classic syntax; blank for none
   * @param filters facet values by dimension (OR within a dimension, AND across)
   */
  public record Series(String name, String query, Map<String, List<String>> filters) {
    public Series {
      query = query == null ? "" : query;
      filters = filters == null ? Map.of() : Map.copyOf(filters);
    }
  }

  /**
   * What to compare.
   *
   * @param shared facet filters every series and the baseline are narrowed to
   * @param from inclusive start of the period, or null for the first dated match of any series
   * @param to inclusive end of the period, or null for the last dated match of any series
   * @param interval the bucket width; null to choose one from the period
   */
  /** @param countStories count each story once, on the day of its first run among the matches (count=stories) */
  public record Request(
      List<Series> series, Map<String, List<String>> shared, Instant from, Instant to, Interval interval,
      boolean countStories) {
    public Request {
      series = List.copyOf(series);
      shared = shared == null ? Map.of() : Map.copyOf(shared);
    }

    /** Counting articles. */
    public Request(List<Series> series, Map<String, List<String>> shared, Instant from, Instant to, Interval interval) {
      this(series, shared, from, to, interval, false);
    }
  }

  /** A series as answered: what it searched and how many it matched in all. */
  public record SeriesTotal(String name, String query, Map<String, List<String>> filters, long total, long undated) {}

  /** The baseline: every article within the shared filters. */
  public record Baseline(Map<String, List<String>> filters, long total) {}

  /**
   * One bucket, from {@code start} (inclusive) to {@code end} (exclusive).
   *
   * @param total the baseline: every article of the bucket within the shared filters
   * @param counts each series' articles in the bucket, in series order
   * @param ratios each count divided by the baseline; null where the baseline is 0
   */
  public record Bucket(String key, Instant start, Instant end, long total, List<Long> counts, List<Double> ratios) {}

  /** @param interval the bucket width: day, week, month or year */
  public record Result(
      String interval,
      Instant from,
      Instant to,
      List<SeriesTotal> series,
      Baseline baseline,
      List<Bucket> buckets) {}

  public static Result run(SearchBackend backend, Request request) {
    if (request.series().isEmpty()) {
      throw new InvalidRequestException("No series", "give at least one series to compare");
    }
    if (request.series().size() > MAX_SERIES) {
      throw new InvalidRequestException(
          "Too many series", request.series().size() + " series given; at most " + MAX_SERIES + " can be compared");
    }
    if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
      throw new InvalidRequestException("Invalid date range", "from is after to");
    }
    Set<String> names = new HashSet<>();
    for (Series s : request.series()) {
      if (!names.add(s.name())) {
        throw new InvalidRequestException("Repeated series name", "two series are named '" + s.name() + "'");
      }
      for (String dim : s.filters().keySet()) {
        if (request.shared().containsKey(dim)) {
          throw new InvalidRequestException(
              "Series and shared filter on one dimension",
              "series '" + s.name() + "' filters by " + dim + ", which the shared filters already narrow;"
                  + " put " + dim + " in the series only");
        }
      }
    }
    Interval asked = request.interval();
    if (asked != null && request.from() != null && request.to() != null) {
      checkBuckets(asked, request.from(), request.to());
    }
    // Without an interval, count by day and roll up once the period is known: days fit in any bucket.
    Interval counting = asked == null ? Interval.DAY : asked;
    List<Timeline> timelines = new ArrayList<>();
    for (Series s : request.series()) {
      Map<String, List<String>> filters = new LinkedHashMap<>(request.shared());
      filters.putAll(s.filters());
      timelines.add(backend.counts(searchOf(s.query(), filters, request), counting));
    }
    Timeline base = backend.counts(searchOf("", request.shared(), request), counting);

    Instant first = request.from();
    Instant last = request.to();
    for (Timeline t : timelines) {
      if (request.from() == null && t.first() != null && (first == null || t.first().isBefore(first))) {
        first = t.first();
      }
      if (request.to() == null && t.last() != null && (last == null || t.last().isAfter(last))) {
        last = t.last();
      }
    }
    Interval interval = asked != null ? asked : Interval.auto(first, last);
    if (first != null && last != null) {
      checkBuckets(interval, first, last);
    }
    List<Timeline> rolled = timelines.stream().map(t -> t.rollUp(interval)).toList();
    Map<Instant, Long> baseCounts = base.rollUp(interval).counts();
    List<Map<Instant, Long>> seriesCounts = rolled.stream().map(Timeline::counts).toList();

    List<Bucket> buckets = new ArrayList<>();
    if (first != null && last != null && !first.isAfter(last)) {
      for (Instant start = interval.floor(first); !start.isAfter(last); start = interval.next(start)) {
        long total = baseCounts.getOrDefault(start, 0L);
        List<Long> counts = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Map<Instant, Long> c : seriesCounts) {
          long n = c.getOrDefault(start, 0L);
          counts.add(n);
          ratios.add(total == 0 ? null : (double) n / total);
        }
        buckets.add(new Bucket(interval.key(start), start, interval.next(start), total, counts, ratios));
      }
    }
    List<SeriesTotal> totals = new ArrayList<>();
    for (int i = 0; i < request.series().size(); i++) {
      Series s = request.series().get(i);
      totals.add(new SeriesTotal(s.name(), s.query(), s.filters(), timelines.get(i).total(), timelines.get(i).undated()));
    }
    return new Result(
        interval.param(), first, last, totals, new Baseline(request.shared(), base.total()), buckets);
  }

  private static SearchRequest searchOf(String query, Map<String, List<String>> filters, Request request) {
    return new SearchRequest(query, filters, List.of(), request.from(), request.to(), SortOrder.RELEVANCE, 1, 0, 1)
        .withStories(new StoryOptions(false, null, request.countStories()));
  }

  private static void checkBuckets(Interval interval, Instant first, Instant last) {
    long n = interval.bucketsBetween(first, last);
    if (n > Interval.MAX_BUCKETS) {
      throw new InvalidRequestException(
          "Too many buckets",
          "interval " + interval.param() + " from " + first + " to " + last + " gives " + n + " buckets; at most "
              + Interval.MAX_BUCKETS + ": choose a wider interval or a shorter period (from, to)");
    }
  }
}
