package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.backend.SearchBackendContract;
import newsroom.backend.SearchRequest;
import newsroom.solr.SolrBackend;
import newsroom.solr.SolrTestCluster;
import org.junit.jupiter.api.Test;

/** {@code --solr-zk}: the SolrCloud backend reached through the cluster's ZooKeeper instead of node URLs. */
class SolrZkOptionTest {

  private static Options options(String... args) {
    List<String> all = new ArrayList<>(List.of("--backend", "solr", "--config", TestIndexes.CONFIG.toString()));
    all.addAll(List.of(args));
    return new Options(all.toArray(String[]::new), Main.OPTIONS, Set.of(), Map.of());
  }

  @Test
  void indexAndServeThroughZooKeeper() throws Exception {
    String zk = SolrTestCluster.get().zkHost;
    assertTrue(zk.matches("127\\.0\\.0\\.1:\\d+/solr"), "the launcher reports ZooKeeper with its chroot: " + zk);
    Options options = options("--solr-zk", zk, "--collection", "zk_seed", "--corpus",
        TestIndexes.SEED_CORPUS.toString(), "--threads", "2", "--shards", "2", "--replicas", "1");
    assertEquals(5, Main.index(options).indexed());
    try (SolrBackend backend = SolrCommands.open(options, TestIndexes.settings())) {
      assertEquals(5, backend.status().articles());
      assertEquals(SeedCorpus.idsMentioning("Didi"),
          SearchBackendContract.ids(backend.search(SearchRequest.of("\"didi\""))));
      assertTrue(backend.collection().startsWith("zk_seed_"), backend.collection());
    }
  }

  @Test
  void unreachableZooKeeperIsOneClearLine() {
    IOException e = assertThrows(IOException.class,
        () -> SolrCommands.open(options("--solr-zk", "127.0.0.1:1/solr", "--collection", "news"),
            TestIndexes.settings()));
    assertTrue(e.getMessage().startsWith("SolrCloud is not reachable through ZooKeeper 127.0.0.1:1/solr ("),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  @Test
  void zooKeeperAndNodeUrlsAreOneOrTheOther() {
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> SolrCommands.open(options("--solr-zk", "zk1:2181", "--solr-urls", "http://solr1:8983/solr"),
            TestIndexes.settings()));
    assertTrue(both.getMessage().contains("only one of --solr-zk"), both.getMessage());
    IllegalArgumentException neither =
        assertThrows(IllegalArgumentException.class, () -> SolrCommands.open(options(), TestIndexes.settings()));
    assertTrue(neither.getMessage().contains("--solr-zk HOST:2181"), neither.getMessage());
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> SolrCommands.open(options("--solr-zk", "http://zk1:2181"), TestIndexes.settings()));
    assertTrue(url.getMessage().startsWith("--solr-zk takes HOST:PORT"), url.getMessage());
  }
}
