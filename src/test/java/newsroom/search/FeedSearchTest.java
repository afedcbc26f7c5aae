package newsroom.search;

import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import static newsroom.backend.SearchBackendContract.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.pipeline.CorpusIndexer;
import newsroom.lucene.LuceneSchema;
import newsroom.lucene.LuceneBackend;
import newsroom.ingest.FeedFormatTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test RSS and Atom feeds indexed with the news profile: dates, sources and tags as facets. */
class FeedSearchTest {
  @TempDir Path indexRoot;

  @Test
  void feedsIndexWithTheirDatesSourcesAndTags() throws Exception {
    CorpusIndexer.Summary summary = TestIndexes.build(FeedFormatTest.FEEDS, indexRoot);
    assertEquals(5, summary.indexed());
    assertEquals(List.of(), summary.skipped());
    assertEquals(1, summary.withoutBody(), "the RSS item with a title only");
    assertEquals(0, summary.withoutTitle());
    try (LuceneBackend searcher = TestIndexes.open(indexRoot, false)) {
      SearchResponse all = searcher.search(SearchRequest.of(""));
      assertEquals(Map.of("2021", 3L, "2022", 2L), counts(all, "date"));
      assertEquals(2, searcher.search(SearchRequest.of("").withDate("2021", "07")).total());
      assertEquals(1, searcher.search(SearchRequest.of("").withDate("2021", "08", "01")).total());
      assertEquals(2, searcher.search(SearchRequest.of("").withDate("2022", "06", "29")).total());
      assertEquals(
          Map.of("Newsroom Test Wire", 2L, "Markets Desk", 1L, "Newsroom Test Atom", 1L, "Partner Wire", 1L),
          counts(all, "source"));
      assertEquals(Map.of("Didi", 2L, "Kanzhun", 1L, "Full Truck Alliance", 1L), counts(all, "company"));
      assertEquals(
          List.of("https://wire.example.org/2021/07/04/apps-pulled"),
          searcher.search(SearchRequest.of("\"existing users\"")).hits().stream().map(h -> h.id()).toList());
    }
  }
}
