package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newsroom.TestIndexes;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchRequest;
import newsroom.config.Catalog;
import newsroom.enrich.Enricher;
import newsroom.model.Article;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The percolator matches a written article exactly when the same search on the index finds it: each saved search
 * is checked both ways, on tagged articles, with text, filters, dates and plain words.
 */
class SavedSearchMonitorTest {
  @TempDir static Path root;
  static LuceneBackend backend;
  static Enricher tagger;

  @BeforeAll
  static void open() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    backend = TestIndexes.open(root, true);
    tagger = Enricher.forCatalog(TestIndexes.CONFIG, Catalog.load(TestIndexes.CONFIG, Catalog.DEFAULT_PROFILE));
  }

  @AfterAll
  static void close() throws Exception {
    backend.close();
  }

  static Article article(String id, String title, String body, String published) {
    return tagger.enrich(new Article(id, title, body, "Wire", null, Instant.parse(published + "T00:00:00Z"), Map.of()));
  }

  static final Map<String, SearchRequest> SEARCHES =
      Map.of(
          "kanzhun-and-regulator", SearchRequest.of("Kanzhun AND regulator"),
          "kanzhun-company", SearchRequest.of("").withFilter("company", "Kanzhun"),
          "phrase", SearchRequest.of("\"truck alliance\""),
          "plain-words", SearchRequest.of("zebrafish"),
          "wildcard-in-june-2022", SearchRequest.of("regulat*").withDate("2022", "06"),
          "didi-not-kanzhun", SearchRequest.of("Didi -Kanzhun"));

  @Test
  void matchesWhatTheSameSearchFindsInTheIndex() throws Exception {
    SavedSearchMatcher monitor = backend.savedSearches();
    SEARCHES.forEach(monitor::register);
    List<Article> articles =
        List.of(
            article("a1", "Kanzhun under review", "The regulator looks at Boss Zhipin again.", "2022-06-30"),
            article("a2", "Full Truck Alliance", "Truck Alliance drivers; Didi waits.", "2021-07-05"),
            article("a3", "Zebrafish study", "Nothing about companies; a regulator of fish farms.", "2022-06-01"),
            article("a4", "Weather", "Rain all week.", "2020-01-01"));
    Map<String, List<String>> matched = monitor.match(articles);
    backend.write(articles, List.of());
    for (Article a : articles) {
      Set<String> expected = new TreeSet<>();
      for (Map.Entry<String, SearchRequest> s : SEARCHES.entrySet()) {
        boolean found =
            backend.search(s.getValue().withPage(1, 100)).hits().stream().anyMatch(h -> h.id().equals(a.id()));
        if (found) {
          expected.add(s.getKey());
        }
      }
      assertEquals(expected, new TreeSet<>(matched.getOrDefault(a.id(), List.of())), a.id());
    }
    // Not vacuous: the searches split the articles.
    assertEquals(Set.of("kanzhun-and-regulator", "kanzhun-company", "wildcard-in-june-2022"), new TreeSet<>(matched.get("a1")));
    assertEquals(Set.of("phrase", "didi-not-kanzhun"), new TreeSet<>(matched.get("a2")));
    assertEquals(Set.of("plain-words", "wildcard-in-june-2022"), new TreeSet<>(matched.get("a3")));
    assertEquals(null, matched.get("a4"));
    SEARCHES.keySet().forEach(monitor::unregister);
    assertEquals(Map.of(), monitor.match(articles));
  }

  @Test
  void refusesWhatASearchRefuses() {
    SavedSearchMatcher monitor = backend.savedSearches();
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> monitor.register("bad", SearchRequest.of("Kanzhun AND (")));
    assertEquals("Invalid query syntax", e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> monitor.check(SearchRequest.of("").withFilter("nope", "x")));
    assertEquals("Unknown facet 'nope'", e.getMessage());
  }
}
