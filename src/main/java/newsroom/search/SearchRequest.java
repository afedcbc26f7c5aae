package newsroom.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    int facetLimit) {

  public SearchRequest {
    query = query == null ? "" : query;
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    datePath = datePath == null ? List.of() : List.copyOf(datePath);
    sort = sort == null ? SortOrder.RELEVANCE : sort;
  }

  /** A first page of hits for a query, no filters: handy in code and tests. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Map.of(), List.of(), null, null, SortOrder.RELEVANCE, 1, 10, 20);
  }

  public SearchRequest withFilter(String dim, String... values) {
    Map<String, List<String>> f = new java.util.HashMap<>(filters);
    f.put(dim, List.of(values));
    return new SearchRequest(query, f, datePath, from, to, sort, page, size, facetLimit);
  }

  public SearchRequest withDate(String... path) {
    return new SearchRequest(query, filters, List.of(path), from, to, sort, page, size, facetLimit);
  }

  public SearchRequest withSort(SortOrder order) {
    return new SearchRequest(query, filters, datePath, from, to, order, page, size, facetLimit);
  }

  public SearchRequest withPage(int newPage, int newSize) {
    return new SearchRequest(query, filters, datePath, from, to, sort, newPage, newSize, facetLimit);
  }
}
