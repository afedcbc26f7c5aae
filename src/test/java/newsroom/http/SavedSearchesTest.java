package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsroom.AtomDocument;
import newsroom.TestIndexes;
import newsroom.WebhookReceiver;
import newsroom.alerts.Alerts;
import newsroom.config.AlertSettings;
import newsroom.config.Json;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.LiveIngestion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved searches over HTTP on the seed index: refused like searches, matched on every live write, delivered to
 * an Atom feed and to webhooks (retried, never twice once answered, never holding up writes), and kept across a
 * restart and a re-index.
 */
class SavedSearchesTest {
  static final String TOKEN = "alerts-token-0123456789";
  static final String JSON = "application/json";
  /** Quick retries and a short timeout, so the tests wait seconds, not minutes. */
  static final AlertSettings FAST = new AlertSettings(50, 100, 1000, 100, 400, 5, 4);

  @TempDir Path tmp;
  LuceneBackend backend;
  Alerts alerts;
  Javalin app;
  HttpTestClient client;

  @BeforeEach
  void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp.resolve("index"));
    open();
  }

  void open() throws Exception {
    backend = TestIndexes.open(tmp.resolve("index"), true);
    alerts = Alerts.open(tmp.resolve("index/saved-searches"), FAST, backend.savedSearches());
    ApiServer.Options options =
        new ApiServer.Options(new LiveIngestion(backend, TestIndexes.CONFIG, alerts), WriteAccess.withToken(TOKEN), 1 << 20)
            .withAlerts(alerts);
    app = ApiServer.create(backend, TestIndexes.settings(), options).start(0);
    client = new HttpTestClient(app.port());
  }

  @AfterEach
  void stop() throws Exception {
    app.stop();
    alerts.close();
    backend.close();
  }

  HttpTestClient.Reply save(Map<String, Object> body) throws Exception {
    return client.send("POST", "/api/saved-searches", JSON, Json.write(body), TOKEN);
  }

  String saveOk(Map<String, Object> body) throws Exception {
    HttpTestClient.Reply r = save(body);
    assertEquals(201, r.status(), r.body());
    return r.json().get("id").asText();
  }

  void write(String id, String title, String body, String source) throws Exception {
    String article = Json.write(Map.of("id", id, "title", title, "body", body, "source", source, "published", "2022-07-01"));
    HttpTestClient.Reply r = client.send("POST", "/api/articles", JSON, article, TOKEN);
    assertEquals(200, r.status(), r.body());
  }

  AtomDocument feed(String id) throws Exception {
    HttpTestClient.Reply r = client.get("/api/saved-searches/" + id + "/feed.atom");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/atom+xml"), r.contentType());
    return AtomDocument.parse(r.body());
  }

  static List<String> articleLinks(AtomDocument feed) {
    return feed.entries().stream().map(e -> e.link().substring(e.link().lastIndexOf('/') + 1)).toList();
  }

  @Test
  void aQueryThatDoesNotParseGetsTheSame400AsSearch() throws Exception {
    String q = "Kanzhun AND (regulator";
    HttpTestClient.Reply search = client.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    HttpTestClient.Reply saved = save(Map.of("name", "broken", "q", q));
    assertEquals(400, search.status());
    assertEquals(400, saved.status());
    assertEquals(search.json(), saved.json());
    assertEquals("Invalid query syntax", saved.json().get("error").asText());

    HttpTestClient.Reply facet = save(Map.of("name", "x", "q", "kanzhun", "filters", Map.of("nope", List.of("a"))));
    assertEquals(400, facet.status());
    assertEquals("Unknown facet 'nope'", facet.json().get("error").asText());
    assertEquals(0, client.get("/api/saved-searches").json().get("saved_searches").size(), "nothing was saved");
  }

  @Test
  void badInputIsA400AndChangesNeedTheToken() throws Exception {
    for (String hook : List.of("ftp://example.org/x", "javascript:alert(1)", "not a url", "http:///nohost")) {
      HttpTestClient.Reply r = save(Map.of("name", "hook", "q", "kanzhun", "webhook", hook));
      assertEquals(400, r.status(), hook);
      assertEquals("Invalid webhook", r.json().get("error").asText());
    }
    assertEquals("Invalid name", save(Map.of("q", "kanzhun")).json().get("error").asText());
    HttpTestClient.Reply unknown = client.send("POST", "/api/saved-searches", JSON, "{\"name\":\"a\",\"query\":\"x\"}", TOKEN);
    assertEquals(400, unknown.status());
    assertEquals("Invalid body", unknown.json().get("error").asText());
    assertEquals(400, client.send("POST", "/api/saved-searches", JSON, "[1,", TOKEN).status());
    assertEquals(400, save(Map.of("name", "a", "from", "yesterday")).status());
    assertEquals(401, client.send("POST", "/api/saved-searches", JSON, "{\"name\":\"a\"}", null).status());
    assertEquals(404, client.get("/api/saved-searches/nope").status());
    assertEquals(404, client.get("/api/saved-searches/nope/feed.atom").status());
    assertEquals(404, client.send("DELETE", "/api/saved-searches/nope", null, null, TOKEN).status());
  }

  @Test
  void aWrittenArticleThatMatchesAppearsInTheFeedAndOneThatDoesNotIsLeftOut() throws Exception {
    String kanzhun = saveOk(Map.of("name", "Kanzhun and the regulator", "q", "Kanzhun AND regulator"));
    String wire = saveOk(Map.of("name", "Regulators on the wire", "q", "regulator", "filters", Map.of("source", List.of("Wire"))));
    assertEquals(List.of(), feed(kanzhun).entries());

    write("m-1", "Kanzhun & the regulator <again>", "The regulator reviews Kanzhun's Boss Zhipin app.", "Wire");
    write("m-2", "Regulator fines a bank", "A regulator fined a bank; no tech company named.", "Wire");
    write("m-3", "Kanzhun hires", "Kanzhun hires engineers.", "Wire");
    write("m-4", "Kanzhun and the regulator", "The regulator and Kanzhun meet.", "Other paper");

    AtomDocument first = feed(kanzhun);
    assertEquals("Kanzhun and the regulator", first.title());
    assertEquals(List.of("m-4", "m-1"), articleLinks(first), "newest first; m-2 and m-3 do not match");
    assertEquals("Kanzhun & the regulator <again>", first.entries().get(1).title(), "markup in a title is text");
    assertTrue(first.entries().get(1).summary().contains("Boss Zhipin"));
    // The source filter: m-4 is from another paper.
    assertEquals(List.of("m-2", "m-1"), articleLinks(feed(wire)));
    // What the saved search matched is what the search finds among the new articles.
    JsonNode hits = client.get("/api/search?size=50&q=" + URLEncoder.encode("Kanzhun AND regulator", StandardCharsets.UTF_8)).json().get("hits");
    List<String> found = new java.util.ArrayList<>();
    hits.forEach(h -> { if (h.get("id").asText().startsWith("m-")) found.add(h.get("id").asText()); });
    assertEquals(List.of("m-1", "m-4"), found.stream().sorted().toList());

    JsonNode view = client.get("/api/saved-searches/" + kanzhun).json();
    assertEquals(2, view.get("matches").asInt());
    assertEquals("/api/saved-searches/" + kanzhun + "/feed.atom", view.get("feed").asText());
    assertTrue(view.get("webhook").isNull());

    assertEquals(200, client.send("DELETE", "/api/saved-searches/" + kanzhun, null, null, TOKEN).status());
    assertEquals(404, client.get("/api/saved-searches/" + kanzhun + "/feed.atom").status());
    write("m-5", "Kanzhun and the regulator again", "The regulator and Kanzhun meet again.", "Wire");
    assertEquals(List.of("m-5", "m-2", "m-1"), articleLinks(feed(wire)));
  }

  @Test
  void aWebhookGetsEachMatchOnceAndARepeatedWriteIsNotANewMatch() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(0, n -> 200)) {
      String id = saveOk(Map.of("name", "Kanzhun", "q", "kanzhun", "webhook", receiver.url()));
      write("w-1", "Kanzhun news", "Kanzhun grows.", "Wire");
      write("w-1", "Kanzhun news", "Kanzhun grows.", "Wire"); // the same write again (a client's retry)
      write("w-2", "Other news", "Nothing to see.", "Wire");
      assertTrue(receiver.await(1, 10, TimeUnit.SECONDS));
      write("w-1", "Kanzhun news", "Kanzhun grows fast.", "Wire"); // a changed article: a new match
      assertTrue(receiver.await(2, 10, TimeUnit.SECONDS));
      Thread.sleep(1000); // time for a wrong repeat to arrive
      List<WebhookReceiver.Received> got = receiver.received();
      assertEquals(2, got.size(), got.toString());
      assertEquals(2, receiver.distinctIds().size());
      for (WebhookReceiver.Received r : got) {
        assertEquals(r.deliveryId(), r.body().get("delivery_id").asText());
        assertEquals("w-1", r.body().get("article").get("id").asText());
        assertEquals(id, r.body().get("saved_search").get("id").asText());
      }
      // The feed's entries carry the same ids as the deliveries.
      List<String> feedIds = feed(id).entries().stream().map(e -> e.id().substring(e.id().lastIndexOf(':') + 1)).toList();
      assertEquals(List.copyOf(receiver.distinctIds()).reversed(), feedIds);
      JsonNode hook = client.get("/api/saved-searches/" + id).json().get("webhook");
      assertEquals(2, hook.get("delivered").asInt());
      assertEquals(0, hook.get("pending").asInt());
      assertEquals("127.0.0.1", hook.get("host").asText());
    }
  }

  @Test
  void aReceiverThatFailsGetsTheDeliveryOnRetryAndOneThatNeverAnswersIsGivenUp() throws Exception {
    try (WebhookReceiver flaky = WebhookReceiver.start(0, n -> n == 1 ? 500 : 200);
        WebhookReceiver broken = WebhookReceiver.start(0, n -> 503)) {
      String retried = saveOk(Map.of("name", "flaky", "q", "zebrafish", "webhook", flaky.url()));
      String failed = saveOk(Map.of("name", "broken", "q", "zebrafish", "webhook", broken.url()));
      write("z-1", "Zebrafish", "Zebrafish swim.", "Wire");
      assertTrue(flaky.await(2, 10, TimeUnit.SECONDS));
      assertTrue(broken.await(FAST.maxAttempts(), 20, TimeUnit.SECONDS));
      Thread.sleep(1500);
      assertEquals(1, flaky.distinctIds().size());
      assertEquals(2, flaky.received().size(), "one 500, then delivered once");
      assertEquals(FAST.maxAttempts(), broken.received().size(), "retried up to max_attempts, then given up");
      JsonNode ok = client.get("/api/saved-searches/" + retried).json().get("webhook");
      assertEquals(1, ok.get("delivered").asInt());
      assertEquals(1, ok.get("deliveries").get(0).get("attempts").asInt(), "one failed attempt before");
      JsonNode gaveUp = client.get("/api/saved-searches/" + failed).json().get("webhook");
      assertEquals(1, gaveUp.get("failed").asInt());
      assertEquals("answered HTTP 503", gaveUp.get("last_error").asText());
    }
  }

  @Test
  void aReceiverThatHangsDoesNotHoldUpWrites() throws Exception {
    try (WebhookReceiver hanging = WebhookReceiver.start(0, n -> 0)) {
      saveOk(Map.of("name", "hangs", "q", "kanzhun", "webhook", hanging.url()));
      write("h-0", "Kanzhun", "Kanzhun one.", "Wire");
      assertTrue(hanging.await(1, 10, TimeUnit.SECONDS), "the first delivery is under way and hangs");
      long start = System.nanoTime();
      for (int i = 1; i <= 10; i++) {
        write("h-" + i, "Kanzhun " + i, "Kanzhun story " + i, "Wire");
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // Ten writes while every delivery hangs (each until its 1 s timeout): the writes never wait for one.
      assertTrue(ms < 10 * FAST.webhookTimeoutMs(), "10 writes took " + ms + " ms");
      assertEquals(11, client.get("/api/search?q=kanzhun&size=50").json().get("hits").findValues("id").stream()
          .filter(n -> n.asText().startsWith("h-")).count());
    }
  }

  @Test
  void savedSearchesAndTheirMatchesSurviveARestartAndAReindex() throws Exception {
    String id = saveOk(Map.of("name", "Kanzhun", "q", "kanzhun", "filters", Map.of("company", List.of("Kanzhun"))));
    write("r-1", "Kanzhun story", "Kanzhun and Didi.", "Wire");
    stop();
    open();
    assertEquals(id, client.get("/api/saved-searches").json().get("saved_searches").get(0).get("id").asText());
    assertEquals(List.of("r-1"), articleLinks(feed(id)));

    HttpTestClient.Reply reindex = client.send("POST", "/api/admin/reindex", null, null, TOKEN);
    assertEquals(200, reindex.status(), reindex.body());
    write("r-2", "Kanzhun again", "Kanzhun after the re-index.", "Wire");
    assertEquals(List.of("r-2", "r-1"), articleLinks(feed(id)), "matched with the new generation's queries");
    stop();
    open();
    assertEquals(List.of("r-2", "r-1"), articleLinks(feed(id)));
    assertNotNull(client.get("/api/saved-searches/" + id).json().get("created"));
    assertFalse(client.get("/api/saved-searches/" + id).json().get("filters").get("company").isEmpty());
  }
}
