package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.backend.SearchRequest;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;

/**
 * Re-indexing the SolrCloud way under load: a new collection is built and the alias switched; searches running
 * meanwhile always see one whole collection (never an empty or half-built one), and writes made during the
 * rebuild are in the new collection.
 */
class SolrAliasSwitchTest {

  @Test
  void rebuildSwitchesTheAliasAtomicallyUnderLoadAndKeepsWritesMadeMeanwhile() throws Exception {
    try (SolrBackend backend = SolrTestCluster.seedBackend("switch")) {
      String before = backend.collection();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger searches = new AtomicInteger();
      Map<Long, Integer> totalsSeen = new ConcurrentHashMap<>();
      List<Throwable> failures = new ArrayList<>();
      List<Thread> searchers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        searchers.add(Thread.ofPlatform().start(() -> {
          while (!stop.get()) {
            try {
              totalsSeen.merge(backend.search(SearchRequest.of("")).total(), 1, Integer::sum);
              searches.incrementAndGet();
            } catch (Throwable e) {
              synchronized (failures) {
                failures.add(e);
              }
            }
          }
        }));
      }
      // A write lands while the rebuild copies: the new collection must have it.
      Thread writer = Thread.ofPlatform().start(() -> {
        try {
          Thread.sleep(300);
          backend.write(List.of(new Article("during-rebuild", "Written during the rebuild", "Didi again.", "Wire",
              null, Instant.parse("2023-05-01T00:00:00Z"), Map.of())), List.of());
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      long rebuilt = backend.rebuild(backend.catalog(), a -> a);
      writer.join();
      String after = backend.collection();
      String third;
      // Twice, so the prune of the oldest collection runs under load too.
      backend.rebuild(backend.catalog(), a -> a);
      third = backend.collection();
      stop.set(true);
      for (Thread t : searchers) {
        t.join();
      }
      assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
      assertEquals(6, rebuilt);
      assertNotEquals(before, after);
      assertNotEquals(after, third);
      assertTrue(backend.article("during-rebuild").isPresent());
      // Every search saw the old collection (5, or 6 once the write was visible) or the new one (6): never less.
      assertTrue(Map.of(5L, 0, 6L, 0).keySet().containsAll(totalsSeen.keySet()), totalsSeen.toString());
      assertTrue(searches.get() > 10, searches + " searches");
      // The alias points at the new collection; the one before it is kept, older ones are deleted.
      SolrCluster cluster = backend.cluster();
      assertEquals(third, cluster.aliases().get("switch"));
      assertTrue(cluster.collections().contains(after));
      assertTrue(!cluster.collections().contains(before), cluster.collections().toString());
      System.err.printf("alias switch: %d searches during two rebuilds, totals seen %s%n", searches.get(), totalsSeen);
    }
  }
}
