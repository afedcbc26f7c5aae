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

  /** The index's current generation, open for searching (and live writes when {@code writable}). */
  public static LuceneBackend open(Path indexRoot, boolean writable) throws IOException {
    return LuceneBackend.open(indexRoot, writable, settings(), entityNames());
  }

  /** The entity names of the project's dictionaries, for query expansion, as the server loads them. */
  public static Function<Catalog, EntityNames> entityNames() {
    return catalog -> Enricher.forCatalog(CONFIG, catalog).entityNames();
  }

  public static SearchSettings settings() {
    return SearchSettings.load(CONFIG);
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
