package newsroom.backend;

import java.io.Closeable;
import java.io.IOException;
import newsroom.model.Article;

/**
 * A whole new index being built from a corpus, served by nobody until {@link #publish}. Safe to {@link #add}
 * from several threads. Closing a build that was not published discards it: the served index never sees a
 * partial or failed build.
 */
public interface IndexBuild extends Closeable {

  /** Adds an article; a later article with the same id replaces it. */
  void add(Article article) throws IOException;

  void delete(String id) throws IOException;

  /** Articles added so far. */
  long added();

  /**
   * Makes the build the served index, atomically.
   *
   * @return the name of what is now served (a generation folder, a collection)
   */
  String publish() throws IOException;
}
