package newsroom.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import newsroom.index.Article;

/** One file format a corpus can be written in. */
public interface CorpusFormat {

  /** Whether this format reads the file (by its name). */
  boolean handles(Path file);

  /**
   * Streams the file's articles to {@code articles}; an article that cannot be read goes to {@code problems}
   * and reading goes on. An exception means the whole file is unreadable.
   */
  void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems) throws IOException;
}
