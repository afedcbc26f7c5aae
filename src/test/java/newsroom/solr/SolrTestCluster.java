package newsroom.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsroom.TestIndexes;
import newsroom.backend.IndexBuild;
import newsroom.config.Catalog;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.pipeline.CorpusIndexer;

/**
 * The one SolrCloud of a test run: 2 nodes, started (from solr-cluster, in a JVM of its own) by the first test
 * that asks for it and shared by every Solr test after it; it ends with the test JVM (EOF on its stdin). Its
 * collections are 2 shards x 2 replicas, so each node holds a replica of every shard.
 */
public final class SolrTestCluster {
  public static final int SHARDS = 2;
  public static final int REPLICAS = 2;
  private static ClusterProcess process;

  private SolrTestCluster() {}

  public static synchronized ClusterProcess get() {
    if (process == null) {
      String dir = System.getProperty("solr.cluster.dir", "solr-cluster");
      Path module = Path.of(dir);
      if (!Files.isRegularFile(module.resolve("target/classpath.txt"))) {
        throw new IllegalStateException(
            module.resolve("target/classpath.txt") + " is missing: build solr-cluster first (mvn verify at the top)");
      }
      try {
        Path work = Files.createTempDirectory("newsroom-solr-cluster");
        long t0 = System.nanoTime();
        process = ClusterProcess.start(module, 2, work, Duration.ofMinutes(3));
        System.err.printf("SolrCloud for the tests ready in %d ms: %s%n",
            (System.nanoTime() - t0) / 1_000_000, process.nodeUrls);
        ClusterProcess started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          started.close();
          deleteQuietly(work);
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return process;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: the system's cleanup takes what is left
    }
  }

  public static List<String> urls() {
    return get().nodeUrls;
  }

  public static SolrCluster connect() throws IOException {
    return SolrCluster.connect(urls());
  }

  /** Waits until every replica of every collection is active on a live node (after a node came back). */
  public static void awaitAllActive(SolrCluster cluster, java.time.Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var state = cluster.client.getClusterStateProvider();
      var live = state.getLiveNodes();
      long inactive = 0;
      for (String name : cluster.collections()) {
        var coll = state.getCollection(name);
        if (coll == null) {
          continue;
        }
        inactive += coll.getReplicas().stream().filter(r -> !r.isActive(live)).count();
      }
      if (inactive == 0 && live.size() == 2) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(inactive + " replicas still inactive; live nodes " + live);
      }
      Thread.sleep(250);
    }
  }

  /** Indexes {@code corpus} under {@code profile} into a new collection behind {@code alias}. */
  public static CorpusIndexer.Summary index(SolrCluster cluster, Path corpus, String alias, String profile)
      throws IOException {
    Catalog catalog = Catalog.load(TestIndexes.CONFIG, profile);
    IndexBuild build =
        SolrBackend.newBuild(cluster, alias, catalog, TestIndexes.settings().ranking().bm25(), SHARDS, REPLICAS);
    return new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), Enricher.forCatalog(TestIndexes.CONFIG, catalog), 2)
        .build(build);
  }

  /** A backend serving the seed corpus (news profile) behind a new alias. */
  public static SolrBackend seedBackend(String alias) throws IOException {
    SolrCluster cluster = connect();
    index(cluster, TestIndexes.SEED_CORPUS, alias, Catalog.DEFAULT_PROFILE);
    return SolrBackend.open(
        cluster, alias, TestIndexes.settings(), null, SHARDS, REPLICAS, TestIndexes.entityNames());
  }
}
