package newsroom.solr;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.lucene.QueryCheck;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;

/**
 * The Solr query that selects a request's matches, the same for every read of the backend (search, cursor pages,
 * timeline counts, export, significant terms): the text as edismax over title and body with the boosts of
 * search.json, each facet filter as an {@code fq} tagged with its dimension (so a facet can exclude it:
 * drill-sideways), the date path and the date range.
 */
final class SolrQueries {
  private SolrQueries() {}

  /**
   * The request's matches, after refusing what the embedded index refuses: the request checks of every backend,
   * and a Lucene-syntax query parsed with the same classic parser and analyzer (edismax would quietly search a
   * broken query as plain words).
   */
  static SolrQuery matching(SearchRequest request, Catalog catalog, SearchSettings settings, QueryCheck queries) {
    request.check(settings, catalog);
    SolrQuery q = new SolrQuery();
    if (request.query().isBlank()) {
      q.setQuery("*:*");
    } else {
      queries.check(request, settings);
      q.set("defType", "edismax");
      q.setQuery(request.query());
      q.set("qf", ArticleFields.TEXT.stream()
          .map(f -> f + "^" + settings.fieldBoosts().getOrDefault(f, 1f)).collect(Collectors.joining(" ")));
      // A match in both fields counts both, as the classic parser's sum over fields does.
      q.set("tie", "1.0");
      // Split on whitespace before analysis, as the classic parser does.
      q.set("sow", "true");
      q.set("q.op", "AND".equalsIgnoreCase(settings.defaultOperator()) ? "AND" : "OR");
    }
    for (Map.Entry<String, List<String>> filter : request.filters().entrySet()) {
      String field = SolrSchema.facetField(filter.getKey());
      q.addFilterQuery(
          "{!tag=" + tag(filter.getKey()) + "}"
              + filter.getValue().stream().map(v -> field + ":" + quote(v)).collect(Collectors.joining(" OR ")));
    }
    if (!request.datePath().isEmpty()) {
      String path = String.join("/", request.datePath());
      q.addFilterQuery(
          "{!tag=" + tag(catalog.dateDimension().orElseThrow().name()) + "}"
              + SolrSchema.dateField(request.datePath().size()) + ":" + quote(path));
    }
    if (request.from() != null || request.to() != null) {
      q.addFilterQuery(
          ArticleFields.PUBLISHED + ":["
              + (request.from() == null ? "*" : request.from().toEpochMilli()) + " TO "
              + (request.to() == null ? "*" : request.to().toEpochMilli()) + "]");
    }
    return q;
  }

  /**
   * Solr's sort for an order. Every one ends on the unique key, so it is a total order (what a cursor needs) and
   * ties break alike on every page; undated articles go last either way ({@code sortMissingLast}).
   */
  static String sort(SortOrder order) {
    return switch (order) {
      case RELEVANCE -> "score desc,id asc";
      case DATE -> "published asc,score desc,id asc";
      case NEWEST -> "published desc,score desc,id asc";
    };
  }

  /** The tag of a dimension's filter, which its own facet excludes. */
  static String tag(String dim) {
    return "t_" + dim;
  }

  /** A value as one quoted term of Solr's standard query syntax. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
