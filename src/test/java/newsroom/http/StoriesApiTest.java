package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import newsroom.TestIndexes;
import newsroom.backend.BackendStatus;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SimilarArticle;
import newsroom.config.Catalog;
import newsroom.lucene.LuceneBackend;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stories over HTTP: collapse=story, story=<id>, count=stories, on the fixture of known copies. */
class StoriesApiTest {
  @TempDir Path tmp;

  @Test
  void collapseAnswersOneHitPerStoryWithItsCopies() throws Exception {
    TestIndexes.build(Path.of("src/test/resources/stories"), tmp.resolve("index"));
    try (LuceneBackend index = TestIndexes.open(tmp.resolve("index"), false)) {
      Javalin app = ApiServer.create(index, TestIndexes.settings()).start(0);
      try {
        HttpTestClient client = new HttpTestClient(app.port());
        var r = client.get("/api/search?q=inflation&collapse=story");
        assertEquals(200, r.status(), r.body());
        assertEquals(4, r.json().get("total").asInt());
        assertEquals(1, r.json().get("stories").asInt());
        var hit = r.json().get("hits").get(0);
        assertEquals("guardian-early", hit.get("story").get("id").asText());
        assertEquals(4, hit.get("story").get("copies").asInt());
        assertEquals(4, hit.get("story").get("outlets").asInt());
        assertEquals("Guardian", hit.get("story").get("shown").get(0).get("source").asText());
        assertEquals("2024-02-29T23:00:00Z", hit.get("story").get("shown").get(0).get("published").asText());

        Set<String> copies = new TreeSet<>();
        client.get("/api/search?story=guardian-early&size=100").json().get("hits")
            .forEach(h -> copies.add(h.get("id").asText()));
        assertEquals(Set.of("guardian-early", "wire-1", "ap-copy", "bbc-edit"), copies);
        // Without story options the answer is as before: no story counts, no story on hits.
        var plain = client.get("/api/search?q=inflation").json();
        assertTrue(plain.get("stories") == null && plain.get("hits").get(0).get("story") == null, plain.toString());

        var facets = client.get("/api/facets?count=stories").json();
        assertEquals(8, facets.get("total").asInt());
        var compare = client.get("/api/compare?series=q%3Dinflation&count=stories&interval=day").json();
        assertEquals(1, compare.get("series").get(0).get("total").asInt(), compare.toString());

        var bad = client.get("/api/search?collapse=source");
        assertEquals(400, bad.status());
        assertEquals("Invalid collapse", bad.json().get("error").asText());
        assertEquals(400, client.get("/api/search?count=outlets").status());
        assertEquals(400, client.get("/api/search?collapse=story&cursor=*").status());
      } finally {
        app.stop();
      }
      // A backend that does not group stories (as the Solr backend) refuses the options: 501.
      Javalin plain = ApiServer.create(withoutStories(index), TestIndexes.settings()).start(0);
      try {
        var r = new HttpTestClient(plain.port()).get("/api/search?collapse=story");
        assertEquals(501, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("does not group copies into stories"), r.body());
      } finally {
        plain.stop();
      }
    }
  }

  /** The backend's searches as one that has no stories would answer them. */
  private static SearchBackend withoutStories(SearchBackend b) {
    return new SearchBackend() {
      public Catalog catalog() { return b.catalog(); }
      public SearchResponse search(SearchRequest request) { return b.search(request); }
      public Optional<Article> article(String id) { return b.article(id); }
      public Optional<List<SimilarArticle>> similar(String id, int limit) { return b.similar(id, limit); }
      public BackendStatus status() { return b.status(); }
      public void write(List<Article> upserts, List<String> deletes) { throw new UnsupportedOperationException(); }
      public long rebuild(Catalog c, UnaryOperator<Article> t) { throw new UnsupportedOperationException(); }
      public void refresh() {}
      public void close() throws IOException {}
    };
  }
}
