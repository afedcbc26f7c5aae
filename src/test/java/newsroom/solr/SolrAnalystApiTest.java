package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import newsroom.TestIndexes;
import newsroom.config.Json;
import newsroom.http.ApiServer;
import newsroom.http.HttpTestClient;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst routes over HTTP with the SolrCloud backend (a 2-shard collection of the 300 Reuters stories of the
 * regression sample), answered as the embedded index answers them for the same stories: compare, export, cursor
 * walks and significant terms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrAnalystApiTest {
  private LuceneBackend embedded;
  private SolrBackend solr;
  private Javalin embeddedApp;
  private Javalin solrApp;
  private HttpTestClient lucene;
  private HttpTestClient cloud;

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    TestIndexes.build(SolrReutersParityTest.SAMPLE, work.resolve("index"), "reuters");
    embedded = LuceneBackend.open(work.resolve("index"), false, TestIndexes.settings());
    SolrCluster cluster = SolrTestCluster.connect();
    SolrTestCluster.index(cluster, SolrReutersParityTest.SAMPLE, "analyst", "reuters");
    solr = SolrBackend.open(cluster, "analyst", TestIndexes.settings(), "reuters", 2, 2);
    embeddedApp = ApiServer.create(embedded, TestIndexes.settings()).start(0);
    solrApp = ApiServer.create(solr, TestIndexes.settings()).start(0);
    lucene = new HttpTestClient(embeddedApp.port());
    cloud = new HttpTestClient(solrApp.port());
  }

  @AfterAll
  void stop() throws Exception {
    embeddedApp.stop();
    solrApp.stop();
    embedded.close();
    solr.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static JsonNode ok(HttpTestClient http, String pathAndQuery) throws Exception {
    HttpTestClient.Reply r = http.get(pathAndQuery);
    assertEquals(200, r.status(), pathAndQuery + ": " + r.body());
    return r.json();
  }

  @Test
  void compareAnswersTheEmbeddedIndexsCountsAtEveryInterval() throws Exception {
    for (String interval : List.of("day", "week", "month", "year", "auto")) {
      String q = "/api/compare?interval=" + interval + "&series=" + enc("name=Crude&topic=crude")
          + "&series=" + enc("topic=grain") + "&series=" + enc("q=oil OR wheat");
      JsonNode s = ok(cloud, q);
      JsonNode e = ok(lucene, q);
      assertEquals(e, s, interval);
      assertTrue(s.get("buckets").size() > 0, interval);
      assertTrue(s.get("series").get(0).get("total").asLong() > 0, interval);
    }
    // Shared filters narrow every series and the baseline alike.
    String usa = "/api/compare?interval=month&place=usa&series=" + enc("topic=earn");
    assertEquals(ok(lucene, usa), ok(cloud, usa));
  }

  @Test
  void anExportListsTheSameArticlesInTheRequestedOrder() throws Exception {
    String path = "/api/export?format=jsonl&place=usa&sort=date";
    List<JsonNode> s = lines(cloud.get(path));
    List<JsonNode> e = lines(lucene.get(path));
    assertEquals(ok(cloud, "/api/search?size=0&place=usa").get("total").asInt(), s.size());
    assertTrue(s.size() > 100, s.size() + " rows");
    assertEquals(ids(e), ids(s));
    String previous = "";
    for (JsonNode row : s) {
      assertTrue(row.get("published").asText().compareTo(previous) >= 0, "oldest first");
      previous = row.get("published").asText();
      assertTrue(row.get("labels").get("place").toString().contains("usa"), row.toString());
    }
    // A query: Solr's own ranking order, each row with a plain-text passage that has the phrase.
    String cocoa = "/api/export?format=jsonl&q=" + enc("\"cocoa\"");
    List<JsonNode> rows = lines(cloud.get(cocoa));
    JsonNode search = ok(cloud, "/api/search?size=100&q=" + enc("\"cocoa\""));
    assertEquals(search.get("total").asInt(), rows.size());
    assertTrue(rows.size() >= 2, rows.size() + " rows");
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(search.get("hits").get(i).get("id").asText(), rows.get(i).get("id").asText());
      assertTrue(rows.get(i).get("snippet").asText().toLowerCase().contains("cocoa"), rows.get(i).toString());
      assertFalse(rows.get(i).get("snippet").asText().contains("<mark>"), rows.get(i).toString());
    }
    assertEquals(ids(lines(lucene.get(cocoa))), ids(rows));
  }

  @Test
  void aCursorWalkVisitsEveryMatchOnceNewestFirst() throws Exception {
    List<String> walked = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    String cursor = "*";
    int pages = 0;
    while (cursor != null) {
      JsonNode page = ok(cloud, "/api/search?place=usa&sort=-date&size=7&cursor=" + enc(cursor));
      page.get("hits").forEach(h -> {
        walked.add(h.get("id").asText());
        dates.add(h.get("published").asText());
      });
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      assertTrue(++pages < 100, "the walk ends");
    }
    List<String> sorted = new ArrayList<>(dates);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, dates, "newest first across pages");
    assertEquals(walked.size(), new TreeSet<>(walked).size(), "no article twice");
    JsonNode all = ok(lucene, "/api/search?place=usa&size=100");
    assertEquals(all.get("total").asInt(), walked.size());
    assertTrue(walked.size() > 7 * 3, walked.size() + " articles over several pages");

    HttpTestClient.Reply bad = cloud.get("/api/search?place=usa&sort=date&size=7&cursor=not-a-cursor");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("Invalid cursor", bad.json().get("error").asText());
  }

  @Test
  void significantTermsAreTheEmbeddedIndexsForTheSameSample() throws Exception {
    for (String q : List.of("/api/significant-terms?topic=crude&size=20", "/api/significant-terms?q=wheat&size=15",
        "/api/significant-terms?place=japan&size=30")) {
      JsonNode s = ok(cloud, q);
      JsonNode e = ok(lucene, q);
      // Every match is read on both (the sample has 300 stories), and the background counts are the same.
      assertEquals(e.get("matches"), s.get("matches"), q);
      assertEquals(e.get("sample_size"), s.get("sample_size"), q);
      assertEquals(e.get("background_size"), s.get("background_size"), q);
      assertEquals(terms(e), terms(s), q);
      assertFalse(s.get("terms").isEmpty(), q);
    }
    List<String> crude = new ArrayList<>(terms(ok(cloud, "/api/significant-terms?topic=crude&size=20")).keySet());
    assertTrue(crude.contains("oil"), crude.toString());
    assertTrue(crude.stream().anyMatch(t -> t.contains(" ")), "two-word phrases too: " + crude);
    assertEquals(400, cloud.get("/api/significant-terms?size=0").status());
  }

  /** Term -> "score sample_count background_count", the score to 9 digits. */
  private static Map<String, String> terms(JsonNode st) {
    Map<String, String> terms = new TreeMap<>();
    st.get("terms").forEach(t -> terms.put(t.get("term").asText(), String.format("%.9f %d %d",
        t.get("score").asDouble(), t.get("sample_count").asLong(), t.get("background_count").asLong())));
    return terms;
  }

  private static List<JsonNode> lines(HttpTestClient.Reply r) throws Exception {
    assertEquals(200, r.status(), r.body());
    List<JsonNode> rows = new ArrayList<>();
    for (String line : r.body().lines().toList()) {
      rows.add(Json.MAPPER.readTree(line));
    }
    return rows;
  }

  private static TreeSet<String> ids(List<JsonNode> rows) {
    TreeSet<String> ids = new TreeSet<>();
    rows.forEach(r -> ids.add(r.get("id").asText()));
    return ids;
  }
}
