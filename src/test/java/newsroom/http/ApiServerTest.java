package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import newsroom.config.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over real HTTP, on a random port, over the seed corpus. */
class ApiServerTest {
  @TempDir static Path indexRoot;
  static LuceneBackend searcher;
  static Javalin app;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, indexRoot);
    searcher = TestIndexes.open(indexRoot, false);
    app = ApiServer.create(searcher, TestIndexes.settings()).start(0);
  }

  @AfterAll
  static void stop() throws Exception {
    app.stop();
    searcher.close();
  }

  record Reply(int status, String contentType, JsonNode json) {}

  static Reply get(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
    String type = r.headers().firstValue("content-type").orElse("");
    return new Reply(r.statusCode(), type, type.startsWith("application/json") ? Json.MAPPER.readTree(r.body()) : null);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Set<String> ids(JsonNode search) {
    Set<String> ids = new TreeSet<>();
    search.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  static JsonNode facet(JsonNode search, String name) {
    for (JsonNode f : search.get("facets")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no facet " + name);
  }

  static long count(JsonNode facet, String value) {
    for (JsonNode v : facet.get("values")) {
      if (v.get("value").asText().equals(value)) {
        return v.get("count").asLong();
      }
    }
    return 0;
  }

  @Test
  void searchAnswersHitsHighlightsAndFacets() throws Exception {
    Reply r = get("/api/search?q=" + enc("\"Boss Zhipin\""));
    assertEquals(200, r.status());
    assertEquals(SeedCorpus.idsMentioning("Boss Zhipin"), ids(r.json()));
    assertEquals(SeedCorpus.idsMentioning("Boss Zhipin").size(), r.json().get("total").asInt());
    assertTrue(r.json().get("took_ms").isNumber());
    JsonNode hit = r.json().get("hits").get(0);
    assertTrue(hit.get("snippets").toString().contains("<mark>Boss Zhipin</mark>"), hit.toString());
    assertTrue(hit.get("score").isNumber());
    assertEquals(
        List.of("company", "regulator", "action", "source", "date"),
        names(r.json().get("facets")));
  }

  static List<String> names(JsonNode facets) {
    List<String> names = new ArrayList<>();
    facets.forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  @Test
  void repeatedFacetParametersAreOredAndDrillSidewaysCountsStay() throws Exception {
    Reply one = get("/api/search?company=Alibaba");
    Reply two = get("/api/search?company=Alibaba&company=Uber");
    Reply all = get("/api/search");
    Set<String> expected = new TreeSet<>(SeedCorpus.idsMentioning("Alibaba"));
    expected.addAll(SeedCorpus.idsMentioning("Uber"));
    assertEquals(SeedCorpus.idsMentioning("Alibaba"), ids(one.json()));
    assertEquals(expected, ids(two.json()));
    // Selecting Alibaba leaves the count of Didi in the company facet as it was over everything.
    assertEquals(count(facet(all.json(), "company"), "Didi"), count(facet(one.json(), "company"), "Didi"));
  }

  @Test
  void dateDrillDownAndSortAndPaging() throws Exception {
    Reply y2022 = get("/api/search?date=2022");
    assertEquals(SeedCorpus.idsPublished("2022"), ids(y2022.json()));
    Reply newest = get("/api/search?sort=-date&size=1&page=1");
    assertEquals(Set.of("scmp-2022-06-29-fta-kanzhun-registrations"), ids(newest.json()));
    assertEquals(5, newest.json().get("total").asInt());
    Reply range = get("/api/search?from=2021-07-05&to=2021-07-05");
    assertEquals(SeedCorpus.idsPublished("2021-07-05"), ids(range.json()));
  }

  @Test
  void badRequestsAre400WithAJsonMessage() throws Exception {
    for (String bad :
        List.of(
            "/api/search?q=" + enc("foo AND"),
            "/api/search?q=" + enc("\"unclosed"),
            "/api/search?q=" + enc("*wild"),
            "/api/search?date=2021-07",
            "/api/search?date=2021/02/30",
            "/api/search?from=yesterday",
            "/api/search?from=2022-01-01&to=2021-01-01",
            "/api/search?page=0",
            "/api/search?page=abc",
            "/api/search?size=1000",
            "/api/search?page=100000&size=100",
            "/api/search?sort=popularity",
            "/api/search?q=a&q=b",
            "/api/search?q=" + "x".repeat(3000))) {
      Reply r = get(bad);
      assertEquals(400, r.status(), bad);
      assertTrue(r.contentType().startsWith("application/json"), bad);
      assertFalse(r.json().get("error").asText().isBlank(), bad);
      assertTrue(r.json().has("detail"), bad);
      assertFalse(r.json().toString().contains("at newsroom."), "no stack trace: " + r.json());
    }
  }

  @Test
  void articleEndpointAndNotFound() throws Exception {
    Reply a = get("/api/articles/rt-2021-07-05-china-cracks-down-personal-data");
    assertEquals(200, a.status());
    assertEquals("RT", a.json().get("source").asText());
    assertTrue(a.json().get("body").asText().contains("Boss Zhipin"));
    assertTrue(a.json().get("labels").get("company").toString().contains("Kanzhun"));

    Reply missing = get("/api/articles/nope");
    assertEquals(404, missing.status());
    assertTrue(missing.json().get("error").asText().contains("Not found"));
    assertTrue(missing.json().get("detail").asText().contains("nope"));

    Reply noRoute = get("/api/nothing-here");
    assertEquals(404, noRoute.status());
    assertEquals("Not found", noRoute.json().get("error").asText());
  }

  @Test
  void similarArticlesEndpoint() throws Exception {
    String id = "rt-2021-07-05-china-cracks-down-personal-data";
    Reply r = get("/api/articles/" + id + "/similar?size=2");
    assertEquals(200, r.status());
    assertEquals(id, r.json().get("id").asText());
    JsonNode similar = r.json().get("similar");
    assertEquals(2, similar.size());
    for (JsonNode s : similar) {
      assertTrue(SeedCorpus.allIds().contains(s.get("id").asText()), s.toString());
      assertFalse(s.get("id").asText().equals(id));
      assertFalse(s.get("title").asText().isBlank());
    }
    assertEquals(404, get("/api/articles/nope/similar").status());
    assertEquals(400, get("/api/articles/" + id + "/similar?size=0").status());
  }

  @Test
  void facetsEndpointListsAllValuesWithCounts() throws Exception {
    Reply r = get("/api/facets");
    assertEquals(200, r.status());
    assertEquals(5, r.json().get("total").asInt());
    assertEquals(
        SeedCorpus.idsMentioning("CAC", "Cyberspace Administration of China", "Cybersecurity Review Office").size(),
        count(facet(r.json(), "regulator"), "Cyberspace Administration of China"));
    assertEquals(4, count(facet(r.json(), "date"), "2021"));
  }

  @Test
  void aServerWithoutAWriteTokenRefusesWrites() throws Exception {
    HttpTestClient client = new HttpTestClient(app.port());
    var post = client.send("POST", "/api/articles", "application/json", "{\"id\":\"x\",\"body\":\"y\"}", "any");
    assertEquals(403, post.status());
    assertEquals("Writes disabled", post.json().get("error").asText());
    assertEquals(403, client.send("DELETE", "/api/articles/x", null, null, "any").status());
    assertEquals(5, get("/health").json().get("articles").asInt());
  }

  @Test
  void healthReportsTheServedIndex() throws Exception {
    Reply r = get("/health");
    assertEquals(200, r.status());
    assertEquals("ok", r.json().get("status").asText());
    assertEquals(5, r.json().get("articles").asInt());
  }
}
