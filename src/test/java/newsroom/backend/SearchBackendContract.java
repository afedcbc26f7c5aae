package newsroom.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import newsroom.SeedCorpus;
import newsroom.model.Article;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.backend.SearchResponse.Hit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link SearchBackend}, written against the interface: search, facets, highlighting, article
 * lookup, similar articles, live writes and errors over the bundled seed corpus, checked against the article
 * files themselves. Each backend runs it by implementing {@link #openSeedBackend}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchBackendContract {
  protected SearchBackend searcher;

  /** A backend serving the seed corpus ({@code corpus/}, news profile), open for live writes. */
  protected abstract SearchBackend openSeedBackend(Path work) throws Exception;

  @BeforeAll
  void open(@TempDir Path work) throws Exception {
    searcher = openSeedBackend(work);
  }

  @AfterAll
  void close() throws Exception {
    searcher.close();
  }

  public static Set<String> ids(SearchResponse r) {
    return r.hits().stream().map(Hit::id).collect(Collectors.toCollection(TreeSet::new));
  }

  public static FacetView facet(SearchResponse r, String name) {
    return r.facets().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  public static Map<String, Long> counts(SearchResponse r, String name) {
    return facet(r, name).values().stream().collect(Collectors.toMap(FacetCount::value, FacetCount::count));
  }

  @Test
  void emptyQueryMatchesEveryArticle() {
    SearchResponse r = searcher.search(SearchRequest.of(""));
    assertEquals(5, r.total());
    assertEquals(SeedCorpus.allIds(), ids(r));
  }

  @Test
  void bossZhipinInTheTextTagsTheArticleWithKanzhun() {
    // 004 names the platform only as "Boss Zhipin", never "Kanzhun": the alias alone must tag it.
    Hit rt = searcher.search(SearchRequest.of("id:rt-2021-07-05-china-cracks-down-personal-data")).hits().get(0);
    assertTrue(searcher.article(rt.id()).orElseThrow().body().contains("Boss Zhipin"));
    assertFalse(searcher.article(rt.id()).orElseThrow().body().contains("Kanzhun"));
    assertTrue(rt.labels().get("company").contains("Kanzhun"), rt.labels().toString());
  }

  @Test
  void companyFilterReturnsExactlyTheArticlesMentioningItUnderAnyAlias() {
    Set<String> expected = SeedCorpus.idsMentioning("Full Truck Alliance", "Yunmanman", "Huochebang");
    SearchResponse r = searcher.search(SearchRequest.of("").withFilter("company", "Full Truck Alliance"));
    assertEquals(expected, ids(r));
    assertEquals(expected.size(), r.total());
  }

  @Test
  void aliasAsAQueryFieldFindsTheCanonicalCompany() {
    // The facet value is searchable as a case-insensitive keyword too.
    SearchResponse r = searcher.search(SearchRequest.of("company:\"full truck alliance\""));
    assertEquals(SeedCorpus.idsMentioning("Full Truck Alliance", "Yunmanman", "Huochebang"), ids(r));
  }

  @Test
  void regulatorCountForCacEqualsArticlesMentioningItUnderAnyAlias() {
    Set<String> expected =
        SeedCorpus.idsMentioning("CAC", "Cyberspace Administration of China", "Cybersecurity Review Office");
    SearchResponse r = searcher.search(SearchRequest.of(""));
    assertEquals(expected.size(), counts(r, "regulator").get("Cyberspace Administration of China"));
  }

  @Test
  void the2022ArticleIsFoundByDateDrillDownAndByAction() {
    Set<String> published2022 = SeedCorpus.idsPublished("2022");
    assertEquals(Set.of("scmp-2022-06-29-fta-kanzhun-registrations"), published2022);

    assertEquals(published2022, ids(searcher.search(SearchRequest.of("").withDate("2022"))));
    assertEquals(published2022, ids(searcher.search(SearchRequest.of("").withDate("2022", "06", "29"))));
    assertEquals(
        published2022,
        ids(searcher.search(SearchRequest.of("").withFilter("action", "registrations resumed"))));
  }

  @Test
  void dateFacetDrillsDownYearMonthDay() {
    SearchResponse all = searcher.search(SearchRequest.of(""));
    assertEquals(Map.of("2021", 4L, "2022", 1L), counts(all, "date"));

    SearchResponse july = searcher.search(SearchRequest.of("").withDate("2021", "07"));
    assertEquals(List.of("2021", "07"), facet(july, "date").path());
    assertEquals(Map.of("05", 4L), counts(july, "date"));
    assertEquals(SeedCorpus.idsPublished("2021-07"), ids(july));
  }

  @Test
  void phraseQueryIsPreciseWhereTheLooseQueryIsNot() {
    Set<String> phrase = ids(searcher.search(SearchRequest.of("\"cybersecurity review\"")));
    Set<String> loose = ids(searcher.search(SearchRequest.of("cybersecurity review")));
    // Exactly the articles with the two words side by side (001's "Cybersecurity Review Office", 004's "opened a
    // cybersecurity review") ...
    assertEquals(
        Set.of("newsbrief-2021-07-05-cac-probe-fta-boss-zhipin", "rt-2021-07-05-china-cracks-down-personal-data"),
        phrase);
    // ... while the loose query also takes articles with either word anywhere.
    assertTrue(loose.containsAll(phrase));
    assertTrue(loose.size() > phrase.size(), "loose " + loose + " phrase " + phrase);
  }

  @Test
  void phraseMatchOutranksScatteredWords() {
    // Every article with the exact phrase ranks above every article that only has the words apart.
    List<Hit> hits = searcher.search(SearchRequest.of("\"user registrations\" OR (user registrations)")).hits();
    Set<String> withPhrase = SeedCorpus.idsMentioning("user registrations");
    assertFalse(withPhrase.isEmpty());
    for (int i = 0; i < withPhrase.size(); i++) {
      assertTrue(withPhrase.contains(hits.get(i).id()), "rank " + i + ": " + hits.get(i).id());
    }
  }

  @Test
  void booleanOperatorsCombine() {
    Set<String> both = ids(searcher.search(SearchRequest.of("Alibaba AND Uber")));
    Set<String> notUber = ids(searcher.search(SearchRequest.of("Alibaba NOT Uber")));
    Set<String> alibaba = SeedCorpus.idsMentioning("Alibaba");
    Set<String> uber = SeedCorpus.idsMentioning("Uber");
    assertEquals(alibaba.stream().filter(uber::contains).collect(Collectors.toSet()), both);
    assertEquals(alibaba.stream().filter(id -> !uber.contains(id)).collect(Collectors.toSet()), notUber);
  }

  @Test
  void drillSidewaysKeepsTheSelectedDimensionsOtherValuesVisible() {
    SearchResponse all = searcher.search(SearchRequest.of(""));
    SearchResponse alibaba = searcher.search(SearchRequest.of("").withFilter("company", "Alibaba"));

    assertEquals(SeedCorpus.idsMentioning("Alibaba"), ids(alibaba));
    // The company dimension, being selected, still counts over all articles: Didi keeps its full count.
    assertEquals(counts(all, "company"), counts(alibaba, "company"));
    FacetCount selected =
        facet(alibaba, "company").values().stream().filter(FacetCount::selected).findFirst().orElseThrow();
    assertEquals("Alibaba", selected.value());
    // Other dimensions narrow to the selection.
    assertEquals(alibaba.total(), counts(alibaba, "source").values().stream().mapToLong(Long::longValue).sum());
    assertTrue(alibaba.total() < all.total());
  }

  @Test
  void valuesOfOneDimensionAreOredAndDimensionsAnded() {
    SearchResponse or =
        searcher.search(SearchRequest.of("").withFilter("company", "Alibaba", "Uber"));
    Set<String> expected = new TreeSet<>(SeedCorpus.idsMentioning("Alibaba"));
    expected.addAll(SeedCorpus.idsMentioning("Uber"));
    assertEquals(expected, ids(or));

    SearchResponse and =
        searcher.search(
            SearchRequest.of("").withFilter("company", "Alibaba").withFilter("source", "RT"));
    assertEquals(Set.of("rt-2021-07-05-china-cracks-down-personal-data"), ids(and));
  }

  @Test
  void highlightMarksTheMatchedTermAndEscapesTheRest() {
    Hit hit = searcher.search(SearchRequest.of("Huochebang")).hits().get(0);
    assertTrue(hit.snippets().stream().anyMatch(s -> s.contains("<mark>Huochebang</mark>")), hit.snippets().toString());
    // Stemmed matches are marked as written in the text.
    Hit stemmed = searcher.search(SearchRequest.of("registration")).hits().get(0);
    assertTrue(
        stemmed.snippets().stream().anyMatch(s -> s.matches("(?s).*<mark>[Rr]egistrations?</mark>.*")),
        stemmed.snippets().toString());
    // Apostrophes in the article are escaped: only <mark> is markup.
    Hit quoted = searcher.search(SearchRequest.of("\"users' privacy\"")).hits().get(0);
    assertTrue(quoted.snippets().stream().anyMatch(s -> s.contains("&#x27;") || s.contains("&#39;")), quoted.snippets().toString());
    assertTrue(quoted.snippets().stream().noneMatch(s -> s.replace("<mark>", "").replace("</mark>", "").contains("<")));
  }

  @Test
  void titleHighlightIsTheWholeTitle() {
    Hit hit = searcher.search(SearchRequest.of("crackdown")).hits().stream()
        .filter(h -> h.id().startsWith("chinabystander")).findFirst().orElseThrow();
    assertTrue(hit.title().startsWith("China’s Tech Crackdown"));
    assertEquals(hit.title().replace("Crackdown", "<mark>Crackdown</mark>"), hit.titleHtml());
  }

  @Test
  void sortsByDateBothWaysAndPages() {
    SearchResponse newest = searcher.search(SearchRequest.of("").withSort(SortOrder.NEWEST).withPage(1, 2));
    assertEquals("scmp-2022-06-29-fta-kanzhun-registrations", newest.hits().get(0).id());
    assertEquals(2, newest.hits().size());
    assertEquals(5, newest.total());

    SearchResponse oldest = searcher.search(SearchRequest.of("").withSort(SortOrder.DATE).withPage(3, 2));
    assertEquals(1, oldest.hits().size(), "page 3 of 2 holds the fifth article");
    assertEquals("scmp-2022-06-29-fta-kanzhun-registrations", oldest.hits().get(0).id());

    Set<String> seen = new TreeSet<>();
    for (int page = 1; page <= 3; page++) {
      searcher.search(SearchRequest.of("").withSort(SortOrder.NEWEST).withPage(page, 2)).hits()
          .forEach(h -> assertTrue(seen.add(h.id()), "page " + h.id() + " twice"));
    }
    assertEquals(SeedCorpus.allIds(), seen);
  }

  @Test
  void dateRangeFiltersInclusively() {
    SearchRequest base = SearchRequest.of("");
    SearchRequest from2022 =
        new SearchRequest("", Map.of(), List.of(), Instant.parse("2022-01-01T00:00:00Z"), null,
            SortOrder.RELEVANCE, 1, 10, 20);
    assertEquals(SeedCorpus.idsPublished("2022"), ids(searcher.search(from2022)));
    SearchRequest onlyJuly5 =
        new SearchRequest("", Map.of(), List.of(), Instant.parse("2021-07-05T00:00:00Z"),
            Instant.parse("2021-07-05T23:59:59.999Z"), SortOrder.RELEVANCE, 1, 10, 20);
    assertEquals(SeedCorpus.idsPublished("2021-07-05"), ids(searcher.search(onlyJuly5)));
    assertNotNull(base);
  }

  @Test
  void malformedQueriesAreInvalidRequestsNotCrashes() {
    for (String bad : List.of("foo AND", "\"unclosed", "(a OR b", "*leading", "title:", "a:b:c:[")) {
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> searcher.search(SearchRequest.of(bad)), bad);
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  void pagingBeyondTheWindowIsRefused() {
    assertThrows(InvalidRequestException.class, () -> searcher.search(SearchRequest.of("").withPage(0, 10)));
    assertThrows(InvalidRequestException.class, () -> searcher.search(SearchRequest.of("").withPage(1, 101)));
    assertThrows(InvalidRequestException.class, () -> searcher.search(SearchRequest.of("").withPage(1001, 10)));
    assertEquals(0, searcher.search(SearchRequest.of("").withPage(9, 10)).hits().size());
  }

  @Test
  void unknownFacetIsRefused() {
    assertThrows(
        InvalidRequestException.class, () -> searcher.search(SearchRequest.of("").withFilter("topic", "earn")));
  }

  @Test
  void articleLookupReturnsFullTextAndLabels() {
    var article = searcher.article("chinabystander-2021-07-05-tech-crackdown-cracks-on").orElseThrow();
    assertTrue(article.body().contains("Ant Group"));
    assertTrue(article.labels().get("company").containsAll(List.of("Kanzhun", "Full Truck Alliance", "Didi")));
    assertEquals("China Bystander", article.source());
    assertTrue(searcher.article("no-such-id").isEmpty());
  }

  @Test
  void statusCountsTheServedArticles() {
    assertEquals(5, searcher.status().articles());
    assertFalse(searcher.status().backend().isBlank());
  }

  @Test
  void theCatalogIsTheOneTheIndexWasBuiltWith() {
    assertEquals("news", searcher.catalog().profile());
    assertEquals(List.of("company", "regulator", "action", "source", "date"), searcher.catalog().names());
  }

  @Test
  void anUnknownArticleIsEmptyNotAnError() {
    assertTrue(searcher.article("no-such-article").isEmpty());
    assertTrue(searcher.similar("no-such-article", 3).isEmpty());
  }

  @Test
  void similarArticlesNeverIncludeTheArticleItselfAndSizeIsChecked() {
    String id = "newsbrief-2021-07-05-cac-probe-fta-boss-zhipin";
    List<SimilarArticle> similar = searcher.similar(id, 4).orElseThrow();
    assertFalse(similar.isEmpty());
    assertTrue(similar.size() <= 4);
    assertTrue(similar.stream().noneMatch(a -> a.id().equals(id)));
    assertTrue(SeedCorpus.allIds().containsAll(similar.stream().map(SimilarArticle::id).toList()));
    assertThrows(InvalidRequestException.class, () -> searcher.similar(id, 0));
  }

  @Test
  void facetListingCountsWithoutHits() {
    // Lucene syntax (a quoted word): the articles that say Kanzhun, whatever a plain-word query would add.
    SearchResponse r = searcher.facets(SearchRequest.of("\"kanzhun\""));
    assertEquals(List.of(), r.hits());
    assertEquals(SeedCorpus.idsMentioning("Kanzhun").size(), r.total());
    assertEquals(r.total(), counts(r, "company").get("Kanzhun"));
  }

  @Test
  void aWriteIsVisibleWhenAcknowledgedAndADeleteRemovesIt() throws Exception {
    Instant published = Instant.parse("2023-01-02T00:00:00Z");
    searcher.write(
        List.of(new Article("contract-1", "Didi returns", "Didi is back in app stores.", "Wire", null, published,
            Map.of("company", List.of("Didi")))),
        List.of());
    try {
      assertEquals(6, searcher.status().articles());
      assertEquals(Set.of("contract-1"), ids(searcher.search(SearchRequest.of("").withDate("2023"))));
      assertEquals("Didi returns", searcher.article("contract-1").orElseThrow().title());
      assertEquals(1L, counts(searcher.search(SearchRequest.of("")), "source").get("Wire"));
    } finally {
      searcher.write(List.of(), List.of("contract-1"));
    }
    assertTrue(searcher.article("contract-1").isEmpty());
    assertEquals(5, searcher.search(SearchRequest.of("")).total());
  }
}
