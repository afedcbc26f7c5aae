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

  // ---- analyst tools: timeline counts, export, cursor paging, significant terms ----

  @Test
  void timelineCountsEqualTheDateFacetAtEveryLevel() {
    SearchRequest all = SearchRequest.of("");
    Timeline years = searcher.counts(all, Interval.YEAR);
    assertEquals(Interval.YEAR, years.interval());
    assertEquals(5, years.total());
    assertEquals(0, years.undated());
    Map<String, Long> byYear = new java.util.TreeMap<>();
    years.buckets().forEach(b -> byYear.put(Interval.YEAR.key(b.start()), b.count()));
    assertEquals(counts(searcher.search(all), "date"), byYear);

    // Months of each year, and days of each month, as the date facet drills down.
    Timeline months = searcher.counts(all, Interval.MONTH);
    Timeline days = searcher.counts(all, Interval.DAY);
    for (String year : byYear.keySet()) {
      for (var month : counts(searcher.search(all.withDate(year)), "date").entrySet()) {
        Instant start = Instant.parse(year + "-" + month.getKey() + "-01T00:00:00Z");
        assertEquals(month.getValue(), months.counts().get(start), year + "/" + month.getKey());
        for (var day : counts(searcher.search(all.withDate(year, month.getKey())), "date").entrySet()) {
          Instant dayStart = Instant.parse(year + "-" + month.getKey() + "-" + day.getKey() + "T00:00:00Z");
          assertEquals(day.getValue(), days.counts().get(dayStart));
        }
      }
    }
    assertEquals(Instant.parse("2021-07-05T00:00:00Z"), days.first());
    assertEquals(Instant.parse("2022-06-29T00:00:00Z"), days.last());
    // 5 July 2021 is a Monday: its ISO week starts that day.
    assertEquals(Map.of(Instant.parse("2021-07-05T00:00:00Z"), 4L, Instant.parse("2022-06-27T00:00:00Z"), 1L),
        searcher.counts(all, Interval.WEEK).counts());
  }

  @Test
  void timelineCountsFollowTheFiltersAndTheQuery() {
    SearchRequest kanzhun = SearchRequest.of("kanzhun");
    Timeline t = searcher.counts(kanzhun, Interval.YEAR);
    assertEquals(searcher.search(kanzhun).total(), t.total());
    assertEquals(counts(searcher.search(kanzhun), "date"),
        t.buckets().stream().collect(Collectors.toMap(b -> Interval.YEAR.key(b.start()), Timeline.Bucket::count)));
    SearchRequest fta = SearchRequest.of("").withFilter("company", "Full Truck Alliance");
    assertEquals(searcher.search(fta).total(), searcher.counts(fta, Interval.MONTH).total());
    assertThrows(InvalidRequestException.class,
        () -> searcher.counts(SearchRequest.of("").withFilter("topic", "earn"), Interval.MONTH));
    assertThrows(InvalidRequestException.class, () -> searcher.counts(SearchRequest.of("foo AND"), Interval.DAY));
  }

  /** Collects an export; throws after {@code failAfter} rows, as a client that went away does. */
  static final class Rows implements ExportSink {
    final List<ExportRow> rows = new java.util.ArrayList<>();
    long total = -1;
    final int failAfter;

    Rows(int failAfter) {
      this.failAfter = failAfter;
    }

    @Override
    public void begin(long total) {
      assertEquals(-1, this.total, "begin once");
      assertTrue(rows.isEmpty(), "begin before the first row");
      this.total = total;
    }

    @Override
    public void row(ExportRow row) throws java.io.IOException {
      if (rows.size() == failAfter) {
        throw new java.io.IOException("client went away");
      }
      rows.add(row);
    }

    List<String> ids() {
      return rows.stream().map(ExportRow::id).toList();
    }
  }

  @Test
  void exportListsEveryMatchOnceInTheRequestedOrder() throws Exception {
    Rows oldest = new Rows(Integer.MAX_VALUE);
    assertEquals(5, searcher.export(SearchRequest.of("").withSort(SortOrder.DATE), oldest));
    assertEquals(5, oldest.total);
    assertEquals(SeedCorpus.allIds(), new TreeSet<>(oldest.ids()));
    for (int i = 1; i < oldest.rows.size(); i++) {
      assertFalse(oldest.rows.get(i).published().isBefore(oldest.rows.get(i - 1).published()), "oldest first");
    }
    Rows newest = new Rows(Integer.MAX_VALUE);
    searcher.export(SearchRequest.of("").withSort(SortOrder.NEWEST), newest);
    assertEquals("scmp-2022-06-29-fta-kanzhun-registrations", newest.ids().get(0));

    // A query: the same articles as its search, in the same (relevance) order, each with a plain-text snippet.
    SearchRequest query = SearchRequest.of("\"cybersecurity review\"");
    Rows matched = new Rows(Integer.MAX_VALUE);
    searcher.export(query, matched);
    assertEquals(searcher.search(query).hits().stream().map(Hit::id).toList(), matched.ids());
    for (ExportRow row : matched.rows) {
      assertTrue(row.snippet().toLowerCase(java.util.Locale.ROOT).contains("cybersecurity review"), row.snippet());
      assertFalse(row.snippet().contains("<mark>"), row.snippet());
      assertEquals(searcher.article(row.id()).orElseThrow().title(), row.title());
      assertEquals(searcher.article(row.id()).orElseThrow().labels(), row.labels());
    }
    // Filters narrow the export as they narrow a search.
    Rows fta = new Rows(Integer.MAX_VALUE);
    searcher.export(SearchRequest.of("").withFilter("company", "Full Truck Alliance"), fta);
    assertEquals(SeedCorpus.idsMentioning("Full Truck Alliance", "Yunmanman", "Huochebang"), new TreeSet<>(fta.ids()));
  }

  @Test
  void anExportStopsWhenItsSinkFails() {
    Rows failing = new Rows(2);
    assertThrows(java.io.IOException.class, () -> searcher.export(SearchRequest.of(""), failing));
    assertEquals(2, failing.rows.size());
    assertThrows(InvalidRequestException.class, () -> searcher.export(SearchRequest.of("foo AND"), new Rows(0)));
  }

  @Test
  void aCursorWalkVisitsEveryMatchOnceInEveryOrder() {
    for (SortOrder order : SortOrder.values()) {
      List<String> walked = new java.util.ArrayList<>();
      String cursor = SearchRequest.FIRST_CURSOR;
      int pages = 0;
      while (cursor != null) {
        SearchResponse page = searcher.search(SearchRequest.of("").withSort(order).withPage(1, 2).withCursor(cursor));
        assertEquals(5, page.total());
        page.hits().forEach(h -> walked.add(h.id()));
        cursor = page.nextCursor();
        assertTrue(++pages <= 4, "the walk ends");
      }
      assertEquals(5, walked.size(), order + " " + walked);
      assertEquals(SeedCorpus.allIds(), new TreeSet<>(walked));
      if (order != SortOrder.RELEVANCE) {
        assertEquals(
            searcher.search(SearchRequest.of("").withSort(order)).hits().stream().map(Hit::published).toList(),
            walked.stream().map(id -> searcher.article(id).orElseThrow().published()).toList());
      }
    }
    // A page-numbered search has no cursor to follow.
    assertEquals(null, searcher.search(SearchRequest.of("")).nextCursor());
  }

  @Test
  void aBadCursorIsAnInvalidRequest() {
    SearchRequest first = SearchRequest.of("").withSort(SortOrder.DATE).withPage(1, 2).withCursor("*");
    String next = searcher.search(first).nextCursor();
    assertNotNull(next);
    assertThrows(InvalidRequestException.class, () -> searcher.search(first.withCursor("not-a-cursor")));
    assertThrows(InvalidRequestException.class, () -> searcher.search(first.withSort(SortOrder.NEWEST).withCursor(next)));
    assertThrows(InvalidRequestException.class, () -> searcher.search(first.withPage(2, 2)));
  }

  @Test
  void significantTermsAreMoreFrequentInTheMatchesThanInTheIndex() {
    // A facet value that some but not all articles have: 3 or 4 of the 5.
    SearchResponse all = searcher.search(SearchRequest.of(""));
    SearchRequest fta = all.facets().stream().filter(f -> !f.hierarchical())
        .flatMap(f -> f.values().stream().filter(v -> v.count() >= 3 && v.count() < 5)
            .map(v -> SearchRequest.of("").withFilter(f.name(), v.value())))
        .findFirst().orElseThrow();
    SignificantTerms st = searcher.significantTerms(fta, 10);
    long matches = searcher.search(fta).total();
    assertEquals(matches, st.matches());
    assertEquals(matches, st.sampleSize(), "a small result set is read whole");
    assertEquals("jlh", st.heuristic());
    assertFalse(st.sampling().isBlank());
    assertFalse(st.terms().isEmpty());
    assertTrue(st.terms().size() <= 10);
    double previous = Double.MAX_VALUE;
    for (SignificantTerms.Term t : st.terms()) {
      assertTrue(t.score() > 0 && t.score() <= previous, t.toString());
      previous = t.score();
      assertTrue(t.sampleCount() <= t.backgroundCount(), t.toString());
      assertTrue((double) t.sampleCount() / st.sampleSize() > (double) t.backgroundCount() / st.backgroundSize(), t.toString());
      assertEquals(t.phrase(), t.term().contains(" "), t.toString());
    }
    // Terms of the query itself are not news to the person who typed it.
    SignificantTerms kanzhun = searcher.significantTerms(SearchRequest.of("kanzhun"), 20);
    assertTrue(kanzhun.terms().stream().noneMatch(t -> t.term().equals("kanzhun")), kanzhun.terms().toString());
    assertThrows(InvalidRequestException.class, () -> searcher.significantTerms(fta, 0));
    assertThrows(InvalidRequestException.class, () -> searcher.significantTerms(fta, 101));
  }
}
