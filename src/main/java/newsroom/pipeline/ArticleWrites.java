package newsroom.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * Changes to the served corpus as the HTTP layer receives them. {@link LiveIngestion} implements it, so live
 * additions go through the same reading and tagging as the batch indexer.
 */
public interface ArticleWrites {

  /**
   * Adds or replaces (by id) the articles in a JSON object, JSON array, or JSON-lines body. All or nothing: a
   * body with any bad article is refused whole. Durable and searchable when this returns.
   *
   * @return the ids written
   */
  List<String> upsert(String body, boolean jsonLines) throws IOException;

  /** Removes the article; false if there was none with that id. */
  boolean delete(String id) throws IOException;

  /**
   * Rebuilds the index from its stored articles with the current index-config (dictionaries, analysis), replays
   * writes that arrive meanwhile and switches to the result.
   *
   * @return how many articles the new index holds
   */
  long reindex() throws IOException;
}
