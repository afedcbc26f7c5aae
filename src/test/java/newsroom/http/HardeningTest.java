package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security headers, the Bearer scheme, write-time refusal of input that could never be read back, and 409. */
class HardeningTest {
  static final String TOKEN = "hardening-token-0123";
  static final String JSON = "application/json";

  @TempDir Path tmp;
  LuceneBackend index;
  Javalin app;
  HttpTestClient client;

  @BeforeEach
  void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp.resolve("index"));
    index = TestIndexes.open(tmp.resolve("index"), true);
    app = ApiServer.create(index, TestIndexes.settings(), TestIndexes.liveWrites(index, TestIndexes.CONFIG, TOKEN, 1 << 20))
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

  @Test
  void everyAnswerForbidsSniffingAndFraming() throws Exception {
    for (String path : List.of("/", "/app.css", "/api/search?q=didi", "/api/search?q=%22", "/nope", "/health")) {
      var r = client.http().send(client.request(path).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), path + ": " + csp);
    }
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
      var r = client.send(client.request("/api/articles")
          .header("Content-Type", JSON)
          .header("Authorization", scheme + " " + TOKEN)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":\"s-" + scheme + "\",\"body\":\"x\"}"))
          .build());
      assertEquals(200, r.status(), scheme + ": " + r.body());
    }
    var basic = client.send(client.request("/api/articles").header("Content-Type", JSON)
        .header("Authorization", "Basic " + TOKEN)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":\"b\",\"body\":\"x\"}")).build());
    assertEquals(401, basic.status());
  }

  @Test
  void aShortWriteTokenIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> WriteAccess.withToken("short-token"));
    assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
  }

  @Test
  void inputThatCouldNeverBeReadBackIsRefusedAtWriteTime() throws Exception {
    // An id with a control character could be written but never fetched or deleted.
    var control = client.send("POST", "/api/articles", JSON, "{\"id\":\"bad\\u0000id\",\"body\":\"x\"}", TOKEN);
    assertEquals(400, control.status(), control.body());
    assertTrue(control.json().get("detail").asText().contains("control characters"), control.body());

    // A year outside 0000-9999 would make a date facet value that date= refuses.
    for (String date : List.of("+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "+99999-06-30T00:00:00Z")) {
      var r = client.send("POST", "/api/articles", JSON,
          "{\"id\":\"far\",\"body\":\"x\",\"published\":\"" + date + "\"}", TOKEN);
      assertEquals(400, r.status(), date + ": " + r.body());
      assertTrue(r.json().get("detail").asText().contains("bad published date"), r.body());
    }
    var edge = client.send("POST", "/api/articles", JSON,
        "{\"id\":\"edge\",\"body\":\"x\",\"published\":\"9999-12-31T23:59:59Z\"}", TOKEN);
    assertEquals(200, edge.status(), edge.body());
    assertEquals(200, client.get("/api/search?date=9999/12/31").status());

    // Only http(s) links are stored.
    for (String url : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>", "ftp://x/y",
        "//evil.example/x", "http:/nohost")) {
      var r = client.send("POST", "/api/articles", JSON,
          "{\"id\":\"link\",\"body\":\"x\",\"url\":\"" + url + "\"}", TOKEN);
      assertEquals(400, r.status(), url + ": " + r.body());
      assertTrue(r.json().get("detail").asText().contains("http:// or https://"), r.body());
    }
    var ok = client.send("POST", "/api/articles", JSON,
        "{\"id\":\"link\",\"body\":\"x\",\"url\":\"https://example.com/a?b=c\"}", TOKEN);
    assertEquals(200, ok.status(), ok.body());
    assertEquals(404, client.get("/api/articles/far").status());
    assertEquals("https://example.com/a?b=c", client.get("/api/articles/link").json().get("url").asText());
  }

  @Test
  void aSecondReindexWhileOneRunsIs409() throws Exception {
    CountDownLatch copying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // A rebuild held at its first article, as a long re-index of a large index would be.
    CompletableFuture<Long> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return index.rebuild(index.catalog(), a -> {
                  copying.countDown();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return a;
                });
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    assertTrue(copying.await(30, TimeUnit.SECONDS));
    try {
      var second = client.send("POST", "/api/admin/reindex", null, null, TOKEN);
      assertEquals(409, second.status(), second.body());
      assertTrue(second.contentType().startsWith("application/json"));
      assertEquals("Re-index running", second.json().get("error").asText());
      assertEquals(200, client.get("/api/search?q=didi").status(), "searches go on meanwhile");
    } finally {
      release.countDown();
    }
    assertEquals(5, first.get(60, TimeUnit.SECONDS));
    assertEquals(200, client.send("POST", "/api/admin/reindex", null, null, TOKEN).status(), "and then one may run");
  }

  @Test
  void queryCostIsCheckedBeforeTheSearchRuns() throws Exception {
    var fuzzy = client.get("/api/search?size=100&q=" + enc(String.join(" ", java.util.Collections.nCopies(399, "ab~2"))));
    assertEquals(400, fuzzy.status(), fuzzy.body());
    assertEquals("Query too expensive", fuzzy.json().get("error").asText());

    var regex = client.get("/api/search?q=" + enc("/[ab]*a[ab]{20}/"));
    assertEquals(400, regex.status(), regex.body());
    assertEquals("Regular expression too complex", regex.json().get("error").asText());

    // 520 different two-character words, none a stop word: 1,040 clauses over title and body.
    String consonants = "bcdfghjklmnpqrstvwxz";
    String second = consonants + "0123456789";
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 520; i++) {
      words.append(consonants.charAt(i % consonants.length())).append(second.charAt(i / consonants.length()))
          .append(' ');
    }
    var plain = client.get("/api/search?q=" + enc(words.toString().strip()));
    assertEquals(400, plain.status(), plain.body());
    assertEquals("Query too long", plain.json().get("error").asText());
    String detail = plain.json().get("detail").asText();
    assertTrue(detail.contains(" term clauses") && detail.contains("at most 1024") && !detail.contains("wildcard"), detail);

    assertEquals(200, client.get("/api/search?q=" + enc("cyber* didi~1 /kanz.*/ title:[a TO c]")).status());
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
