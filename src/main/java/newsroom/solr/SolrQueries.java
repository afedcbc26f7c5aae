package newsroom.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.config.Catalog;
import newsroom.config.EntityNames;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import newsroom.lucene.NamedEntities;
import newsroom.lucene.QueryCheck;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * The Solr query that selects a request's matches, the same for every read of the backend (search, cursor pages,
 * timeline counts, export, significant terms): the text as edismax over title and body with the boosts of
 * search.json, each facet filter as an {@code fq} tagged with its dimension (so a facet can exclude it:
 * drill-sideways), the date path and the date range.
 */
final class SolrQueries {
  private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT");
  private final Catalog catalog;
  private final SearchSettings settings;
  private final QueryCheck check;
  /** The entity names plain words are expanded with; null when search.json turns the expansion off. */
  private final NamedEntities entities;

  private SolrQueries(Catalog catalog, SearchSettings settings, QueryCheck check, NamedEntities entities) {
    this.catalog = catalog;
    this.settings = settings;
    this.check = check;
    this.entities = entities;
  }

  /** The queries of a collection built with {@code catalog}, its plain words expanded with its entity names. */
  static SolrQueries of(Catalog catalog, SearchSettings settings, Function<Catalog, EntityNames> entityNames) {
    RankingSettings.Entities expansion = settings.ranking().entities();
    NamedEntities entities =
        expansion.enabled() ? new NamedEntities(entityNames.apply(catalog), expansion, catalog) : null;
    return new SolrQueries(catalog, settings, new QueryCheck(catalog), entities);
  }

  /**
   * The request's matches, after refusing what the embedded index refuses: the request checks of every backend,
   * and a Lucene-syntax query parsed with the same classic parser and analyzer (edismax would quietly search a
   * broken query as plain words).
   */
  SolrQuery matching(SearchRequest request) {
    request.check(settings, catalog);
    SolrQuery q = new SolrQuery();
    if (request.query().isBlank()) {
      q.setQuery("*:*");
    } else {
      check.check(request, settings);
      q.set("defType", "edismax");
      q.set("qf", ArticleFields.TEXT.stream()
          .map(f -> f + "^" + settings.fieldBoosts().getOrDefault(f, 1f)).collect(Collectors.joining(" ")));
      // A match in both fields counts both, as the classic parser's sum over fields does.
      q.set("tie", "1.0");
      // Split on whitespace before analysis, as the classic parser does.
      q.set("sow", "true");
      if (request.resolvedSyntax() == QuerySyntax.PLAIN) {
        plainWords(q, request.query());
      } else {
        q.setQuery(request.query());
        q.set("q.op", "AND".equalsIgnoreCase(settings.defaultOperator()) ? "AND" : "OR");
      }
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
   * Plain words as the embedded index reads them ({@code PlainWords}, {@code RankedQuery}): every word OR'd,
   * whatever the default operator, no character or word an operator (each escaped); the other names of the
   * entities the words name, each a quoted phrase weighted by {@code ranking.entities.weight}, which add matches;
   * and the proximity boost as edismax's word-pair phrases ({@code pf2}) in the body: {@code ranking.proximity}'s
   * {@code phrase_weight} for the two words side by side (slop 0), its {@code weight} for the two within
   * {@code window} words ({@code window - 1} slop), which only reorder.
   */
  private void plainWords(SolrQuery q, String text) {
    StringBuilder query = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      String escaped = ClientUtils.escapeQueryChars(word);
      // Operator words are words here: escaping their first letter makes them plain terms for edismax.
      query.append(OPERATORS.contains(word) ? "\\" + escaped : escaped).append(' ');
    }
    if (entities != null) {
      float weight = settings.ranking().entities().weight();
      for (List<String> names : entities.otherNames(text)) {
        for (String name : names) {
          query.append(quote(name)).append('^').append(weight).append(' ');
        }
      }
    }
    q.setQuery(query.toString().strip());
    q.set("q.op", "OR");
    RankingSettings.Proximity proximity = settings.ranking().proximity();
    List<String> pairs = new ArrayList<>();
    if (proximity.phraseWeight() > 0) {
      pairs.add(ArticleFields.BODY + "~0^" + proximity.phraseWeight());
    }
    if (proximity.weight() > 0) {
      pairs.add(ArticleFields.BODY + "~" + (proximity.window() - 1) + "^" + proximity.weight());
    }
    if (!pairs.isEmpty()) {
      q.set("pf2", String.join(" ", pairs));
    }
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
