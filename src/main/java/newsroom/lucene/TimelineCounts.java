package newsroom.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsroom.backend.Interval;
import newsroom.backend.Timeline;
import newsroom.model.ArticleFields;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Matches per time bucket, read from the {@code published} doc values of every matching document: one pass over
 * the matches, counting by UTC day (memory grows with the number of distinct days, not of matches), then rolled
 * up into the interval. The earliest value of a document counts, as the date sort and the date facet take it.
 */
final class TimelineCounts {
  private static final long DAY_MS = 86_400_000L;

  private TimelineCounts() {}

  static Timeline count(IndexSearcher searcher, Query query, Interval interval) throws IOException {
    return rolledUp(searcher.search(query, new Manager()), interval);
  }

  /** The same over documents already collected ({@link FirstRuns}: each story once). */
  static Timeline count(List<FacetsCollector.MatchingDocs> matches, Interval interval) throws IOException {
    DayCounts days = new DayCounts();
    for (FacetsCollector.MatchingDocs m : matches) {
      LeafCollector leaf = days.getLeafCollector(m.context());
      DocIdSetIterator it = m.bits() == null ? DocIdSetIterator.empty() : m.bits().iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        leaf.collect(doc);
      }
    }
    return rolledUp(days, interval);
  }

  private static Timeline rolledUp(DayCounts days, Interval interval) {
    List<Timeline.Bucket> buckets = new ArrayList<>();
    for (Map.Entry<Long, long[]> day : new TreeMap<>(days.byDay).entrySet()) {
      buckets.add(new Timeline.Bucket(Instant.ofEpochMilli(day.getKey() * DAY_MS), day.getValue()[0]));
    }
    Timeline daily =
        new Timeline(
            Interval.DAY,
            buckets,
            days.total,
            days.undated,
            days.total == days.undated ? null : Instant.ofEpochMilli(days.min),
            days.total == days.undated ? null : Instant.ofEpochMilli(days.max));
    return daily.rollUp(interval);
  }

  /** Counts of one leaf walk: by epoch day, plus the totals and the extreme instants. */
  private static final class DayCounts extends SimpleCollector {
    final Map<Long, long[]> byDay = new HashMap<>();
    long total;
    long undated;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    private SortedNumericDocValues published;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      published = DocValues.getSortedNumeric(context.reader(), ArticleFields.PUBLISHED);
    }

    @Override
    public void collect(int doc) throws IOException {
      total++;
      if (!published.advanceExact(doc)) {
        undated++;
        return;
      }
      long millis = published.nextValue(); // values are sorted: the first is the earliest
      min = Math.min(min, millis);
      max = Math.max(max, millis);
      byDay.computeIfAbsent(Math.floorDiv(millis, DAY_MS), d -> new long[1])[0]++;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private static final class Manager implements CollectorManager<DayCounts, DayCounts> {
    @Override
    public DayCounts newCollector() {
      return new DayCounts();
    }

    @Override
    public DayCounts reduce(Collection<DayCounts> collectors) {
      DayCounts all = new DayCounts();
      for (DayCounts c : collectors) {
        c.byDay.forEach((day, n) -> all.byDay.computeIfAbsent(day, d -> new long[1])[0] += n[0]);
        all.total += c.total;
        all.undated += c.undated;
        all.min = Math.min(all.min, c.min);
        all.max = Math.max(all.max, c.max);
      }
      return all;
    }
  }
}
