package newsroom.backend;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import newsroom.model.Article;

/**
 * A percolator: it holds searches rather than articles, and tells which of them a newly written article matches,
 * exactly as the same search run on the index would find it. The saved-search alerts ({@code newsroom.alerts})
 * keep the searches durably and register them here at startup; the backend keeps only its compiled form.
 */
public interface SavedSearchMatcher {

  /**
   * Refuses a search the backend could not run, with the same {@link InvalidRequestException} a search with it
   * gets (a query that does not parse, an unknown facet); does nothing otherwise.
   */
  void check(SearchRequest request);

  /** Adds (or replaces) a search to match written articles against; it is {@link #check}ed first. */
  void register(String id, SearchRequest request);

  void unregister(String id);

  /**
   * The ids of the registered searches each article matches (articles as they are written: enriched), by article
   * id; an article that matches none is left out.
   */
  Map<String, List<String>> match(List<Article> articles) throws IOException;
}
