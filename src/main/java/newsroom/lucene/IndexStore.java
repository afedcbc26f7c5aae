package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index folder that holds generations of the index side by side and a {@code CURRENT} file naming the one
 * being served. A re-index writes a new generation and only then swaps {@code CURRENT} with an atomic rename, so
 * a failed or killed build never touches the generation in service.
 */
public final class IndexStore {
  private static final Logger log = LoggerFactory.getLogger(IndexStore.class);
  private static final String CURRENT = "CURRENT";
  private static final String PREFIX = "gen-";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path root;

  public IndexStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The generation being served, if one was ever published. */
  public Optional<Path> current() {
    Path pointer = root.resolve(CURRENT);
    try {
      if (!Files.isRegularFile(pointer)) {
        return Optional.empty();
      }
      String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      Path gen = root.resolve(name);
      return Files.isDirectory(gen) ? Optional.of(gen) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** When the served generation was published: the time {@code CURRENT} was last switched. */
  public Optional<Instant> publishedAt() {
    try {
      return Optional.of(Files.getLastModifiedTime(root.resolve(CURRENT)).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A new, empty generation folder that nothing serves yet. */
  public Path newGeneration() {
    try {
      Files.createDirectories(root);
      Path gen = root.resolve(PREFIX + LocalDateTime.now().format(STAMP));
      int n = 1;
      while (Files.exists(gen)) {
        gen = root.resolve(PREFIX + LocalDateTime.now().format(STAMP) + "-" + n++);
      }
      return Files.createDirectory(gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code generation} the served one: written to a temporary file, synced, then renamed atomically. */
  public void publish(Path generation) {
    try {
      Path tmp = root.resolve(CURRENT + ".tmp");
      Files.writeString(
          tmp,
          generation.getFileName().toString() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
      log.info("now serving {}", generation.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes generations other than the current one and the {@code keep - 1} newest complete ones before it, and
   * any generation a killed build left without a commit (one whose build is still running holds its write lock
   * and is left alone).
   */
  public void prune(int keep) {
    Optional<Path> current = current();
    try (Stream<Path> children = Files.list(root)) {
      List<Path> others =
          children
              .filter(p -> p.getFileName().toString().startsWith(PREFIX))
              .filter(p -> current.isEmpty() || !p.equals(current.get()))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
      int kept = 0;
      for (Path gen : others) {
        if (!hasCommit(gen)) {
          if (abandoned(gen)) {
            deleteTree(gen);
            log.info("deleted {}, left without a commit by a build that did not finish", gen.getFileName());
          }
        } else if (++kept >= keep) {
          deleteTree(gen);
        }
      }
    } catch (IOException e) {
      log.warn("could not prune old generations in {}: {}", root, e.getMessage());
    }
  }

  private static boolean hasCommit(Path gen) throws IOException {
    try (Directory dir = FSDirectory.open(gen)) {
      return DirectoryReader.indexExists(dir);
    }
  }

  /** No process holds the generation's write lock: whoever was building it is gone. */
  private static boolean abandoned(Path gen) throws IOException {
    try (Directory dir = FSDirectory.open(gen);
        Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      return true;
    } catch (LockObtainFailedException e) {
      return false;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
