package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchBackendContract;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.StoryOptions;
import newsroom.config.SpeedSettings;
import newsroom.metrics.Metrics;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole backend contract again with search.json's speed settings on (two search threads over segment
 * slices, a cache of recent answers): they may change how fast an answer comes, never what it is.
 */
class LuceneBackendSpeedContractTest extends SearchBackendContract {
  private static final SpeedSettings FAST = new SpeedSettings(2, 100);

  @Override
  protected SearchBackend openSeedBackend(Path work) throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, work.resolve("index"));
    return open(work.resolve("index"));
  }

  private static LuceneBackend open(Path index) throws Exception {
    return LuceneBackend.open(index, true, TestIndexes.settings().withSpeed(FAST), TestIndexes.entityNames());
  }

  @Test
  void aCachedAnswerIsGivenAgainUntilAWriteChangesTheIndex(@TempDir Path work) throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, work.resolve("index"));
    try (LuceneBackend backend = open(work.resolve("index"))) {
      Metrics metrics = new Metrics();
      backend.registerMetrics(metrics);
      SearchRequest request = SearchRequest.of("Didi");
      SearchResponse first = backend.search(request);
      SearchResponse again = backend.search(request);
      assertSame(first.hits(), again.hits(), "the second answer is the kept one");
      assertTrue(metrics.scrape().contains("newsroom_search_cache_requests_total{result=\"hit\"} 1"), metrics.scrape());
      SearchRequest byStory = request.withStories(new StoryOptions(false, null, true));
      Long stories = backend.search(byStory).stories();
      assertTrue(stories != null && stories > 0, "count=stories says how many stories");
      assertEquals(stories, backend.search(byStory).stories(), "a kept answer keeps its story count");

      backend.write(
          List.of(new Article("speed-1", "Didi again", "Didi is back.", "Wire", null,
              Instant.parse("2023-01-02T00:00:00Z"), Map.of("company", List.of("Didi")))),
          List.of());
      SearchResponse afterWrite = backend.search(request);
      assertNotSame(first.hits(), afterWrite.hits());
      assertEquals(first.total() + 1, afterWrite.total(), "never an answer older than the index");
    }
  }
}
