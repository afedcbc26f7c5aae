package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SortOrder;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index built by the previous release (Lucene 10.3.2, codec Lucene103; the seed corpus) is served by this one,
 * answers exactly as an index built now, and takes live writes: upgrading the service must not force a re-index.
 * Lucene keeps an older codec of the same major version in its backward-codecs module, not in core.
 */
class OlderReleaseIndexTest {
  private static final Path OLD_INDEX = Path.of("src/test/resources/indexes/built-with-lucene-10.3.2");

  private static final List<SearchRequest> REQUESTS =
      List.of(
          SearchRequest.of("Kanzhun"),
          SearchRequest.of("cybersecurity review").withFilter("regulator", "Cyberspace Administration of China"),
          SearchRequest.of("").withDate("2021").withSort(SortOrder.NEWEST),
          SearchRequest.of("\"Boss Zhipin\" OR Didi").withFilter("company", "Didi"));

  @Test
  void anIndexOfThePreviousReleaseAnswersLikeOneBuiltNowAndTakesWrites(@TempDir Path work) throws Exception {
    Path old = copy(OLD_INDEX, work.resolve("old"));
    TestIndexes.build(TestIndexes.SEED_CORPUS, work.resolve("new"));
    try (LuceneBackend before = TestIndexes.open(old, true);
        LuceneBackend now = TestIndexes.open(work.resolve("new"), false)) {
      assertEquals(5, before.status().articles());
      for (SearchRequest request : REQUESTS) {
        SearchResponse expected = now.search(request);
        assertEquals(withoutTiming(expected), withoutTiming(before.search(request)), request.query());
      }
      long kanzhun = now.search(SearchRequest.of("Kanzhun")).total();
      assertTrue(kanzhun >= SeedCorpus.idsMentioning("Kanzhun").size(), "the name or its aliases");

      before.write(
          List.of(new Article("after-upgrade", "Kanzhun again", "Kanzhun resumes sign-ups.", "Wire", null,
              Instant.parse("2022-06-29T00:00:00Z"), Map.of("company", List.of("Kanzhun")))),
          List.of());
      assertEquals(6, before.status().articles());
      assertEquals(kanzhun + 1, before.search(SearchRequest.of("Kanzhun")).total());
    }
  }

  /**
   * The answer without its timing, hits in id order: hits that tie (same date, same score) come in index order,
   * and a build with several threads adds the articles in no fixed order.
   */
  private static SearchResponse withoutTiming(SearchResponse r) {
    List<SearchResponse.Hit> hits = r.hits().stream().sorted(Comparator.comparing(SearchResponse.Hit::id)).toList();
    return new SearchResponse(r.query(), r.total(), 0, r.page(), r.size(), r.sort(), hits, r.facets(), r.syntax(),
        r.didYouMean(), r.nextCursor(), r.stories());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }
}
