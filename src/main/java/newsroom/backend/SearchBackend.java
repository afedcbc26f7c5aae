package newsroom.backend;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.metrics.Metrics;
import newsroom.model.Article;

/**
 * The seam between the service and the engine that holds the articles: the HTTP API and the page depend on this
 * interface only. The embedded Lucene index ({@code newsroom.lucene}) is one implementation; a distributed
 * engine is another. Every implementation passes the same contract tests and answers with these records.
 *
 * <p>Errors a client caused are {@link InvalidRequestException}s; anything else is the backend's own failure.
 */
public interface SearchBackend extends Closeable {

  /** The catalog the served index was built with: its dimensions are the facets a search can filter by. */
  Catalog catalog();

  /** Full-text search with facet filters, drill-sideways counts, date drill-down and range, sorting and paging. */
  SearchResponse search(SearchRequest request);

  /** Every facet value with its count over the articles a request matches (no hits). */
  default SearchResponse facets(SearchRequest request) {
    return search(request.withPage(1, 0).withSort(SortOrder.RELEVANCE));
  }

  /**
   * The values of one (flat) facet dimension that a person is looking for, with their counts over the articles the
   * request matches (drill-sideways, as in {@link #search}): those of which a word starts with {@code prefix},
   * ignoring case ({@code "ger"} finds "west-germany"), most articles first; every value when the prefix is blank.
   * Unlike the facet counts of a search this is not cut at {@link SearchRequest#MAX_FACET_LIMIT} values before
   * the prefix is applied, where the backend can help it.
   *
   * @throws InvalidRequestException when the index has no such flat dimension
   */
  default FacetView facetValues(SearchRequest request, String dimension, String prefix, int limit) {
    Dimension dim = flatDimension(catalog(), dimension);
    SearchResponse r = facets(request.withFacetLimit(SearchRequest.MAX_FACET_LIMIT));
    FacetView all = r.facets().stream().filter(f -> f.name().equals(dimension)).findFirst().orElseThrow();
    return new FacetView(dim.name(), dim.label(), false, List.of(), matching(all.values(), prefix, limit));
  }

  /** The dimension of that name, unless it is missing or hierarchical (the date): that is the client's mistake. */
  static Dimension flatDimension(Catalog catalog, String name) {
    return catalog
        .dimension(name)
        .filter(d -> !d.hierarchical())
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Unknown facet '" + name + "'",
                    "values can be searched in: "
                        + String.join(
                            ", ", catalog.dimensions().stream().filter(d -> !d.hierarchical()).map(Dimension::name)
                                .toList())));
  }

  /** The values of which a word starts with {@code prefix} (ignoring case), most articles first, then by value. */
  static List<FacetCount> matching(List<FacetCount> values, String prefix, int limit) {
    String p = prefix == null ? "" : prefix.strip().toLowerCase(Locale.ROOT);
    List<FacetCount> found = new ArrayList<>();
    for (FacetCount v : values) {
      if (valueMatches(v.value(), p)) {
        found.add(v);
      }
    }
    found.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
    return List.copyOf(found.subList(0, Math.min(limit, found.size())));
  }

  /**
   * Whether a word of {@code value} (or the whole value) starts with {@code lowerPrefix}; words are split at
   * anything but letters and digits.
   */
  static boolean valueMatches(String value, String lowerPrefix) {
    if (lowerPrefix.isEmpty()) {
      return true;
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (v.startsWith(lowerPrefix)) {
      return true;
    }
    for (int i = 1; i < v.length(); i++) {
      if (!Character.isLetterOrDigit(v.charAt(i - 1)) && v.startsWith(lowerPrefix, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completions of what is being typed in the search box: article titles and facet values (companies, places,
   * ...) with a word starting with each word typed, the last word taken as a prefix; at most {@code limit}.
   * A backend without a suggester answers none.
   */
  default List<Suggestion> suggest(String text, int limit) {
    return List.of();
  }

  /**
   * Whether this backend groups syndicated copies into stories and answers the {@link StoryOptions} of a request.
   * One that does not is never asked to: the API answers such a request with 501. No by default.
   */
  default boolean groupsStories() {
    return false;
  }

  /** The stored article with this id. */
  Optional<Article> article(String id);

  /**
   * Up to {@code limit} other articles whose body reads most like this one's; empty if there is no article with
   * this id.
   */
  Optional<List<SimilarArticle>> similar(String id, int limit);

  /** How many articles are served, and from what. */
  BackendStatus status();

  /**
   * Adds or replaces (by id) articles and deletes ids, as one write: durable and visible to searches when this
   * returns. Articles arrive enriched.
   */
  void write(List<Article> upserts, List<String> deletes) throws IOException;

  /**
   * Rebuilds the served index from its own stored articles under {@code catalog} (edited dimensions or
   * analysis), passing each through {@code transform} (re-tagging), while searches and writes go on; writes
   * that arrive meanwhile are kept. A failure leaves the served index as it was.
   *
   * @return how many articles the rebuilt index holds
   * @throws RebuildRunningException if a rebuild is already running
   */
  long rebuild(Catalog catalog, UnaryOperator<Article> transform) throws IOException;

  /** Follows a new index published by another process (a batch build), if there is one. */
  void refresh() throws IOException;

  // ---- analyst tools: a backend that lacks one answers UnsupportedOperationException (HTTP 501) ----

  /**
   * How many articles the request matches per {@code interval} bucket (UTC), over all its matches (its page,
   * size, sort and cursor are ignored). Bucket counts are those of the date facet: a month's count equals the
   * {@code date} facet's count of that month for the same request.
   */
  default Timeline counts(SearchRequest request, Interval interval) {
    throw new UnsupportedOperationException("this backend has no timeline counts");
  }

  /**
   * Streams every article the request matches to {@code sink}, in the request's sort order (ties in index
   * order), with no result window: constant memory however many match. Page, size and cursor are ignored. An
   * IOException from the sink stops the export and is thrown on.
   *
   * @return how many rows were written
   */
  default long export(SearchRequest request, ExportSink sink) throws IOException {
    throw new UnsupportedOperationException("this backend has no export");
  }

  /**
   * The {@code size} words and two-word phrases most over-represented in the request's matches (or a sample of
   * them, said in the answer) compared with the whole index.
   */
  default SignificantTerms significantTerms(SearchRequest request, int size) {
    throw new UnsupportedOperationException("this backend has no significant terms");
  }

  /**
   * The backend's percolator for saved searches: it matches each written article against them. A backend without
   * one answers UnsupportedOperationException (HTTP 501).
   */
  default SavedSearchMatcher savedSearches() {
    throw new UnsupportedOperationException("saved searches need the embedded Lucene backend");
  }

  /**
   * Adds the backend's own figures to the service's metrics ({@code GET /metrics}): timings of its work, such as
   * search phases and live writes. What every backend reports (articles, size, age, re-index progress) comes from
   * {@link #status()} instead. Each server calls it with its registry when it is created; the backend reports to
   * the last one given. Nothing by default.
   */
  default void registerMetrics(Metrics metrics) {}
}
