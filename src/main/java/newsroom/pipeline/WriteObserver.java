package newsroom.pipeline;

import java.io.IOException;
import java.util.List;
import newsroom.model.Article;

/**
 * Told of the articles of each live write once they are durable in the index and before the write is
 * acknowledged (saved-search alerts match them here). If it throws, the write is answered with an error although
 * the articles are in the index: the client retries, and the same articles are written and observed again.
 */
public interface WriteObserver {
  WriteObserver NONE = articles -> {};

  /** The articles as written: enriched with their labels. */
  void written(List<Article> articles) throws IOException;
}
