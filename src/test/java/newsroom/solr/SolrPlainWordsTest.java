package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchBackendContract;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SearchResponse.Hit;
import newsroom.config.RankingSettings;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranking on SolrCloud as search.json configures it: the collection's schema carries its BM25 parameters, and plain
 * words get its aids (entity names add matches, the word-pair boost reorders), matching what the embedded index
 * matches for the same seed articles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrPlainWordsTest {
  private LuceneBackend embedded;
  private SolrBackend solr;

  @BeforeAll
  void open(@TempDir Path work) throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, work.resolve("index"));
    embedded = TestIndexes.open(work.resolve("index"), false);
    solr = SolrTestCluster.seedBackend("plain");
  }

  @AfterAll
  void close() throws Exception {
    embedded.close();
    solr.close();
  }

  @Test
  void theCollectionRanksWithSearchJsonsBm25() {
    RankingSettings.Bm25 configured = TestIndexes.settings().ranking().bm25();
    // Not Solr's defaults (1.2, 0.75): otherwise this would prove nothing.
    assertFalse(configured.equals(new RankingSettings.Bm25(1.2f, 0.75f)), configured.toString());
    // Read back from the collection's schema over the Schema API.
    assertEquals(configured, solr.cluster().bm25Of(solr.collection()));
    // And the scores are those of the embedded index with the same parameters.
    SearchRequest r = SearchRequest.of("cybersecurity OR registrations").withSyntax(QuerySyntax.LUCENE);
    for (Hit e : embedded.search(r).hits()) {
      Hit s = solr.search(r).hits().stream().filter(h -> h.id().equals(e.id())).findFirst().orElseThrow();
      assertEquals(e.score(), s.score(), e.score() * 1e-4, e.id());
    }
  }

  @Test
  void aCompanysOtherNamesAddTheArticlesThatOnlyUseThem() {
    Set<String> exact = SeedCorpus.idsMentioning("Kanzhun");
    Set<String> all = SeedCorpus.idsMentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin");
    assertTrue(all.size() > exact.size(), "some article says only Boss Zhipin: " + all + " " + exact);
    SearchResponse r = solr.search(SearchRequest.of("kanzhun"));
    assertEquals("plain", r.syntax());
    assertEquals(all, SearchBackendContract.ids(r));
    assertEquals(SearchBackendContract.ids(embedded.search(SearchRequest.of("kanzhun"))), SearchBackendContract.ids(r));
    // The exact mentions first, the other names a little below.
    List<Hit> hits = r.hits();
    for (int i = 0; i < exact.size(); i++) {
      assertTrue(exact.contains(hits.get(i).id()), "rank " + i + ": " + hits.get(i).id());
    }
    // The other name is marked in the snippets of the article that only uses it.
    Hit other = hits.get(hits.size() - 1);
    assertTrue(other.snippets().stream().anyMatch(s -> s.contains("<mark>Boss</mark> <mark>Zhipin</mark>")
        || s.contains("<mark>Boss Zhipin</mark>")), other.snippets().toString());
  }

  @Test
  void plainWordsHaveNoOperatorsAndMatchWhatTheEmbeddedIndexMatches() {
    for (String text : List.of("Alibaba AND Uber", "cybersecurity review", "Didi (app) stores?", "NOT Uber",
        "user registrations", "full-truck alliance's app")) {
      SearchRequest plain = SearchRequest.of(text).withSyntax(QuerySyntax.PLAIN);
      SearchResponse s = solr.search(plain);
      SearchResponse e = embedded.search(plain);
      assertEquals(SearchBackendContract.ids(e), SearchBackendContract.ids(s), text);
      assertEquals(e.total(), s.total(), text);
      assertEquals("plain", s.syntax(), text);
    }
    // AND is a word: the articles with either company, not only those with both.
    Set<String> either = SearchBackendContract.ids(solr.search(SearchRequest.of("Alibaba AND Uber").withSyntax(QuerySyntax.PLAIN)));
    assertTrue(either.containsAll(SeedCorpus.idsMentioning("Alibaba")), either.toString());
    assertTrue(either.containsAll(SeedCorpus.idsMentioning("Uber")), either.toString());
  }

  @Test
  void wordsSideBySideRankFirst() {
    // search.json boosts consecutive words found side by side: every article with the phrase ranks above those
    // with the two words apart.
    Set<String> phrase = SeedCorpus.idsMentioning("user registrations");
    List<Hit> hits = solr.search(SearchRequest.of("user registrations")).hits();
    assertTrue(hits.size() > phrase.size(), hits.size() + " hits");
    for (int i = 0; i < phrase.size(); i++) {
      assertTrue(phrase.contains(hits.get(i).id()), "rank " + i + ": " + hits.get(i).id());
    }
  }
}
