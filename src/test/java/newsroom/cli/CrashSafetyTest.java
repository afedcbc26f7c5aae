package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import newsroom.TestIndexes;
import newsroom.http.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL in the middle of bulk additions and of a re-index, restarts it on the same index
 * folder, and checks that the index opens and holds every article whose write was acknowledged.
 */
class CrashSafetyTest {
  static final String TOKEN = "crash-token-0123456789";

  @TempDir Path tmp;

  static String bulk(int batch, int size) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < size; i++) {
      String id = "b" + batch + "-" + i;
      sb.append("{\"id\":\"").append(id).append("\",\"title\":\"Crash story ").append(id)
          .append("\",\"body\":\"Didi and the CAC. ").append("Filler words for a longer body. ".repeat(20))
          .append("\"}\n");
    }
    return sb.toString();
  }

  /** Sends bulks until stopped; returns the ids of every acknowledged one. */
  static CompletableFuture<Set<String>> writer(HttpTestClient client, AtomicBoolean stop, int firstBatch) {
    return CompletableFuture.supplyAsync(
        () -> {
          Set<String> acked = ConcurrentHashMap.newKeySet();
          for (int batch = firstBatch; !stop.get(); batch++) {
            try {
              var r = client.send("POST", "/api/articles", "application/x-ndjson", bulk(batch, 20), TOKEN);
              if (r.status() == 200) {
                r.json().get("ids").forEach(id -> acked.add(id.asText()));
              }
            } catch (Exception connectionLost) {
              break; // the server was killed mid-request: that write was never acknowledged
            }
          }
          return acked;
        });
  }

  static void assertAllPresent(HttpTestClient client, Set<String> ids) throws Exception {
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (client.get("/api/articles/" + id).status() != 200) {
        missing.add(id);
      }
    }
    assertEquals(List.of(), missing, "acknowledged articles lost");
  }

  @Test
  void killedDuringBulkAddsAndDuringAReindexLosesNoAcknowledgedArticle() throws Exception {
    Path index = tmp.resolve("index");

    // 1. Kill -9 while bulks are being written.
    LiveServer first = LiveServer.start(index, tmp, TOKEN);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Set<String>> writes = writer(first.client(), stop, 0);
    Thread.sleep(3000);
    first.killHard();
    stop.set(true);
    Set<String> acked = writes.get();
    assertTrue(acked.size() >= 20, "some bulks were acknowledged before the kill: " + acked.size());

    LiveServer second = LiveServer.start(index, tmp, TOKEN);
    assertAllPresent(second.client(), acked);
    int afterFirstCrash = second.client().get("/health").json().get("articles").asInt();
    assertTrue(afterFirstCrash >= 5 + acked.size(), afterFirstCrash + " articles");

    // 2. Kill -9 during a re-index (with writes still coming in).
    AtomicBoolean stop2 = new AtomicBoolean();
    CompletableFuture<Set<String>> moreWrites = writer(second.client(), stop2, 100_000);
    CompletableFuture<Integer> reindex =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return second.client().send("POST", "/api/admin/reindex", null, null, TOKEN).status();
              } catch (Exception killed) {
                return -1;
              }
            });
    Thread.sleep(300);
    second.killHard();
    stop2.set(true);
    acked.addAll(moreWrites.get());
    System.out.println("re-index answered " + reindex.get() + " before the kill (-1: killed mid-way)");

    LiveServer third = LiveServer.start(index, tmp, TOKEN);
    assertAllPresent(third.client(), acked);
    System.out.println("crash: " + acked.size() + " acknowledged articles over two SIGKILLs, all present after restart");
    assertEquals(200, third.client().get("/api/search?q=didi").status());
    third.killHard();
    try (Stream<Path> gens = Files.list(index)) {
      System.out.println("generations after the crashes: " + gens.map(p -> p.getFileName().toString()).toList());
    }
  }
}
