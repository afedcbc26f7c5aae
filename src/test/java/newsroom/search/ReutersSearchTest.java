package newsroom.search;

import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SortOrder;
import static newsroom.backend.SearchBackendContract.counts;
import static newsroom.backend.SearchBackendContract.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import newsroom.ReutersCollection;
import newsroom.ReutersCollection.Story;
import newsroom.TestIndexes;
import newsroom.pipeline.CorpusIndexer;
import newsroom.model.Article;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reuters-21578 indexed with the reuters profile, checked against counts taken from the raw SGML by
 * {@link ReutersCollection}, not by the reader under test.
 */
class ReutersSearchTest {
  static CorpusIndexer.Summary summary;
  static LuceneBackend searcher;

  @BeforeAll
  static void buildIndex() throws Exception {
    TestIndexes.Built reuters = TestIndexes.reuters(); // shared with the other tests that read it
    summary = reuters.summary();
    searcher = TestIndexes.open(reuters.root(), false);
  }

  @AfterAll
  static void close() throws Exception {
    searcher.close();
  }

  /** Every facet value with its count, for an empty query with these filters. */
  static SearchResponse all(SearchRequest filtered) {
    return searcher.search(
        new SearchRequest("", filtered.filters(), filtered.datePath(), null, null, SortOrder.RELEVANCE, 1, 0, 1000));
  }

  static SearchResponse all() {
    return all(SearchRequest.of(""));
  }

  @Test
  void everyStoryIsIndexedAndThoseWithoutTitleOrBodyAreCounted() {
    long stories = ReutersCollection.stories().size();
    assertEquals(stories, summary.indexed());
    assertEquals(List.of(), summary.skipped());
    assertEquals(stories, searcher.status().articles());
    assertEquals(stories, all().total());
    // UNPROC stories have no TITLE; BRIEF ones have a TITLE but no BODY (one UNPROC story has no text at all).
    assertEquals(ReutersCollection.count(s -> !s.has("TITLE")), summary.withoutTitle());
    assertEquals(
        ReutersCollection.count(s -> !s.has("BODY") && (s.has("TITLE") || s.words().isEmpty())),
        summary.withoutBody());
    assertTrue(summary.withoutTitle() > 0 && summary.withoutBody() > 0);
  }

  @ParameterizedTest
  @CsvSource({"topic, TOPICS", "place, PLACES", "org, ORGS", "exchange, EXCHANGES", "people, PEOPLE"})
  void everyLabelValueCountsTheStoriesThatCarryItInTheSgml(String dimension, String list) {
    Map<String, Long> expected = ReutersCollection.valueCounts(list);
    assertTrue(expected.size() > 10, list + " has values");
    assertEquals(expected, new TreeMap<>(counts(all(), dimension)));
  }

  @ParameterizedTest
  @CsvSource({"topic, TOPICS, earn", "place, PLACES, japan", "org, ORGS, opec", "exchange, EXCHANGES, nyse",
      "people, PEOPLE, reagan"})
  void filteringByALabelFindsExactlyTheStoriesCarryingIt(String dimension, String list, String value) {
    Set<String> expected = newIds(s -> s.list(list).contains(value));
    SearchResponse r = all(SearchRequest.of("").withFilter(dimension, value));
    assertEquals(expected.size(), r.total());
    assertTrue(r.total() > 0);
    SearchResponse page = searcher.search(SearchRequest.of("").withFilter(dimension, value).withPage(1, 100));
    assertTrue(expected.containsAll(ids(page)), "every hit carries " + value);
  }

  @Test
  void valuesOfOneDimensionAreOredAndDimensionsAnded() {
    assertEquals(
        ReutersCollection.count(s -> s.list("TOPICS").contains("crude") || s.list("TOPICS").contains("ship")),
        all(SearchRequest.of("").withFilter("topic", "crude", "ship")).total());
    assertEquals(
        ReutersCollection.count(s -> s.list("TOPICS").contains("earn") && s.list("PLACES").contains("canada")),
        all(SearchRequest.of("").withFilter("topic", "earn").withFilter("place", "canada")).total());
  }

  @Test
  void dateDrillDownCountsTheStoriesOfEachMonth() {
    long march = ReutersCollection.count(s -> s.month().equals("1987-MAR"));
    assertTrue(march > 0);
    assertEquals(march, all(SearchRequest.of("").withDate("1987", "03")).total());

    assertEquals(Map.of("1987", (long) ReutersCollection.stories().size()), counts(all(), "date"));
    Map<String, Long> months = new TreeMap<>();
    for (Story s : ReutersCollection.stories()) {
      months.merge(monthNumber(s.month()), 1L, Long::sum);
    }
    assertEquals(months, new TreeMap<>(counts(all(SearchRequest.of("").withDate("1987")), "date")));
  }

  @ParameterizedTest
  @CsvSource({
    "1, Comissaria Smith said spot bean prices",
    "4, proposed equity offering",
    "4, by Janie Gabbett",
    "10002, two-for-one common share split was approved",
    "15000, Town and Country Jewelry",
    "21576, rock fall three km underground"
  })
  void aPhraseFindsTheStoriesWhoseTextHasIt(String newId, String phrase) {
    Set<String> expected = ReutersCollection.idsWithPhrase(phrase);
    assertTrue(expected.contains(newId), "the phrase was taken from story " + newId);
    SearchResponse r = searcher.search(SearchRequest.of("\"" + phrase + "\"").withPage(1, 100));
    assertEquals(expected, ids(r));
  }

  @ParameterizedTest
  @CsvSource({"regulator, Bundesbank, bundesbank", "company, Texaco, texaco", "company, Chrysler, chrysler"})
  void theBodyIsTaggedWithTheDictionaries(String dimension, String value, String word) {
    long expected = ReutersCollection.count(s -> (" " + s.words() + " ").contains(" " + word + " "));
    assertTrue(expected > 10, value + " is in the collection");
    assertEquals(expected, all(SearchRequest.of("").withFilter(dimension, value)).total());
  }

  @Test
  void aStoryReadsBackWithItsLabelsAndDate() {
    Story raw = ReutersCollection.story("1");
    Article a = searcher.article("1").orElseThrow();
    assertEquals(ReutersCollection.sgmlWords(raw.element("TITLE")), ReutersCollection.words(a.title()));
    assertEquals(raw.list("TOPICS"), new TreeSet<>(a.labels().get("topic")));
    assertEquals(raw.list("PLACES"), new TreeSet<>(a.labels().get("place")));
    assertEquals("Reuters", a.source());
    assertEquals(Instant.parse("1987-02-26T15:01:01Z"), a.published());
  }

  @Test
  void aBriefIsFoundByItsHeadline() {
    // The first brief whose headline is words only, so the phrase needs no escaping.
    Story brief =
        ReutersCollection.stories().stream()
            .filter(s -> s.sgml().contains("<TEXT TYPE=\"BRIEF\">") && s.element("TITLE").matches("[A-Z ]+\\s*"))
            .findFirst()
            .orElseThrow();
    String headline = brief.element("TITLE").strip();
    SearchResponse r = searcher.search(SearchRequest.of("\"" + headline + "\"").withPage(1, 100));
    assertTrue(ids(r).contains(brief.newId()), headline);
    assertEquals("", searcher.article(brief.newId()).orElseThrow().body());
  }

  private static Set<String> newIds(Predicate<Story> which) {
    return ReutersCollection.stories().stream()
        .filter(which)
        .map(Story::newId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** "1987-MAR" -> "03", as the date facet names months. */
  private static String monthNumber(String month) {
    String name = month.substring(5);
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
        return String.format("%02d", m.getValue());
      }
    }
    throw new AssertionError("no month " + month);
  }
}
