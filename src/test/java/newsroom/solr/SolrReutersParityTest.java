package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.TestIndexes;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.backend.SearchResponse.Hit;
import newsroom.backend.SortOrder;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Reuters stories (the 300 of the regression sample, reuters profile) in the embedded index and in a
 * 2-shard SolrCloud collection answer alike: totals, every facet count (drill-sideways included), the date
 * hierarchy, and the hits themselves. The full collection is {@code -Dnewsroom.reuters.full=true} territory;
 * the sample keeps the default suite fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrReutersParityTest {
  static final Path SAMPLE = Path.of("src/test/resources/regressions/reuters-sample");
  private LuceneBackend embedded;
  private SolrBackend solr;

  @BeforeAll
  void open(@TempDir Path work) throws Exception {
    TestIndexes.build(SAMPLE, work.resolve("index"), "reuters");
    // Both rank with search.json's BM25 parameters: the collection's schema carries them.
    embedded = LuceneBackend.open(work.resolve("index"), false, TestIndexes.settings());
    SolrCluster cluster = SolrTestCluster.connect();
    SolrTestCluster.index(cluster, SAMPLE, "reuters", "reuters");
    solr = SolrBackend.open(cluster, "reuters", TestIndexes.settings(), "reuters", 2, 2);
  }

  @AfterAll
  void close() throws Exception {
    embedded.close();
    solr.close();
  }

  static List<SearchRequest> requests() {
    SearchRequest all = SearchRequest.of("").withFacetLimit(1000);
    return List.of(
        all,
        all.withFilter("topic", "grain"),
        all.withFilter("topic", "grain", "crude").withFilter("place", "usa"),
        all.withDate("1987"),
        all.withDate("1987", "02"),
        all.withDate("1987", "02", "26"),
        SearchRequest.of("oil").withFacetLimit(5),
        SearchRequest.of("\"interest rates\" OR dollar").withFilter("place", "japan", "uk"),
        SearchRequest.of("wheat AND NOT corn"),
        SearchRequest.of("export*").withFilter("topic", "earn"),
        SearchRequest.of("topic:grain AND place:usa"),
        SearchRequest.of("").withSort(SortOrder.NEWEST).withPage(2, 20),
        SearchRequest.of("bank").withSort(SortOrder.DATE))
        // Lucene syntax, exactly: the embedded index's plain-word ranking (proximity, entity names) is its own.
        .stream().map(r -> r.withSyntax(QuerySyntax.LUCENE)).toList();
  }

  @Test
  void totalsAndEveryFacetCountEqualTheEmbeddedIndex() {
    assertEquals(embedded.status().articles(), solr.status().articles());
    assertEquals(300, solr.status().articles());
    for (SearchRequest r : requests()) {
      SearchResponse e = embedded.search(r);
      SearchResponse s = solr.search(r);
      assertEquals(e.total(), s.total(), "total of " + r);
      assertEquals(views(e), views(s), "facets of " + r);
    }
  }

  @Test
  void theSameHitsInTheSameOrderWhereScoresDoNotTie() {
    int compared = 0;
    for (SearchRequest r : requests()) {
      List<Hit> e = embedded.search(r).hits();
      List<Hit> s = solr.search(r).hits();
      assertEquals(e.size(), s.size(), "hits of " + r);
      // Scores are computed over the whole collection's statistics on both (Solr's exact stats cache), so they
      // agree; only the order among equal keys may differ (the embedded index breaks ties by insertion order,
      // Solr by id), so hits are compared as groups of equal sort keys.
      // The last group may be cut by the page: which of its tied members make the page is up to tie-breaking.
      List<List<String>> ge = groups(e, r);
      List<List<String>> gs = groups(s, r);
      assertEquals(ge.size(), gs.size(), "hits of " + r);
      if (!ge.isEmpty()) {
        assertEquals(ge.subList(0, ge.size() - 1), gs.subList(0, gs.size() - 1), "hits of " + r);
        assertEquals(ge.get(ge.size() - 1).size(), gs.get(gs.size() - 1).size(), "hits of " + r);
      }
      for (int i = 0; i < e.size(); i++) {
        Hit a = e.get(i);
        Hit b = s.stream().filter(h -> h.id().equals(a.id())).findFirst().orElse(null);
        if (b == null) {
          continue;
        }
        if (a.score() != null && b.score() != null) {
          assertEquals(a.score(), b.score(), Math.max(1e-4, a.score() * 1e-4), "score of " + a.id() + " for " + r);
        }
        assertEquals(a.labels(), b.labels(), a.id());
        assertEquals(a.titleHtml(), b.titleHtml(), "title of " + a.id() + " for " + r);
        compared++;
      }
    }
    assertTrue(compared > 50, compared + " hits compared");
  }

  @Test
  void plainWordsMatchTheSameArticlesWithTheSameFacetCounts() {
    // Plain words with search.json's aids: the same matches (entity names included), ranked by each engine's
    // own word-pair boost, so only the matches and counts are compared.
    for (String text : List.of("oil prices", "U.S. AND (SOVIET) AID?", "interest rates japan", "bank of england")) {
      SearchRequest r = SearchRequest.of(text).withSyntax(QuerySyntax.PLAIN).withFacetLimit(1000);
      SearchResponse e = embedded.search(r);
      SearchResponse s = solr.search(r);
      assertTrue(s.total() > 0, text);
      assertEquals(e.total(), s.total(), "total of " + text);
      assertEquals(views(e), views(s), "facets of " + text);
    }
  }

  /** Hits as the set of ids at each distinct sort key (score rounded, or date). */
  private static List<List<String>> groups(List<Hit> hits, SearchRequest r) {
    List<List<String>> groups = new ArrayList<>();
    Object last = null;
    for (Hit h : hits) {
      Object key = r.sort() == SortOrder.RELEVANCE ? Math.round(h.score() * 1000) : h.published();
      if (groups.isEmpty() || !key.equals(last)) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(h.id());
      last = key;
    }
    groups.forEach(g -> g.sort(null));
    return groups;
  }

  private static Map<String, Object> views(SearchResponse r) {
    return r.facets().stream().collect(Collectors.toMap(FacetView::name, v -> v.path() + " " + v.values()));
  }

}
