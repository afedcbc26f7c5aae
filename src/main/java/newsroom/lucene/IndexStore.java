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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
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
  /**
   * Commit user data of a generation that holds articles written through the live API (or copied from one that
   * did by a rebuild): such articles exist in no corpus folder, so pruning keeps the newest such generation.
   */
  static final String LIVE_WRITES_KEY = "newsroom.live_writes";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path root;

  public IndexStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The generation being served, if one was ever published and its folder is there. */
  public Optional<Path> current() {
    return state() instanceof State.Served served ? Optional.of(served.generation()) : Optional.empty();
  }

  /** What the folder holds: no index yet, a served generation, or a {@code CURRENT} pointer that names none. */
  public sealed interface State {
    /** Nothing was ever committed here: a first build may start. */
    record Empty() implements State {}

    record Served(Path generation) implements State {}

    /**
     * Committed generations are there but {@code CURRENT} does not name one of them: a server must not guess,
     * and must never replace them by a fresh build.
     */
    record Damaged(String problem, List<Path> committed) implements State {}
  }

  public State state() {
    Path pointer = root.resolve(CURRENT);
    try {
      if (Files.isRegularFile(pointer)) {
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        Path gen = name.isEmpty() || name.contains("/") || name.contains("\\") ? null : root.resolve(name);
        if (gen != null && Files.isDirectory(gen) && hasCommit(gen)) {
          return new State.Served(gen);
        }
        String problem =
            name.isEmpty()
                ? "CURRENT is empty"
                : gen == null || !Files.isDirectory(gen)
                    ? "CURRENT names '" + name + "', which is not a generation folder here"
                    : "CURRENT names " + name + ", which holds no committed index";
        return new State.Damaged(problem, committedGenerations());
      }
      List<Path> committed = committedGenerations();
      return committed.isEmpty()
          ? new State.Empty()
          : new State.Damaged("CURRENT is missing", committed);
    } catch (IOException e) {
      return new State.Damaged("cannot read CURRENT: " + e.getMessage(), List.of());
    }
  }

  /**
   * A damaged folder as one line for an operator: what is wrong, which generation is the newest committed one,
   * and how to serve it.
   */
  public static String describe(Path root, State.Damaged damaged) {
    StringBuilder sb = new StringBuilder("the index in " + root + " is damaged: " + damaged.problem() + ".");
    if (damaged.committed().isEmpty()) {
      sb.append(" It holds no committed generation.");
    } else {
      Path newest = damaged.committed().get(damaged.committed().size() - 1);
      sb.append(" Committed generations, oldest first: ")
          .append(String.join(", ", damaged.committed().stream().map(p -> p.getFileName().toString()).toList()))
          .append(". To serve the newest, run: echo ")
          .append(newest.getFileName())
          .append(" > ")
          .append(root.resolve(CURRENT));
    }
    return sb.append(damaged.committed().isEmpty() ? " Nothing was changed." : "; nothing was changed.").toString();
  }

  /** Generation folders that hold a commit, oldest first. */
  public List<Path> committedGenerations() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> committed = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path p :
          children
              .filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()))
              .toList()) {
        if (hasCommit(p)) {
          committed.add(p);
        }
      }
    }
    return committed;
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
   * and is left alone). The newest generation holding live-written articles is kept whatever {@code keep} says,
   * unless {@code discardLiveWrites}: those articles may exist nowhere else.
   */
  public void prune(int keep, boolean discardLiveWrites) {
    Optional<Path> current = current();
    try (Stream<Path> children = Files.list(root)) {
      List<Path> others =
          children
              .filter(p -> p.getFileName().toString().startsWith(PREFIX))
              .filter(p -> current.isEmpty() || !p.equals(current.get()))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
      boolean liveKept = current.isPresent() && holdsLiveWrites(current.get());
      int kept = 0;
      for (Path gen : others) {
        if (!hasCommit(gen)) {
          if (abandoned(gen)) {
            deleteTree(gen);
            log.info("deleted {}, left without a commit by a build that did not finish", gen.getFileName());
          }
          continue;
        }
        boolean live = holdsLiveWrites(gen);
        if (++kept < keep) {
          liveKept |= live;
        } else if (live && !liveKept && !discardLiveWrites) {
          liveKept = true;
          log.warn(
              "kept {} although --keep is {}: it holds articles written through the live API, which the served"
                  + " generation may not have (pass --discard-live-writes to let it go)",
              gen.getFileName(),
              keep);
        } else {
          deleteTree(gen);
          log.info("deleted {}{}", gen.getFileName(), live ? ", with the articles written to it live" : "");
        }
      }
    } catch (IOException e) {
      log.warn("could not prune old generations in {}: {}", root, e.getMessage());
    }
  }

  /** As {@link #prune(int, boolean)}, keeping the newest generation with live-written articles. */
  public void prune(int keep) {
    prune(keep, false);
  }

  /** Whether the generation's latest commit says it holds articles written live (see {@link #LIVE_WRITES_KEY}). */
  static boolean holdsLiveWrites(Path gen) throws IOException {
    try (Directory dir = FSDirectory.open(gen)) {
      if (!DirectoryReader.indexExists(dir)) {
        return false;
      }
      List<IndexCommit> commits = DirectoryReader.listCommits(dir);
      Map<String, String> data = commits.get(commits.size() - 1).getUserData();
      return "true".equals(data.get(LIVE_WRITES_KEY));
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
