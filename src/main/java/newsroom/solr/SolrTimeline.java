package newsroom.solr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.backend.Interval;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.Timeline;
import newsroom.config.Catalog;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.util.NamedList;

/**
 * Matches per UTC day, counted by Solr over every shard, then rolled up into the interval as the embedded index
 * rolls up its day counts ({@link Timeline#rollUp}): so a month's count is the sum of its days', which is the date
 * facet's count of that month.
 *
 * <p>With a date dimension the days are a terms facet on its day field ({@code _date_ymd}, the field the date
 * facet drills down to): one bucket per distinct day among the matches, however long the period, and exact over
 * shards ({@code limit: -1}). Without one, a range facet on {@code published} with one-day gaps from the first
 * dated match to the last, after a request for those two.
 */
final class SolrTimeline {
  private static final long DAY_MS = 86_400_000L;
  /** The most days a range facet may span (a slot each): 300 years. */
  private static final long MAX_RANGE_DAYS = 300 * 366;

  private SolrTimeline() {}

  static Timeline count(SolrReads reads, String collection, Catalog catalog, SolrQuery matching, Interval interval) {
    SolrQuery q = matching.getCopy();
    q.setRows(0);
    Map<String, Object> facets = new LinkedHashMap<>();
    Map<String, Object> dated = new LinkedHashMap<>();
    dated.put("type", "query");
    dated.put("q", ArticleFields.PUBLISHED + ":[* TO *]");
    dated.put("facet", Map.of("first", "min(" + ArticleFields.PUBLISHED + ")", "last", "max(" + ArticleFields.PUBLISHED + ")"));
    facets.put("dated", dated);
    boolean byDayField = catalog.dateDimension().isPresent();
    if (byDayField) {
      facets.put("days", Map.of("type", "terms", "field", SolrSchema.DAY, "limit", -1, "mincount", 1));
    }
    q.set("json.facet", SolrFacets.json(facets));
    QueryResponse rsp = reads.query(collection, q);
    long total = rsp.getResults().getNumFound();
    NamedList<Object> f = SolrFacets.of(rsp);
    @SuppressWarnings("unchecked")
    NamedList<Object> d = f == null ? null : (NamedList<Object>) f.get("dated");
    long datedCount = d == null ? 0 : SolrFacets.count(d);
    if (datedCount == 0) {
      return new Timeline(Interval.DAY, List.of(), total, total, null, null).rollUp(interval);
    }
    long first = ((Number) d.get("first")).longValue();
    long last = ((Number) d.get("last")).longValue();
    List<Timeline.Bucket> days = new ArrayList<>();
    if (byDayField) {
      for (NamedList<Object> b : SolrFacets.buckets(f, "days")) {
        // "2021/07/05"
        LocalDate day = LocalDate.parse(String.valueOf(b.get("val")).replace('/', '-'));
        days.add(new Timeline.Bucket(day.atStartOfDay(ZoneOffset.UTC).toInstant(), SolrFacets.count(b)));
      }
      days.sort(java.util.Comparator.comparing(Timeline.Bucket::start));
    } else {
      days = byRange(reads, collection, matching, first, last);
    }
    return new Timeline(
            Interval.DAY, days, total, total - datedCount, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last))
        .rollUp(interval);
  }

  private static List<Timeline.Bucket> byRange(
      SolrReads reads, String collection, SolrQuery matching, long first, long last) {
    long start = Math.floorDiv(first, DAY_MS) * DAY_MS;
    long end = (Math.floorDiv(last, DAY_MS) + 1) * DAY_MS;
    if ((end - start) / DAY_MS > MAX_RANGE_DAYS) {
      throw new InvalidRequestException(
          "Too many buckets", "the matches span more than " + MAX_RANGE_DAYS + " days; narrow the dates (from, to)");
    }
    SolrQuery q = matching.getCopy();
    q.setRows(0);
    q.set("json.facet", SolrFacets.json(Map.of("days", Map.of(
        "type", "range", "field", ArticleFields.PUBLISHED, "start", start, "end", end, "gap", DAY_MS,
        "mincount", 1))));
    List<Timeline.Bucket> days = new ArrayList<>();
    for (NamedList<Object> b : SolrFacets.buckets(SolrFacets.of(reads.query(collection, q)), "days")) {
      days.add(new Timeline.Bucket(Instant.ofEpochMilli(((Number) b.get("val")).longValue()), SolrFacets.count(b)));
    }
    return days;
  }
}
