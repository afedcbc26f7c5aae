package newsroom.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;

/**
 * One search.
 *
 * @param query Lucene classic query syntax; blank matches every article
 * @param filters selected facet values by dimension: OR within a dimension, AND across dimensions
 * @param datePath selected date as year, month, day (any prefix); empty for none
 * @param from inclusive lower bound of the publication date, or null
 * @param to inclusive upper bound of the publication date, or null
 * @param page 1-based
 * @param facetLimit how many values to return per facet dimension
 * @param syntax how {@code query} is read: Lucene syntax, plain words, or decided by the text (see
 *     {@link QuerySyntax})
 * @param feedback pseudo-relevance feedback for a plain-word query; null for the backend's configured default
 * @param explain each hit says what its score is made of ({@link SearchResponse.Hit#explanation})
 * @param cursor deep paging: null for page-numbered results; {@code *} for the first page of a cursor walk, else
 *     the {@link SearchResponse#nextCursor} of the page before (opaque, backend-specific)
 * @param stories collapsing copies into stories, the copies of one story, counting stories ({@link StoryOptions})
 */
public record SearchRequest(
    String query,
    Map<String, List<String>> filters,
    List<String> datePath,
    Instant from,
    Instant to,
    SortOrder sort,
    int page,
    int size,
    int facetLimit,
    QuerySyntax syntax,
    Feedback feedback,
    boolean explain,
    String cursor,
    StoryOptions stories) {

  /** The cursor that starts a walk through every match. */
  public static final String FIRST_CURSOR = "*";

  /** The most values a request may ask for per dimension. */
  public static final int MAX_FACET_LIMIT = 1000;

  public SearchRequest {
    query = query == null ? "" : query;
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    datePath = datePath == null ? List.of() : List.copyOf(datePath);
    sort = sort == null ? SortOrder.RELEVANCE : sort;
    syntax = syntax == null ? QuerySyntax.AUTO : syntax;
    cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
    stories = stories == null ? StoryOptions.NONE : stories;
  }

  /** A search with the query read by {@link QuerySyntax#AUTO}, the default feedback, and no explanations. */
  public SearchRequest(
      String query,
      Map<String, List<String>> filters,
      List<String> datePath,
      Instant from,
      Instant to,
      SortOrder sort,
      int page,
      int size,
      int facetLimit) {
    this(query, filters, datePath, from, to, sort, page, size, facetLimit, QuerySyntax.AUTO, null, false, null, null);
  }

  /** The syntax this request's query is read in: {@link QuerySyntax#LUCENE} or {@link QuerySyntax#PLAIN}. */
  public QuerySyntax resolvedSyntax() {
    return syntax.resolve(query);
  }

  /**
   * Refuses what no backend can answer: a page out of range, an impossible date range, a filter by a dimension
   * the served index does not have. Every backend calls this first, so all of them refuse alike.
   */
  public void check(SearchSettings settings, Catalog catalog) {
    if (query.length() > settings.maxQueryLength()) {
      throw new InvalidRequestException(
          "Query too long",
          "q has " + query.length() + " characters; at most " + settings.maxQueryLength() + " are allowed");
    }
    if (page < 1) {
      throw new InvalidRequestException("Invalid page", "page starts at 1");
    }
    if (size < 0 || size > settings.maxPageSize()) {
      throw new InvalidRequestException("Invalid size", "size must be between 0 and " + settings.maxPageSize());
    }
    if ((long) page * size > settings.maxResultWindow()) {
      throw new InvalidRequestException(
          "Page out of range",
          "page * size may be at most " + settings.maxResultWindow() + "; narrow the query instead");
    }
    if (cursor != null && stories.collapse()) {
      throw new InvalidRequestException(
          "Cursor with collapse", "a cursor walk goes through articles: leave collapse out, or page by page number");
    }
    if (cursor != null && page != 1) {
      throw new InvalidRequestException(
          "Page with cursor", "a cursor walk has no page numbers: leave page out and follow next_cursor");
    }
    if (facetLimit < 1 || facetLimit > MAX_FACET_LIMIT) {
      throw new InvalidRequestException(
          "Invalid facet limit", "facet_limit must be between 1 and " + MAX_FACET_LIMIT);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidRequestException("Invalid date range", "from is after to");
    }
    if (stories.any() && !catalog.groupsStories()) {
      throw new InvalidRequestException(
          "No stories in this index",
          "this index does not group copies into stories (it was built before they were, or with stories.json's"
              + " \"enabled\": false): re-index it (POST /api/admin/reindex) to use collapse, story or count=stories");
    }
    for (String dim : filters.keySet()) {
      if (catalog.dimension(dim).filter(d -> !d.hierarchical()).isEmpty()) {
        throw unknownFacet(dim, catalog);
      }
    }
    if (!datePath.isEmpty() && catalog.dateDimension().isEmpty()) {
      throw unknownFacet("date", catalog);
    }
  }

  private static InvalidRequestException unknownFacet(String name, Catalog catalog) {
    return new InvalidRequestException(
        "Unknown facet '" + name + "'", "this index has facets: " + String.join(", ", catalog.names()));
  }

  /** A first page of hits for a query, no filters: handy in code and tests. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Map.of(), List.of(), null, null, SortOrder.RELEVANCE, 1, 10, 20);
  }

  public SearchRequest withFilter(String dim, String... values) {
    Map<String, List<String>> f = new java.util.HashMap<>(filters);
    f.put(dim, List.of(values));
    return new SearchRequest(query, f, datePath, from, to, sort, page, size, facetLimit, syntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withDate(String... path) {
    return new SearchRequest(query, filters, List.of(path), from, to, sort, page, size, facetLimit, syntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withSort(SortOrder order) {
    return new SearchRequest(query, filters, datePath, from, to, order, page, size, facetLimit, syntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withFacetLimit(int limit) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, limit, syntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withQuery(String newQuery) {
    return new SearchRequest(newQuery, filters, datePath, from, to, sort, page, size, facetLimit, syntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withSyntax(QuerySyntax newSyntax) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, facetLimit, newSyntax, feedback, explain, cursor, stories);
  }

  public SearchRequest withFeedback(Feedback newFeedback) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, facetLimit, syntax, newFeedback, explain, cursor, stories);
  }

  public SearchRequest withExplain(boolean newExplain) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, facetLimit, syntax, feedback, newExplain, cursor, stories);
  }

  public SearchRequest withCursor(String newCursor) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, facetLimit, syntax, feedback, explain, newCursor, stories);
  }

  public SearchRequest withStories(StoryOptions newStories) {
    return new SearchRequest(query, filters, datePath, from, to, sort, page, size, facetLimit, syntax, feedback, explain, cursor, newStories);
  }

  public SearchRequest withPage(int newPage, int newSize) {
    return new SearchRequest(query, filters, datePath, from, to, sort, newPage, newSize, facetLimit, syntax, feedback, explain, cursor, stories);
  }
}
