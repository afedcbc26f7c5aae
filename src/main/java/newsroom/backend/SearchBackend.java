package newsroom.backend;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import newsroom.config.Catalog;
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

  /**
   * Adds the backend's own figures to the service's metrics ({@code GET /metrics}): timings of its work, such as
   * search phases and live writes. What every backend reports (articles, size, age, re-index progress) comes from
   * {@link #status()} instead. Each server calls it with its registry when it is created; the backend reports to
   * the last one given. Nothing by default.
   */
  default void registerMetrics(Metrics metrics) {}
}
