package newsroom.lucene;

import java.util.List;
import java.util.Map;
import newsroom.backend.SearchRequest;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.document.NumericDocValuesField;

/**
 * What a request selects besides its text: the date range, the story ({@code story=<id>}), and the facet filters and date drill-down as a
 * drill-down. Search, the timeline, export, cursor pages and significant terms all build their query here, over
 * the same ranked text query, so they select exactly the same articles.
 */
final class RequestQueries {
  private RequestQueries() {}

  /**
   * The ranked query and the query that selects its matches, filters and all.
   *
   * @param text what the words of the request match (and what highlighting marks: {@link RankedQuery#highlight})
   */
  record Selection(RankedQuery text, DrillDownQuery matches) {}

  /** Every condition of the request over {@code text}: date range, facet filters and date drill-down. */
  static DrillDownQuery matches(Generation gen, Query text, SearchRequest request) {
    DrillDownQuery drillDown = new DrillDownQuery(gen.facetsConfig, withStory(withDateRange(text, request), request));
    for (Map.Entry<String, List<String>> filter : request.filters().entrySet()) {
      for (String value : filter.getValue()) {
        drillDown.add(filter.getKey(), value);
      }
    }
    if (!request.datePath().isEmpty()) {
      drillDown.add(gen.schema.catalog().dateDimension().orElseThrow().name(), request.datePath().toArray(String[]::new));
    }
    return drillDown;
  }

  /** {@code story=<id>}: the copies of one story only. */
  private static Query withStory(Query query, SearchRequest request) {
    if (request.stories().story() == null) {
      return query;
    }
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(NumericDocValuesField.newSlowExactQuery(StoryFields.STORY_KEY, StoryFields.key(request.stories().story())),
            BooleanClause.Occur.FILTER)
        .build();
  }

  private static Query withDateRange(Query query, SearchRequest request) {
    if (request.from() == null && request.to() == null) {
      return query;
    }
    long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
    long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(LongField.newRangeQuery(ArticleFields.PUBLISHED, from, to), BooleanClause.Occur.FILTER)
        .build();
  }
}
