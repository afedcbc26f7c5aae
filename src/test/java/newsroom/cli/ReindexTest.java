package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.pipeline.CorpusIndexer;
import newsroom.enrich.Enricher;
import newsroom.model.Article;
import newsroom.backend.IndexBuild;
import newsroom.lucene.IndexStore;
import newsroom.config.Catalog;
import newsroom.lucene.LuceneBackend;
import newsroom.ingest.Corpus;
import newsroom.ingest.CorpusFormat;
import newsroom.ingest.IngestProblem;
import newsroom.backend.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building, re-building and swapping index generations while a searcher is serving. */
class ReindexTest {
  @TempDir Path tmp;

  @Test
  void brokenCorpusFilesAreSkippedAndReportedTheRestIndexed() throws Exception {
    Path corpus = TestIndexes.copyOfSeedCorpus(tmp.resolve("corpus"));
    Files.write(corpus.resolve("garbage.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    Files.writeString(corpus.resolve("cut.jsonl"), "{\"id\":\"ok\",\"body\":\"CAC fined Didi\"}\n{\"id\":\"bad\",\"bo");

    CorpusIndexer.Summary summary = TestIndexes.build(corpus, tmp.resolve("index"));

    assertEquals(6, summary.indexed());
    assertEquals(2, summary.skipped().size(), summary.skipped().toString());
    assertTrue(summary.skipped().stream().anyMatch(p -> p.where().endsWith("garbage.txt")));
    assertTrue(summary.skipped().stream().anyMatch(p -> p.where().endsWith("cut.jsonl") && p.line() == 2));
    try (LuceneBackend searcher = TestIndexes.open(tmp.resolve("index"), false)) {
      assertEquals(6, searcher.status().articles());
      assertEquals(List.of("ok"), searcher.search(SearchRequest.of("fined")).hits().stream().map(h -> h.id()).toList());
    }
  }

  @Test
  void aFailedReindexLeavesTheServedIndexUntouched() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    IndexStore store = new IndexStore(root);
    Path served = store.current().orElseThrow();

    try (LuceneBackend searcher = TestIndexes.open(root, false)) {
      // A corpus reader that dies after two articles, as a crashing import would.
      CorpusFormat dying =
          new CorpusFormat() {
            public boolean handles(Path file) {
              return true;
            }

            public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems) {
              articles.accept(new Article("n1", "New", "new body", null, null, null, Map.of()));
              articles.accept(new Article("n2", "New", "new body", null, null, null, Map.of()));
              throw new IllegalStateException("importer crashed");
            }
          };
      Catalog catalog = Catalog.load(TestIndexes.CONFIG, Catalog.DEFAULT_PROFILE);
      CorpusIndexer indexer =
          new CorpusIndexer(
              Corpus.at(TestIndexes.SEED_CORPUS, List.of(dying)), Enricher.forCatalog(TestIndexes.CONFIG, catalog), 2);
      assertThrows(IllegalStateException.class, () -> indexer.build(LuceneBackend.newBuild(root, catalog, 16, 2)));

      assertEquals(served, store.current().orElseThrow());
      searcher.refresh();
      assertEquals(served, searcher.servedGeneration());
      assertEquals(5, searcher.status().articles());
      assertEquals(SeedCorpus.allIds().size(), searcher.search(SearchRequest.of("")).total());
      try (Stream<Path> gens = Files.list(root)) {
        assertEquals(1, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count(),
            "the abandoned generation was deleted");
      }
    }
  }

  @Test
  void aSuccessfulReindexIsPickedUpWithoutRestart() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    try (LuceneBackend searcher = TestIndexes.open(root, false)) {
      Path before = searcher.servedGeneration();
      assertEquals(5, searcher.status().articles());

      Path smaller = tmp.resolve("smaller");
      Files.createDirectories(smaller);
      Files.copy(
          TestIndexes.SEED_CORPUS.resolve("004-china-cracks-down-personal-data.txt"),
          smaller.resolve("only.txt"));
      TestIndexes.build(smaller, root);

      searcher.refresh();
      assertNotEquals(before, searcher.servedGeneration());
      assertEquals(1, searcher.status().articles());
    }
  }

  @Test
  void oldGenerationsArePrunedKeepingTheCurrentAndOneBefore() throws IOException {
    Path root = tmp.resolve("index");
    for (int i = 0; i < 4; i++) {
      TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    }
    try (Stream<Path> gens = Files.list(root)) {
      assertEquals(2, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count());
    }
  }

  @Test
  void aGenerationLeftByAKilledBuildIsDeletedButOneStillBuildingIsNot() throws IOException {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    IndexStore store = new IndexStore(root);
    Path killed = Files.createDirectories(root.resolve("gen-00000000-000000-000")); // no commit, no lock holder
    Path served = store.current().orElseThrow();
    Catalog catalog = Catalog.load(TestIndexes.CONFIG, Catalog.DEFAULT_PROFILE);
    try (IndexBuild running = LuceneBackend.newBuild(root, catalog, 16, 2)) {
      store.prune(2);
      assertFalse(Files.exists(killed));
      assertTrue(Files.exists(served));
      try (Stream<Path> gens = Files.list(root)) {
        assertEquals(2, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count(),
            "the served generation and the one still being built");
      }
    }
  }
}
