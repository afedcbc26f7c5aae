package newsroom.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import newsroom.model.Article;

/** One file format a corpus can be written in. */
public interface CorpusFormat {

  /**
   * The label lists this format reads from the file itself, by the dimension name their values go to; a profile
   * for such a corpus declares those dimensions {@code "from": "corpus"}. Formats whose articles name their own
   * labels (JSON) have none fixed.
   */
  default List<String> labelLists() {
    return List.of();
  }

  /** Whether this format reads the file (by its name). */
  boolean handles(Path file);

  /**
   * Streams the file's articles to {@code articles}; an article that cannot be read goes to {@code problems}
   * and reading goes on. An exception means the whole file is unreadable.
   */
  void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems) throws IOException;
}
