package newsroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import newsroom.cli.CorpusIndexer;
import newsroom.enrich.Enricher;
import newsroom.index.IndexSettings;
import newsroom.index.IndexStore;
import newsroom.index.Profile;
import newsroom.index.Schema;
import newsroom.index.ServedIndex;
import newsroom.ingest.Corpus;
import newsroom.search.NewsSearcher;
import newsroom.search.SearchSettings;

/** Builds real indexes for tests with the project's own index-config, the way the CLI does. */
public final class TestIndexes {
  public static final Path CONFIG = Path.of("index-config");
  public static final Path SEED_CORPUS = Path.of("corpus");

  private TestIndexes() {}

  public static CorpusIndexer.Summary build(Path corpus, Path indexRoot) throws IOException {
    return build(corpus, indexRoot, Profile.DEFAULT);
  }

  public static CorpusIndexer.Summary build(Path corpus, Path indexRoot, String profileName) throws IOException {
    Profile profile = Profile.load(CONFIG, profileName);
    return new CorpusIndexer(
            Corpus.at(corpus, Corpus.defaultFormats()),
            Enricher.forProfile(CONFIG, profile),
            Schema.of(profile, IndexSettings.load(CONFIG)),
            2,
            64)
        .build(new IndexStore(indexRoot), 2);
  }

  /** The index's current generation, open for searching (and live writes when {@code writable}). */
  public static ServedIndex serve(Path indexRoot, boolean writable) throws IOException {
    return ServedIndex.open(new IndexStore(indexRoot), writable);
  }

  public static NewsSearcher searcher(ServedIndex index) {
    return new NewsSearcher(index, SearchSettings.load(CONFIG));
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
