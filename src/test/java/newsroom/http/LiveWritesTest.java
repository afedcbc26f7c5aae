package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding, replacing and deleting articles over HTTP while the server answers searches. */
class LiveWritesTest {
  static final String TOKEN = "test-token-5f1c-8a2e";
  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";

  @TempDir Path tmp;
  LuceneBackend index;
  Javalin app;
  HttpTestClient client;

  @BeforeEach
  void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp.resolve("index"));
    index = TestIndexes.open(tmp.resolve("index"), true);
    app = ApiServer.create(index, TestIndexes.settings(), TestIndexes.liveWrites(index, TestIndexes.CONFIG, TOKEN, 64 * 1024))
        .start(0);
    client = new HttpTestClient(app.port());
  }

  @AfterEach
  void stop() throws Exception {
    app.stop();
    index.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Set<String> ids(String query) throws Exception {
    Set<String> ids = new TreeSet<>();
    client.get("/api/search?size=100&" + query).json().get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void anAddedArticleIsTaggedAndSearchableWhenTheAnswerComes() throws Exception {
    var r = client.send("POST", "/api/articles", JSON,
        "{\"id\":\"live-1\",\"title\":\"Boss Zhipin back\",\"body\":\"The CAC lets Boss Zhipin accept new users.\","
            + "\"source\":\"Wire\",\"published\":\"2022-06-30\"}", TOKEN);
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().get("written").asInt());
    assertTrue(r.json().get("durable").asBoolean());
    // No wait: the write is visible as soon as it is acknowledged.
    assertEquals(Set.of("live-1"), ids("q=" + enc("\"boss zhipin back\"")));
    assertTrue(ids("company=Kanzhun&source=Wire").contains("live-1"));
    assertTrue(ids("action=" + enc("registrations resumed")).contains("live-1"));
    assertTrue(ids("date=2022/06/30").contains("live-1"));
    assertEquals(6, client.get("/health").json().get("articles").asInt());
  }

  @Test
  void bulkJsonLinesAddsAndReplacesById() throws Exception {
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      bulk.append("{\"id\":\"bulk-").append(i).append("\",\"title\":\"Story ").append(i)
          .append("\",\"body\":\"Zebrafish report number ").append(i).append("\"}\n");
    }
    var r = client.send("POST", "/api/articles", NDJSON, bulk.toString(), TOKEN);
    assertEquals(200, r.status(), r.body());
    assertEquals(50, r.json().get("written").asInt());
    assertEquals(50, client.get("/api/search?q=zebrafish").json().get("total").asInt());

    // The same id again replaces the article rather than adding a second one.
    client.send("POST", "/api/articles", JSON, "{\"id\":\"bulk-7\",\"title\":\"Changed\",\"body\":\"Narwhal\"}", TOKEN);
    assertEquals(49, client.get("/api/search?q=zebrafish").json().get("total").asInt());
    assertEquals(Set.of("bulk-7"), ids("q=narwhal"));
    assertEquals(55, client.get("/health").json().get("articles").asInt());
  }

  @Test
  void aBulkWithOneBadArticleWritesNothing() throws Exception {
    String bulk = "{\"id\":\"ok-1\",\"body\":\"Okapi\"}\n{\"id\":\"bad\",\n{\"id\":\"nobody\"}\n{\"body\":\"no id\"}\n";
    var r = client.send("POST", "/api/articles", NDJSON, bulk, TOKEN);
    assertEquals(400, r.status());
    String detail = r.json().get("detail").asText();
    assertTrue(detail.contains("body:2: invalid JSON"), detail);
    assertTrue(detail.contains("body:3: missing body"), detail);
    assertTrue(detail.contains("body:4: missing id"), detail);
    assertEquals(Set.of(), ids("q=okapi"));
  }

  @Test
  void deleteRemovesAndAnswers404ForUnknownIds() throws Exception {
    var r = client.send("DELETE", "/api/articles/rt-2021-07-05-china-cracks-down-personal-data", null, null, TOKEN);
    assertEquals(200, r.status(), r.body());
    assertEquals(Set.of(), ids("q=id:rt-2021-07-05-china-cracks-down-personal-data"));
    assertEquals(404, client.get("/api/articles/rt-2021-07-05-china-cracks-down-personal-data").status());
    var again = client.send("DELETE", "/api/articles/rt-2021-07-05-china-cracks-down-personal-data", null, null, TOKEN);
    assertEquals(404, again.status());
    assertEquals(4, client.get("/health").json().get("articles").asInt());
  }

  @Test
  void writesNeedTheToken() throws Exception {
    String article = "{\"id\":\"x\",\"body\":\"y\"}";
    assertEquals(401, client.send("POST", "/api/articles", JSON, article, null).status());
    assertEquals(401, client.send("POST", "/api/articles", JSON, article, "wrong").status());
    assertEquals(401, client.send("DELETE", "/api/articles/x", null, null, TOKEN + "x").status());
    assertEquals(401, client.send("POST", "/api/admin/reindex", null, null, null).status());
    assertEquals(5, client.get("/health").json().get("articles").asInt());
  }

  @Test
  void wrongContentTypeAndOversizeBodiesAreRefused() throws Exception {
    var type = client.send("POST", "/api/articles", "text/csv", "id,body\nx,y", TOKEN);
    assertEquals(415, type.status());
    assertTrue(type.json().has("error"));
    var big = client.send("POST", "/api/articles", JSON,
        "{\"id\":\"big\",\"body\":\"" + "word ".repeat(20_000) + "\"}", TOKEN);
    assertEquals(413, big.status());
    assertTrue(big.json().get("detail").asText().contains("at most"));
    assertEquals(Set.of(), ids("q=id:big"));
  }

  @Test
  void reindexAppliesEditedDictionariesAndKeepsLiveArticles() throws Exception {
    Path config = tmp.resolve("config");
    copyTree(TestIndexes.CONFIG, config);
    app.stop();
    app = null;
    app = ApiServer.create(index, TestIndexes.settings(), TestIndexes.liveWrites(index, config, TOKEN, 64 * 1024)).start(0);
    client = new HttpTestClient(app.port());

    client.send("POST", "/api/articles", JSON, "{\"id\":\"acme-1\",\"body\":\"Acme Freight shares rose.\"}", TOKEN);
    assertEquals(Set.of(), ids("company=Acme"));

    // A newsroom editor adds a company to the dictionary ...
    Path companies = config.resolve("entities/company.json");
    Files.writeString(companies, Files.readString(companies)
        .replace("\"values\": [", "\"values\": [\n    {\"name\": \"Acme\", \"aliases\": [\"Acme Freight\"]},"));
    // ... and re-indexes while the server keeps answering.
    var r = client.send("POST", "/api/admin/reindex", null, null, TOKEN);
    assertEquals(200, r.status(), r.body());
    assertEquals(6, r.json().get("articles").asInt());
    assertEquals(Set.of("acme-1"), ids("company=Acme"));
    assertEquals(5, ids("company=Kanzhun").size());
  }

  static void copyTree(Path from, Path to) throws Exception {
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(from)) {
      walk.forEach(files::add);
    }
    for (Path p : files) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }
}
