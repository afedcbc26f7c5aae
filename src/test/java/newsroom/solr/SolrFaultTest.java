package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.TestIndexes;
import newsroom.backend.BackendUnavailableException;
import newsroom.backend.SearchRequest;
import newsroom.http.ApiServer;
import newsroom.http.HttpTestClient;
import newsroom.http.WriteAccess;
import newsroom.model.Article;
import newsroom.pipeline.LiveIngestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nodes of the 2-node cluster going away under load: with one node left every search is answered and no
 * acknowledged article is lost; with none, the HTTP API answers 503 in JSON and recovers by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrFaultTest {
  private static final String TOKEN = "fault-token-5d1e0c7a";
  private ClusterProcess process;
  private SolrBackend backend;
  private List<String> cleanup = List.of();

  @BeforeAll
  void open() throws Exception {
    process = SolrTestCluster.get();
    backend = SolrTestCluster.seedBackend("faults");
  }

  @AfterAll
  void close() throws Exception {
    backend.close();
  }

  @org.junit.jupiter.api.AfterEach
  void deleteWhatWasWritten() throws Exception {
    if (!cleanup.isEmpty()) {
      SolrTestCluster.awaitAllActive(backend.cluster(), Duration.ofMinutes(2));
      backend.write(List.of(), cleanup);
      cleanup = List.of();
    }
  }

  @Test
  @Order(1)
  void losingANodeDuringSearchesAndWritesFailsNoSearchAndLosesNoAcknowledgedArticle() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger searches = new AtomicInteger();
    List<Throwable> searchFailures = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    AtomicInteger refusedWrites = new AtomicInteger();
    AtomicReference<Throwable> writerCrash = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        while (!stop.get()) {
          try {
            long total = backend.search(SearchRequest.of("kanzhun OR didi").withFilter("source", "Wire", "RT")).total();
            assertTrue(total >= 1);
            searches.incrementAndGet();
          } catch (Throwable e) {
            synchronized (searchFailures) {
              searchFailures.add(e);
            }
          }
        }
      }));
    }
    threads.add(Thread.ofPlatform().start(() -> {
      int n = 0;
      while (!stop.get()) {
        String id = "fault-" + n++;
        attempted.add(id);
        try {
          backend.write(List.of(article(id)), List.of());
          acknowledged.add(id);
        } catch (BackendUnavailableException e) {
          // Not acknowledged (a leader changing hands, say): the writer may retry; nothing is promised.
          refusedWrites.incrementAndGet();
        } catch (Throwable e) {
          writerCrash.set(e);
          return;
        }
      }
    }));
    Thread.sleep(1500);
    process.stopNode(1);
    Thread.sleep(4000);
    int writtenWithOneNode = acknowledged.size();
    process.startNode(1);
    Thread.sleep(1500);
    stop.set(true);
    for (Thread t : threads) {
      t.join(60_000);
    }
    // Deleted after the test whatever happens, so the next one starts from the seed corpus.
    cleanup = new ArrayList<>(attempted);
    SolrTestCluster.awaitAllActive(backend.cluster(), Duration.ofMinutes(2));

    assertEquals(List.of(), searchFailures.stream()
        .map(e -> e + (e.getCause() == null ? "" : " <- " + e.getCause())).toList(), "failed searches");
    assertTrue(searches.get() > 20, searches + " searches");
    assertEquals(null, writerCrash.get());
    assertFalse(acknowledged.isEmpty());
    // Every acknowledged article is there, on whichever replica answers.
    for (int round = 0; round < 3; round++) {
      // A write that was refused may still have been applied (its outcome is unknown to the writer): at least
      // every acknowledged one, at most every one attempted.
      long articles = backend.status().articles();
      assertTrue(articles >= 5 + acknowledged.size() && articles <= 5 + attempted.size(),
          articles + " articles after the node came back, " + acknowledged.size() + " acknowledged, "
              + attempted.size() + " attempted");
      for (String id : acknowledged) {
        assertTrue(backend.article(id).isPresent(), id);
      }
    }
    System.err.printf(
        "node stop: %d searches, none failed; %d writes acknowledged (%d of them before the node came back), %d refused%n",
        searches.get(), acknowledged.size(), writtenWithOneNode, refusedWrites.get());
  }

  @Test
  @Order(2)
  void withNoNodeLeftTheApiAnswers503JsonAndRecoversByItself() throws Exception {
    Javalin app =
        ApiServer.create(
                backend,
                TestIndexes.settings(),
                new ApiServer.Options(
                    new LiveIngestion(backend, TestIndexes.CONFIG), WriteAccess.withToken(TOKEN), 64 * 1024))
            .start(0);
    try {
      HttpTestClient http = new HttpTestClient(app.port());
      assertEquals(200, http.get("/api/search?q=kanzhun").status());
      long articles = backend.status().articles();

      process.stopNode(0);
      process.stopNode(1);
      for (String path : List.of("/api/search?q=kanzhun", "/api/articles/rt-2021-07-05-china-cracks-down-personal-data",
          "/health")) {
        HttpTestClient.Reply down = http.get(path);
        assertEquals(503, down.status(), path + ": " + down.body());
        assertTrue(down.contentType().startsWith("application/json"), down.contentType());
        assertEquals("Search backend unavailable", down.json().get("error").asText());
        assertFalse(down.body().contains("\tat ") || down.body().contains("Exception"), down.body());
      }
      HttpTestClient.Reply write =
          http.send("POST", "/api/articles", "application/json",
              "{\"id\":\"while-down\",\"title\":\"t\",\"body\":\"b\"}", TOKEN);
      assertEquals(503, write.status(), write.body());

      process.startNode(0);
      process.startNode(1);
      SolrTestCluster.awaitAllActive(backend.cluster(), Duration.ofMinutes(2));
      // No restart of the service: the next requests are answered again.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int status;
      do {
        status = http.get("/api/search?q=kanzhun").status();
      } while (status != 200 && System.nanoTime() < deadline && sleep());
      assertEquals(200, status);
      assertEquals(articles, backend.status().articles());
    } finally {
      app.stop();
    }
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(250);
    return true;
  }

  private static Article article(String id) {
    return new Article(id, "Didi fault drill " + id, "Didi and Kanzhun under review, copy " + id, "Wire", null,
        Instant.parse("2023-03-01T00:00:00Z"), Map.of("company", List.of("Didi")));
  }
}
