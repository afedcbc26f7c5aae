package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsroom.TestIndexes;
import newsroom.model.Article;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent live writes share commits, and each is still committed and visible when its write returns: read
 * back at once by id, and in the index's last commit on disk (what a crash would leave) at the end.
 */
class GroupCommitTest {
  @TempDir Path tmp;

  @Test
  void concurrentWritersShareCommitsWithoutGivingUpDurableAndVisible() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp);
    int writers = 8;
    int each = 10;
    try (ServedIndex index = ServedIndex.open(new IndexStore(tmp), true)) {
      LuceneBackend backend = new LuceneBackend(index, TestIndexes.settings());
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < each; i++) {
            String id = "w" + writer + "-" + i;
            index.write(List.of(new Article(id, id, "group commit " + id, "Wire", null, null, Map.of())), List.of());
            assertTrue(backend.article(id).isPresent(), id + " not visible when its write returned");
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      long commits = index.commits();
      assertTrue(commits >= 1 && commits < writers * each, writers * each + " writes took " + commits + " commits");
      try (DirectoryReader lastCommit = DirectoryReader.open(FSDirectory.open(index.generation().dir))) {
        assertEquals(5 + writers * each, lastCommit.numDocs());
      }
    }
  }
}
