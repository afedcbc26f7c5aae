package newsroom.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.model.Article;

/** A corpus on disk: one file or a folder of files in any of the known formats, read in name order. */
public final class Corpus {

  /** What reading the corpus is doing, for progress reports. */
  public interface Progress {
    void fileDone(Path file, long bytes);
  }

  private final List<CorpusFormat> formats;
  private final List<Path> files;

  private Corpus(List<CorpusFormat> formats, List<Path> files) {
    this.formats = formats;
    this.files = files;
  }

  public static List<CorpusFormat> defaultFormats() {
    return List.of(new TextFormat(), new JsonFormat(), new ReutersSgmlFormat(), new FeedFormat(), new Time1963Format());
  }

  /** The corpus at {@code path}; files no format handles (a README, say) are not part of it. */
  public static Corpus at(Path path, List<CorpusFormat> formats) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("no corpus at " + path);
    }
    try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> formats.stream().anyMatch(f -> f.handles(p)))
              .sorted()
              .toList();
      return new Corpus(formats, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Path> files() {
    return files;
  }

  public long totalBytes() {
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        // counted as unreadable when read
      }
    }
    return total;
  }

  /**
   * The label lists the readers of this corpus's files give (Reuters' topics, say) that the catalog has no
   * label dimension for: their values would not be indexed, so the indexer says so before it starts.
   */
  public List<String> uncoveredLabelLists(Catalog catalog) {
    return formats.stream()
        .filter(f -> files.stream().anyMatch(f::handles))
        .flatMap(f -> f.labelLists().stream())
        .distinct()
        .filter(dim -> catalog.dimension(dim).filter(Dimension::fromLabels).isEmpty())
        .toList();
  }

  /** Streams every article; a file or article that cannot be read is reported and the rest goes on. */
  public void read(Consumer<Article> articles, Consumer<IngestProblem> problems, Progress progress) {
    for (Path file : files) {
      Optional<CorpusFormat> format = formats.stream().filter(f -> f.handles(file)).findFirst();
      long size = 0;
      try {
        size = Files.size(file);
        format.orElseThrow().read(file, articles, problems);
      } catch (IOException | UncheckedIOException e) {
        problems.accept(new IngestProblem(file, 0, e.getMessage()));
      }
      progress.fileDone(file, size);
    }
  }

}
