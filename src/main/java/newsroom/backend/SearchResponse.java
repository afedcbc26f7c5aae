package newsroom.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param nextCursor in a cursor walk, the cursor of the next page; null when the walk is over or when the request
 *     had no cursor
 */
public record SearchResponse(
    String query,
    long total,
    long tookMs,
    int page,
    int size,
    String sort,
    List<Hit> hits,
    List<FacetView> facets,
    String nextCursor) {

  /** A page-numbered answer (no cursor). */
  public SearchResponse(
      String query, long total, long tookMs, int page, int size, String sort, List<Hit> hits, List<FacetView> facets) {
    this(query, total, tookMs, page, size, sort, hits, facets, null);
  }

  /**
   * One matching article.
   *
   * @param titleHtml the title as HTML: escaped, matched terms in {@code <mark>}
   * @param snippets passages of the body as HTML: escaped, matched terms in {@code <mark>}
   * @param score relevance score (null when the index has none for this hit)
   */
  public record Hit(
      String id,
      String title,
      String source,
      String url,
      Instant published,
      Float score,
      String titleHtml,
      List<String> snippets,
      Map<String, List<String>> labels) {}

  /**
   * Counts for one facet dimension, computed drill-sideways: a dimension's own selection does not narrow its
   * own counts, so the other values stay visible and can be added to the selection.
   *
   * @param path for the date: the selected year / month the values are children of; empty otherwise
   */
  public record FacetView(
      String name, String label, boolean hierarchical, List<String> path, List<FacetCount> values) {}

  public record FacetCount(String value, long count, boolean selected) {}
}
