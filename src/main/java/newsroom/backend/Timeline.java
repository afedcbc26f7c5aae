package newsroom.backend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many articles a search matches per time bucket.
 *
 * @param interval the width of the buckets
 * @param buckets the buckets that hold at least one matching article, oldest first (empty ones are left out)
 * @param total every matching article, dated or not
 * @param undated matching articles without a publication date (in no bucket)
 * @param first the earliest publication instant among the matches, or null when none is dated
 * @param last the latest one, or null
 */
public record Timeline(
    Interval interval, List<Bucket> buckets, long total, long undated, Instant first, Instant last) {

  public Timeline {
    buckets = List.copyOf(buckets);
  }

  /** One bucket: the articles published from {@code start} (inclusive) to the next bucket's start. */
  public record Bucket(Instant start, long count) {}

  /** The counts by bucket start. */
  public Map<Instant, Long> counts() {
    Map<Instant, Long> counts = new TreeMap<>();
    buckets.forEach(b -> counts.put(b.start(), b.count()));
    return counts;
  }

  /** The same counts in wider buckets: a day timeline rolls up exactly into weeks, months or years. */
  public Timeline rollUp(Interval wider) {
    if (wider == interval) {
      return this;
    }
    if (interval != Interval.DAY && !(interval == Interval.MONTH && wider == Interval.YEAR)) {
      throw new IllegalArgumentException(interval + " buckets do not roll up into " + wider);
    }
    Map<Instant, Long> counts = new TreeMap<>();
    buckets.forEach(b -> counts.merge(wider.floor(b.start()), b.count(), Long::sum));
    List<Bucket> rolled = new ArrayList<>();
    counts.forEach((start, count) -> rolled.add(new Bucket(start, count)));
    return new Timeline(wider, rolled, total, undated, first, last);
  }
}
