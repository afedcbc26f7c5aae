package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import newsroom.TestIndexes;
import newsroom.backend.SearchRequest;
import newsroom.lucene.IndexStore;
import newsroom.lucene.LuceneBackend;
import newsroom.model.Article;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that must never destroy the served index: a corpus build that indexes nothing, pruning after repeated
 * builds when live-written articles exist nowhere else, and {@code serve} on a folder whose CURRENT pointer is
 * missing or dangling. Each of these lost data before.
 */
class DataLossTest {
  @TempDir Path tmp;

  Options options(String... args) {
    return new Options(args, Set.of("corpus", "index", "config", "profile", "threads", "port", "keep",
        "write-token-file", "max-body-mb", "reload-seconds", "ram-buffer-mb"), Set.of("discard-live-writes"), Map.of());
  }

  List<String> generations(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gen-")).sorted().toList();
    }
  }

  @Test
  void anEmptyCorpusIsNeverPublishedAndTheRunningServerKeepsItsArticles() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path invalid = Files.createDirectories(tmp.resolve("invalid"));
    Files.writeString(invalid.resolve("a.jsonl"), "{not json\n{\"id\":\"x\"}\n");
    Files.write(invalid.resolve("b.txt"), new byte[] {(byte) 0xff, 0, 1});
    try (LuceneBackend server = TestIndexes.open(root, false)) {
      Path served = server.servedGeneration();
      for (Path corpus : List.of(empty, invalid)) {
        IOException e =
            assertThrows(IOException.class, () -> Main.index(options("--corpus", corpus.toString(), "--index",
                root.toString(), "--threads", "2")));
        assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
        server.refresh(); // what the server's 2-second reload does
        assertEquals(served, server.servedGeneration());
        assertEquals(5, server.status().articles());
      }
      assertEquals(List.of(served.getFileName().toString()), generations(root), "no empty generation left behind");
    }
  }

  @Test
  void repeatedCorpusBuildsNeverPruneTheLastGenerationWithLiveWrittenArticles() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    try (LuceneBackend server = TestIndexes.open(root, true)) {
      server.write(List.of(new Article("live-1", "Live", "Written through the API only", "Wire", null, null,
          Map.of())), List.of());
    }
    String live = new IndexStore(root).current().orElseThrow().getFileName().toString();
    for (int i = 0; i < 3; i++) {
      Main.index(options("--corpus", TestIndexes.SEED_CORPUS.toString(), "--index", root.toString(), "--keep", "2"));
    }
    assertTrue(generations(root).contains(live), "the generation holding live-1 was pruned: " + generations(root));
    assertEquals(1, count(root.resolve(live), "live-1"));
    assertEquals(3, generations(root).size(), "the current, one before it, and the one with live writes");

    // Asked explicitly, it goes.
    Main.index(options("--corpus", TestIndexes.SEED_CORPUS.toString(), "--index", root.toString(), "--keep", "2",
        "--discard-live-writes"));
    assertFalse(generations(root).contains(live));
    assertEquals(2, generations(root).size());
  }

  @Test
  void aRebuildCarriesTheLiveMarkSoTheOlderCopyMayGo() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    try (LuceneBackend server = TestIndexes.open(root, true)) {
      server.write(List.of(new Article("live-2", "Live", "Written live", null, null, null, Map.of())), List.of());
      server.rebuild(server.catalog(), a -> a);
    }
    // The rebuilt generation holds live-2 too; two corpus builds later it is the one kept.
    String rebuilt = new IndexStore(root).current().orElseThrow().getFileName().toString();
    for (int i = 0; i < 2; i++) {
      Main.index(options("--corpus", TestIndexes.SEED_CORPUS.toString(), "--index", root.toString(), "--keep", "2"));
    }
    assertTrue(generations(root).contains(rebuilt), generations(root).toString());
    assertEquals(3, generations(root).size(), generations(root).toString());
  }

  @Test
  void serveRefusesAMissingOrDanglingCurrentAndChangesNothing() throws Exception {
    Path root = tmp.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    List<String> before = generations(root);
    String newest = before.get(before.size() - 1);

    Files.writeString(root.resolve("CURRENT"), "gen-19990101-000000-000\n"); // dangling
    IOException dangling = assertThrows(IOException.class, () -> Main.serve(serveOptions(root)));
    assertTrue(dangling.getMessage().contains("CURRENT names 'gen-19990101-000000-000'"), dangling.getMessage());
    assertTrue(dangling.getMessage().contains("echo " + newest), dangling.getMessage());

    Files.delete(root.resolve("CURRENT")); // missing
    IOException missing = assertThrows(IOException.class, () -> Main.serve(serveOptions(root)));
    assertTrue(missing.getMessage().contains("CURRENT is missing"), missing.getMessage());

    assertEquals(before, generations(root), "no generation built or pruned");
    assertFalse(Files.exists(root.resolve("CURRENT")));
    // The way out the message gives works.
    Files.writeString(root.resolve("CURRENT"), newest + "\n");
    try (LuceneBackend server = TestIndexes.open(root, false)) {
      assertEquals(5, server.search(SearchRequest.of("")).total());
    }
  }

  Options serveOptions(Path root) throws IOException {
    return options("--index", root.toString(), "--corpus", TestIndexes.SEED_CORPUS.toString(), "--port",
        String.valueOf(freePort()));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static long count(Path generation, String id) throws IOException {
    try (FSDirectory dir = FSDirectory.open(generation);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return new IndexSearcher(reader).count(new TermQuery(new Term("id", id)));
    }
  }
}
