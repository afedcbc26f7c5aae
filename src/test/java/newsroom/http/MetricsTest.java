package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics is valid Prometheus text, and its counters move with the requests the server answers. */
class MetricsTest {
  static final String TOKEN = "metrics-token-0123456789";

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

  PrometheusText scrape() throws Exception {
    HttpTestClient.Reply r = client.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"), r.contentType());
    return PrometheusText.parse(r.body());
  }

  static Map<String, String> request(String route, String method, String status) {
    return Map.of("route", route, "method", method, "status", status);
  }

  @Test
  void requestCountsAndLatenciesMoveByRouteAndStatus() throws Exception {
    PrometheusText before = scrape();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, client.get("/api/search?q=didi").status());
    }
    assertEquals(400, client.get("/api/search?sort=sideways").status());
    assertEquals(404, client.get("/api/articles/no-such-article").status());
    PrometheusText after = scrape();

    String count = "newsroom_http_request_duration_seconds_count";
    assertEquals(3, after.value(count, request("/api/search", "GET", "200")) - before.value(count, request("/api/search", "GET", "200")));
    assertEquals(1, after.value(count, request("/api/search", "GET", "400")) - before.value(count, request("/api/search", "GET", "400")));
    assertEquals(1, after.value(count, request("/api/articles/{id}", "GET", "404"))
        - before.value(count, request("/api/articles/{id}", "GET", "404")));
    // The first scrape is counted by the time of the second.
    assertTrue(after.value(count, request("/metrics", "GET", "200")) >= 1);
    assertTrue(after.value("newsroom_http_request_duration_seconds_sum", request("/api/search", "GET", "200")) > 0);
    assertEquals("histogram", after.types().get("newsroom_http_request_duration_seconds"));

    // Each answered search is timed by phase; the refused one never reached them.
    String phases = "newsroom_search_phase_duration_seconds_count";
    for (String phase : List.of("query", "facets", "highlight")) {
      assertEquals(3, after.value(phases, Map.of("phase", phase)) - before.value(phases, Map.of("phase", phase)), phase);
    }
  }

  @Test
  void theServedIndexLiveWritesAndTheJvmAreReported() throws Exception {
    PrometheusText before = scrape();
    assertEquals(5, before.value("newsroom_index_documents"));
    assertTrue(before.value("newsroom_index_size_bytes") > 0);
    double age = before.value("newsroom_index_age_seconds");
    assertTrue(age >= 0 && age < 600, "age " + age);
    assertEquals(0, before.value("newsroom_reindex_running"));
    assertTrue(before.value("jvm_memory_bytes_used", Map.of("area", "heap")) > 0);
    assertTrue(before.value("jvm_memory_bytes_max", Map.of("area", "heap")) > 0);
    assertTrue(before.samples().stream().anyMatch(s -> s.name().equals("jvm_gc_collections_total")));
    assertTrue(before.value("process_cpu_seconds_total") > 0);

    var r = client.send("POST", "/api/articles", "application/json",
        "{\"id\":\"metrics-1\",\"title\":\"Didi returns\",\"body\":\"Didi is back in the app stores.\"}", TOKEN);
    assertEquals(200, r.status(), r.body());
    PrometheusText after = scrape();
    assertEquals(6, after.value("newsroom_index_documents"));
    assertEquals(1, after.value("newsroom_live_written_articles_total", Map.of("op", "upsert"))
        - before.value("newsroom_live_written_articles_total", Map.of("op", "upsert")));
    assertEquals(1, after.value("newsroom_live_write_duration_seconds_count") - before.value("newsroom_live_write_duration_seconds_count"));
    assertEquals(1, after.value("newsroom_index_commits_total") - before.value("newsroom_index_commits_total"));
    assertEquals(1, after.value("newsroom_http_request_duration_seconds_count", request("/api/articles", "POST", "200")));
  }

  @Test
  void concurrentWritersShareCommitsAndEachSeesItsOwnWrite() throws Exception {
    double commitsBefore = scrape().value("newsroom_index_commits_total");
    int writers = 16;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<String>> results = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String id = "group-" + w;
      results.add(pool.submit(() -> {
        go.await();
        var r = client.send("POST", "/api/articles", "application/json",
            "{\"id\":\"" + id + "\",\"title\":\"Group commit " + id + "\",\"body\":\"Written at once by many.\"}", TOKEN);
        // Acknowledged means visible: no wait before reading it back.
        return r.status() + " " + client.get("/api/articles/" + id).status();
      }));
    }
    go.countDown();
    for (Future<String> f : results) {
      assertEquals("200 200", f.get());
    }
    pool.shutdown();
    double commits = scrape().value("newsroom_index_commits_total") - commitsBefore;
    assertTrue(commits >= 1 && commits < writers, writers + " writes took " + commits + " commits");
  }
}
