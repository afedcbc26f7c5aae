package newsroom.lucene;

import newsroom.model.Article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import newsroom.TestIndexes;
import newsroom.backend.BackendStatus;
import newsroom.backend.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rebuild copies the served index while live writes go on, and loses none of them. */
class RebuildReplayTest {
  @TempDir Path tmp;

  static Article article(String id, String body) {
    return new Article(id, id, body, "Wire", null, null, Map.of());
  }

  @Test
  void writesDuringARebuildReachTheNewGeneration() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp);
    try (ServedIndex index = ServedIndex.open(new IndexStore(tmp), true)) {
      LuceneBackend searcher = new LuceneBackend(index, TestIndexes.settings());
      Path before = index.generation().dir;
      index.write(List.of(article("early", "written before the rebuild")), List.of());

      CountDownLatch copying = new CountDownLatch(1);
      CountDownLatch writesDone = new CountDownLatch(1);
      // The transform stops the copy at its first article until the concurrent writes are acknowledged.
      CompletableFuture<Path> rebuild =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return index.rebuild(
                      index.generation().schema.catalog(),
                      a -> {
                        copying.countDown();
                        await(writesDone);
                        return a.withLabels(Map.of("company", List.of("Rebuilt")));
                      },
                      16);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertTrue(copying.await(30, TimeUnit.SECONDS));
      // Progress for /metrics: the copy holds at its first article (5 seed articles and "early" to copy).
      assertEquals(new BackendStatus.Rebuild(0, 6), index.rebuildProgress());
      index.write(List.of(article("during", "written while the rebuild copies")), List.of());
      index.write(List.of(article("early", "replaced while the rebuild copies")), List.of());
      index.write(List.of(), List.of("rt-2021-07-05-china-cracks-down-personal-data"));
      writesDone.countDown();
      Path after = rebuild.get(60, TimeUnit.SECONDS);
      assertNull(index.rebuildProgress());

      assertNotEquals(before, after);
      assertEquals(after, index.generation().dir);
      assertEquals(6, searcher.status().articles()); // 5 seeds + early + during - the deleted one
      assertEquals(1, searcher.search(SearchRequest.of("id:during")).total());
      assertTrue(searcher.article("early").orElseThrow().body().startsWith("replaced"));
      assertEquals(0, searcher.search(SearchRequest.of("id:rt-2021-07-05-china-cracks-down-personal-data")).total());
      // Every article, copied or replayed, went through the transform.
      assertEquals(6, searcher.search(SearchRequest.of("").withFilter("company", "Rebuilt")).total());
      // And the new generation still takes writes.
      index.write(List.of(article("later", "after the switch")), List.of());
      assertEquals(7, searcher.status().articles());
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
