package newsroom.lucene;

import java.util.List;
import java.util.Map;
import newsroom.backend.SearchRequest;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * The query that selects a request's matches, as {@link LuceneBackend#search} builds it: the parsed query text,
 * the date range, and the facet filters and date drill-down as a drill-down. The analyst tools (timeline, export,
 * cursor pages, significant terms) select exactly what a search with the same request matches.
 */
final class RequestQueries {
  private RequestQueries() {}

  /** The user's query text alone (what highlighting marks). */
  static Query text(Generation gen, SearchRequest request, SearchSettings settings) {
    return QueryParsing.parse(request.query(), gen.analyzer, settings);
  }

  /** Every condition of the request: text, date range, facet filters and date drill-down. */
  static Query matches(Generation gen, Query text, SearchRequest request) {
    Catalog catalog = gen.schema.catalog();
    Query base = text;
    if (request.from() != null || request.to() != null) {
      long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
      long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
      base =
          new BooleanQuery.Builder()
              .add(text, BooleanClause.Occur.MUST)
              .add(LongField.newRangeQuery(ArticleFields.PUBLISHED, from, to), BooleanClause.Occur.FILTER)
              .build();
    }
    if (request.filters().isEmpty() && request.datePath().isEmpty()) {
      return base;
    }
    DrillDownQuery drillDown = new DrillDownQuery(gen.facetsConfig, base);
    for (Map.Entry<String, List<String>> filter : request.filters().entrySet()) {
      for (String value : filter.getValue()) {
        drillDown.add(filter.getKey(), value);
      }
    }
    if (!request.datePath().isEmpty()) {
      drillDown.add(catalog.dateDimension().orElseThrow().name(), request.datePath().toArray(String[]::new));
    }
    return drillDown;
  }
}
