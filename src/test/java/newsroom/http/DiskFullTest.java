package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import newsroom.TestIndexes;
import newsroom.lucene.IndexStore;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write and a re-index that run out of disk space (ENOSPC) on a real, small filesystem: a tmpfs mounted for
 * the test (as root; skipped where mounting is not allowed). Each is answered with an error, the server keeps
 * serving the last good generation, and nothing acknowledged is lost, across a restart too.
 */
class DiskFullTest {
  static final String TOKEN = "disk-full-token-0123";
  static final int DISK_MB = 12;

  @TempDir Path tmp;
  Path disk;
  boolean mounted;

  @BeforeEach
  void mount() throws Exception {
    disk = Files.createDirectories(tmp.resolve("disk"));
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(root, "needs root to mount a small tmpfs");
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + DISK_MB + "m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    mounted = done && p.exitValue() == 0;
    assumeTrue(mounted, "cannot mount a tmpfs here: " + new String(p.getInputStream().readAllBytes()));
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Articles whose text does not compress: each takes its size on disk. */
  static String bulk(Random random, int first, int count, int bodyChars) {
    StringBuilder sb = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      StringBuilder body = new StringBuilder();
      while (body.length() < bodyChars) {
        for (int w = 3 + random.nextInt(8); w > 0; w--) {
          body.append((char) ('a' + random.nextInt(26)));
        }
        body.append(' ');
      }
      sb.append("{\"id\":\"fill-").append(i).append("\",\"title\":\"Filler ").append(i).append("\",\"body\":\"")
          .append(body).append("\"}\n");
    }
    return sb.toString();
  }

  @Test
  void writesAndAReindexThatHitENOSPCAreErrorsAndLoseNothingAcknowledged() throws Exception {
    Path root = disk.resolve("index");
    TestIndexes.build(TestIndexes.SEED_CORPUS, root);
    Path served = new IndexStore(root).current().orElseThrow();
    // Space taken by something else, freed later to check that writes work again without a restart.
    Path filler = Files.write(disk.resolve("filler"), new byte[5 << 20]);
    List<String> acknowledged = new ArrayList<>();
    int failedStatus = 0;
    String failedBody = "";
    LuceneBackend index = TestIndexes.open(root, true);
    Javalin app =
        ApiServer.create(index, TestIndexes.settings(), TestIndexes.liveWrites(index, TestIndexes.CONFIG, TOKEN, 8 << 20))
            .start(0);
    try {
      HttpTestClient client = new HttpTestClient(app.port());
      Random random = new Random(42);
      // Bulks of 20 articles of 20 KB until the disk is full.
      for (int batch = 0; batch < 200 && failedStatus == 0; batch++) {
        var r = client.send("POST", "/api/articles", "application/x-ndjson", bulk(random, batch * 20, 20, 20_000), TOKEN);
        if (r.status() == 200) {
          r.json().get("ids").forEach(id -> acknowledged.add(id.asText()));
        } else {
          failedStatus = r.status();
          failedBody = r.body();
        }
      }
      System.out.println("disk full: " + acknowledged.size() + " articles acknowledged, then " + failedStatus + " "
          + failedBody);
      assertEquals(507, failedStatus, failedBody);
      assertTrue(failedBody.contains("\"error\":\"Disk full\""), failedBody);

      // Still serving: searches, lookups, health.
      assertEquals(200, client.get("/api/search?q=didi").status());
      assertEquals(200, client.get("/health").status());
      for (String id : acknowledged) {
        assertEquals(200, client.get("/api/articles/" + id).status(), id);
      }

      // A re-index on a full disk fails cleanly: the served generation stays, no half-written one is left.
      var reindex = client.send("POST", "/api/admin/reindex", null, null, TOKEN);
      System.out.println("disk full: re-index answered " + reindex.status() + " " + reindex.body());
      assertEquals(507, reindex.status(), reindex.body());
      assertEquals(served, new IndexStore(root).current().orElseThrow());
      try (Stream<Path> gens = Files.list(root)) {
        assertEquals(1, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count());
      }
      assertEquals(200, client.get("/api/search?q=didi").status());

      // Space freed: writes work again, without a restart (the failed writer was reopened from its last commit).
      Files.delete(filler);
      // A first write may still fail (a merge the full disk held back can take the freed space first, and the
      // server then reopens its writer once more); writes work again within a few tries.
      HttpTestClient.Reply again = null;
      for (int attempt = 0; attempt < 5 && (again == null || again.status() != 200); attempt++) {
        again = client.send("POST", "/api/articles", "application/json",
            "{\"id\":\"after-space-freed\",\"body\":\"Didi again\"}", TOKEN);
        System.out.println("disk full: after freeing space, write " + (attempt + 1) + " answered " + again.status());
      }
      assertEquals(200, again.status(), again.body());
      acknowledged.add("after-space-freed");
      assertEquals(1, client.get("/api/search?q=id:after-space-freed").json().get("total").asInt());
    } finally {
      app.stop();
      try {
        index.close();
      } catch (Exception e) {
        System.out.println("disk full: closing the index: " + e);
      }
    }

    // After a restart, every acknowledged article is there.
    try (LuceneBackend reopened = TestIndexes.open(root, false)) {
      for (String id : acknowledged) {
        assertTrue(reopened.article(id).isPresent(), "lost acknowledged article " + id);
      }
      assertEquals(5 + acknowledged.size(), reopened.status().articles());
    }
  }
}
