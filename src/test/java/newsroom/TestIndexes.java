package newsroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import newsroom.config.EntityNames;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.http.ApiServer;
import newsroom.http.WriteAccess;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import newsroom.pipeline.LiveIngestion;

/** Builds real indexes for tests with the project's own index-config, the way the CLI does. */
public final class TestIndexes {
  public static final Path CONFIG = Path.of("index-config");
  public static final Path SEED_CORPUS = Path.of("corpus");

  private TestIndexes() {}

  public static CorpusIndexer.Summary build(Path corpus, Path indexRoot) throws IOException {
    return build(corpus, indexRoot, Catalog.DEFAULT_PROFILE);
  }

  public static CorpusIndexer.Summary build(Path corpus, Path indexRoot, String profileName) throws IOException {
    Catalog catalog = Catalog.load(CONFIG, profileName);
    return new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), Enricher.forCatalog(CONFIG, catalog), 2)
        .build(LuceneBackend.newBuild(indexRoot, catalog, 64, 2));
  }

  /** Reuters-21578 indexed with the reuters profile, and what the build reported. */
  public record Built(Path root, CorpusIndexer.Summary summary) {}

  private static Built reuters;

  /**
   * Reuters-21578 (21,578 articles) indexed once per test JVM with the reuters profile, for tests that only read
   * it; deleted when the JVM exits. Building takes most of a minute on two cores, so test classes share it.
   */
  public static synchronized Built reuters() throws IOException {
    if (reuters == null) {
      Path root = Files.createTempDirectory("newsroom-reuters-index");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        } catch (IOException e) {
          // a temporary folder left behind
        }
      }));
      reuters = new Built(root, build(ReutersCollection.DIR, root, "reuters"));
    }
    return reuters;
  }

  /** The index's current generation, open for searching (and live writes when {@code writable}). */
  public static LuceneBackend open(Path indexRoot, boolean writable) throws IOException {
    return LuceneBackend.open(indexRoot, writable, settings(), entityNames());
  }

  /** The entity names of the project's dictionaries, for query expansion, as the server loads them. */
  public static Function<Catalog, EntityNames> entityNames() {
    return catalog -> Enricher.forCatalog(CONFIG, catalog).entityNames();
  }

  /**
   * The project's search.json with a time limit of 10 s: functional tests must not fail because a loaded
   * machine made one search slow. {@link #productionSettings()} is search.json as it is (CostlyQueriesTest).
   */
  public static SearchSettings settings() {
    return withSearchTimeout(productionSettings(), 10_000);
  }

  public static SearchSettings productionSettings() {
    return SearchSettings.load(CONFIG);
  }

  public static SearchSettings withSearchTimeout(SearchSettings s, int ms) {
    return s.withSearchTimeoutMs(ms);
  }

  /** Server options for live writes through {@code backend}, tagged with the dictionaries in {@code config}. */
  public static ApiServer.Options liveWrites(LuceneBackend backend, Path config, String token, long maxBodyBytes) {
    return new ApiServer.Options(new LiveIngestion(backend, config), WriteAccess.withToken(token), maxBodyBytes);
  }

  /** A new corpus folder holding copies of the seed articles, for tests that add articles of their own. */
  public static Path copyOfSeedCorpus(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> seeds = Files.list(SEED_CORPUS)) {
      for (Path seed : seeds.filter(p -> p.toString().endsWith(".txt")).toList()) {
        Files.copy(seed, dir.resolve(seed.getFileName()));
      }
    }
    return dir;
  }
}
