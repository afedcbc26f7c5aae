package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import newsroom.TestIndexes;
import newsroom.backend.Interval;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.StoryOptions;
import newsroom.config.Catalog;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies grouped into stories on a fixture with known duplicates (src/test/resources/stories): the central bank
 * story run four times (two word-for-word copies, one edited, and the earliest one, "guardian-early", filed
 * last), a flood story and its edited copy dated the same minute, and two dividend notices with the same short
 * body, too short to group.
 */
class StoriesTest {
  static final Path FIXTURE = Path.of("src/test/resources/stories");
  static final StoryOptions COLLAPSE = new StoryOptions(true, null, false);

  @TempDir Path tmp;

  /** Story id -> the ids of its copies, as collapse=story lists them. */
  static Map<String, Set<String>> stories(LuceneBackend index) {
    SearchResponse r = index.search(SearchRequest.of("").withStories(COLLAPSE).withPage(1, 100));
    Map<String, Set<String>> stories = new TreeMap<>();
    for (SearchResponse.Hit hit : r.hits()) {
      Set<String> copies = new TreeSet<>();
      hit.story().shown().forEach(c -> copies.add(c.id()));
      stories.put(hit.story().id(), copies);
    }
    return stories;
  }

  @Test
  void copiesAreGroupedIntoExactStoriesNamedByTheirEarliestArticle() throws Exception {
    TestIndexes.build(FIXTURE, tmp.resolve("index"));
    try (LuceneBackend index = TestIndexes.open(tmp.resolve("index"), false)) {
      assertEquals(
          Map.of(
              "guardian-early", Set.of("guardian-early", "wire-1", "ap-copy", "bbc-edit"),
              "other-1", Set.of("other-1", "other-2"),
              "short-1", Set.of("short-1"),
              "short-2", Set.of("short-2")),
          stories(index));
      SearchResponse all = index.search(SearchRequest.of("").withStories(COLLAPSE).withPage(1, 100));
      assertEquals(8, all.total());
      assertEquals(4L, all.stories());
      SearchResponse.StoryCopies bank =
          all.hits().stream().filter(h -> h.story().id().equals("guardian-early")).findFirst().orElseThrow().story();
      assertEquals(4, bank.copies());
      assertEquals(4, bank.outlets());
      // Copies are listed by date: the first run first.
      assertEquals(List.of("guardian-early", "wire-1", "ap-copy", "bbc-edit"),
          bank.shown().stream().map(SearchResponse.Copy::id).toList());

      // A query collapses over its matches: "journalists" is only in the edited copy.
      SearchResponse edited = index.search(SearchRequest.of("journalists").withStories(COLLAPSE));
      assertEquals(1, edited.hits().size());
      assertEquals("bbc-edit", edited.hits().get(0).id());
      assertEquals(1, edited.hits().get(0).story().copies());

      // story=<id> lists every copy; without collapse the hits carry no story.
      SearchResponse copies =
          index.search(SearchRequest.of("").withStories(new StoryOptions(false, "other-1", false)).withPage(1, 100));
      assertEquals(Set.of("other-1", "other-2"), ids(copies));
      assertNull(copies.hits().get(0).story());
      assertNull(copies.stories());
    }
  }

  @Test
  void countingStoriesCountsEachStoryOnceUnderItsFirstRun() throws Exception {
    TestIndexes.build(FIXTURE, tmp.resolve("index"));
    try (LuceneBackend index = TestIndexes.open(tmp.resolve("index"), false)) {
      SearchRequest facets = SearchRequest.of("").withPage(1, 0);
      assertEquals(Map.of("Reuters", 4L, "AP", 2L, "BBC", 1L, "Guardian", 1L), counts(index.search(facets), "source"));
      SearchResponse stories = index.search(facets.withStories(new StoryOptions(false, null, true)));
      assertEquals(8, stories.total());
      assertEquals(4L, stories.stories());
      // The bank story first ran in the Guardian; the flood story's two copies share a minute: the lower id wins.
      assertEquals(Map.of("Reuters", 3L, "Guardian", 1L), counts(stories, "source"));
      // The timeline agrees: the bank story counts on 29 February, when it first ran.
      var days = index.counts(facets.withStories(new StoryOptions(false, null, true)), Interval.DAY).counts();
      assertEquals(1L, days.get(Instant.parse("2024-02-29T00:00:00Z")));
      assertNull(days.get(Instant.parse("2024-03-01T00:00:00Z")));
      assertEquals(2L, days.get(Instant.parse("2024-03-04T00:00:00Z")));
      assertEquals(4, index.counts(facets.withStories(new StoryOptions(false, null, true)), Interval.DAY).total());
      // Drill-sideways as with articles: selecting AP keeps the other sources' story counts; AP, first to run
      // neither of its two stories, stays listed (selected) with none.
      SearchResponse ap = index.search(facets.withFilter("source", "AP").withStories(new StoryOptions(false, null, true)));
      assertEquals(2L, ap.stories());
      assertEquals(Map.of("Reuters", 3L, "Guardian", 1L, "AP", 0L), counts(ap, "source"));
    }
  }

  @Test
  void aLiveCopyJoinsItsStoryAndAReindexRegroupsFromTheEarliest() throws Exception {
    TestIndexes.build(FIXTURE, tmp.resolve("index"));
    try (LuceneBackend index = TestIndexes.open(tmp.resolve("index"), true)) {
      Article bank = index.article("wire-1").orElseThrow();
      Article copy = new Article("live-copy", "Rates up again", bank.body() + " More follows.", "Bloomberg", null,
          Instant.parse("2024-03-05T00:00:00Z"), Map.of());
      Article earlier = new Article("live-earlier", "Rates", bank.body(), "FT", null,
          Instant.parse("2024-01-01T00:00:00Z"), Map.of());
      Article unrelated = new Article("live-other", "Markets", "Shares of technology companies fell on Friday after"
          + " a weak earnings report from the largest chip maker dragged the whole sector lower in late trading.",
          "FT", null, Instant.parse("2024-03-05T00:00:00Z"), Map.of());
      index.write(List.of(copy), List.of());
      // Joins the story; an earlier article arriving later joins it too without renaming it.
      index.write(List.of(earlier, unrelated), List.of());
      Map<String, Set<String>> live = stories(index);
      assertEquals(
          Set.of("guardian-early", "wire-1", "ap-copy", "bbc-edit", "live-copy", "live-earlier"),
          live.get("guardian-early"));
      assertEquals(Set.of("live-other"), live.get("live-other"));

      // Two copies in one write find each other.
      Article flood = index.article("other-1").orElseThrow();
      Article first = new Article("batch-a", "x", "Breaking: " + flood.body(), "X", null, null, Map.of());
      index.write(List.of(
          new Article("batch-new-1", "Quake", "A strong earthquake shook the coastal city early on Monday, damaging"
              + " old buildings and cutting power to tens of thousands of homes, the civil protection agency said.",
              "X", null, Instant.parse("2024-04-01T00:00:00Z"), Map.of()),
          new Article("batch-new-2", "Quake hits", "A strong earthquake shook the coastal city early on Monday,"
              + " damaging old buildings and cutting power to tens of thousands of homes, the civil protection agency"
              + " said.", "Y", null, Instant.parse("2024-04-01T01:00:00Z"), Map.of()),
          first), List.of());
      live = stories(index);
      assertEquals(Set.of("batch-new-1", "batch-new-2"), live.get("batch-new-1"));
      assertTrue(live.get("other-1").contains("batch-a"));

      // A rebuild groups afresh: the earliest copy now names the story.
      index.rebuild(Catalog.load(TestIndexes.CONFIG, "news"), UnaryOperator.identity());
      Map<String, Set<String>> rebuilt = stories(index);
      assertEquals(
          Set.of("guardian-early", "wire-1", "ap-copy", "bbc-edit", "live-copy", "live-earlier"),
          rebuilt.get("live-earlier"));
      assertEquals(Set.of("other-1", "other-2", "batch-a"), rebuilt.get("other-1"));
    }
  }

  @Test
  void storyOptionsAreCheckedLikeEveryOtherParameter() throws Exception {
    TestIndexes.build(FIXTURE, tmp.resolve("index"));
    try (LuceneBackend index = TestIndexes.open(tmp.resolve("index"), false)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> index.search(SearchRequest.of("").withStories(COLLAPSE).withCursor("*")));
      assertEquals("Cursor with collapse", e.getMessage());
      // An unknown story is no error: it has no copies.
      assertEquals(0, index.search(SearchRequest.of("").withStories(new StoryOptions(false, "nope", false))).total());
    }
  }

  static Set<String> ids(SearchResponse r) {
    Set<String> ids = new TreeSet<>();
    r.hits().forEach(h -> ids.add(h.id()));
    return ids;
  }

  static Map<String, Long> counts(SearchResponse r, String dim) {
    Map<String, Long> counts = new TreeMap<>();
    r.facets().stream().filter(f -> f.name().equals(dim)).findFirst().orElseThrow()
        .values().forEach(v -> counts.put(v.value(), v.count()));
    return counts;
  }
}
