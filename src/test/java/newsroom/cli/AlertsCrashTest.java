package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import newsroom.AtomDocument;
import newsroom.WebhookReceiver;
import newsroom.config.Json;
import newsroom.http.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own JVM, killed with SIGKILL between acknowledging writes that matched a saved search and
 * delivering them to its webhook: after the restart every match is delivered, with the id it had before the
 * crash, and a receiver that keeps one delivery per id gets each match exactly once.
 */
class AlertsCrashTest {
  static final String TOKEN = "alerts-crash-token-0123456789";
  /** Retries every few hundred milliseconds, for as long as the test needs. */
  static final Map<String, String> CONFIG =
      Map.of("alerts.json", "{\"retry_initial_ms\": 200, \"retry_max_ms\": 500, \"max_attempts\": 1000, \"webhook_timeout_ms\": 2000}");

  @TempDir Path tmp;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void write(HttpTestClient client, String id, String body) throws Exception {
    String article = Json.write(Map.of("id", id, "title", "Story " + id, "body", body, "source", "Wire"));
    HttpTestClient.Reply r = client.send("POST", "/api/articles", "application/json", article, TOKEN);
    assertEquals(200, r.status(), r.body()); // acknowledged: from here on the match must not be lost
  }

  static JsonNode webhook(HttpTestClient client, String id) throws Exception {
    return client.get("/api/saved-searches/" + id).json().get("webhook");
  }

  static Set<String> articleIds(WebhookReceiver receiver) {
    Set<String> ids = new TreeSet<>();
    receiver.received().forEach(r -> ids.add(r.body().get("article").get("id").asText()));
    return ids;
  }

  @Test
  void matchesAcknowledgedBeforeAKillAreDeliveredAfterTheRestartWithTheirIds() throws Exception {
    Path index = tmp.resolve("index");
    int hookPort = freePort();
    String hook = "http://127.0.0.1:" + hookPort + "/hook";

    // 1. The receiver is down: three matching writes are acknowledged, their deliveries pending; kill -9.
    LiveServer first = LiveServer.start(index, tmp, TOKEN, CONFIG);
    HttpTestClient.Reply saved =
        first.client().send("POST", "/api/saved-searches", "application/json",
            Json.write(Map.of("name", "Kanzhun", "q", "kanzhun", "webhook", hook)), TOKEN);
    assertEquals(201, saved.status(), saved.body());
    String search = saved.json().get("id").asText();
    for (String id : List.of("c-1", "c-2", "c-3")) {
      write(first.client(), id, "Kanzhun story " + id);
    }
    write(first.client(), "c-other", "Nothing about that company.");
    assertEquals(3, webhook(first.client(), search).get("pending").asInt());
    List<String> feedIds = entryIds(first.client(), search);
    assertEquals(3, feedIds.size());
    first.killHard();

    // 2. Restarted with the receiver up: each match arrives once, under the id it had before the crash.
    LiveServer second;
    try (WebhookReceiver receiver = WebhookReceiver.start(hookPort, n -> 200)) {
      second = LiveServer.start(index, tmp, TOKEN, CONFIG);
      assertTrue(receiver.await(3, 60, TimeUnit.SECONDS), "delivered after the restart: " + receiver.received());
      Thread.sleep(1500); // time for a wrong repeat
      assertEquals(3, receiver.received().size(), receiver.received().toString());
      assertEquals(new TreeSet<>(feedIds), new TreeSet<>(receiver.distinctIds()));
      assertEquals(Set.of("c-1", "c-2", "c-3"), articleIds(receiver));
      assertEquals(3, webhook(second.client(), search).get("delivered").asInt());
    }

    // 3. A delivery the receiver took but whose answer the server never got (it hangs, the server is killed).
    write(second.client(), "c-4", "Kanzhun story c-4");
    List<String> c4 = entryIds(second.client(), search).subList(0, 1);
    try (WebhookReceiver hanging = WebhookReceiver.start(hookPort, n -> 0)) {
      assertTrue(hanging.await(1, 30, TimeUnit.SECONDS));
      assertEquals(c4, List.copyOf(hanging.distinctIds()));
      second.killHard();
    }
    try (WebhookReceiver receiver = WebhookReceiver.start(hookPort, n -> 200)) {
      LiveServer third = LiveServer.start(index, tmp, TOKEN, CONFIG);
      assertTrue(receiver.await(1, 60, TimeUnit.SECONDS));
      Thread.sleep(1500);
      // Sent again (at least once), with the same id: the receiver keeps one per id. Nothing delivered is resent.
      assertEquals(c4, List.copyOf(receiver.distinctIds()), receiver.received().toString());
      assertEquals(Set.of("c-4"), articleIds(receiver));
      JsonNode hookState = webhook(third.client(), search);
      assertEquals(4, hookState.get("delivered").asInt());
      assertEquals(0, hookState.get("pending").asInt());
      Set<String> all = new HashSet<>(feedIds);
      all.addAll(c4);
      assertEquals(4, all.size(), "one distinct id per match");
      third.server().close();
    }
  }

  /** The ids of the feed's entries (the delivery ids), newest first. */
  static List<String> entryIds(HttpTestClient client, String search) throws Exception {
    HttpTestClient.Reply feed = client.get("/api/saved-searches/" + search + "/feed.atom");
    assertEquals(200, feed.status());
    return AtomDocument.parse(feed.body()).entries().stream().map(e -> e.id().substring(e.id().lastIndexOf(':') + 1)).toList();
  }
}
