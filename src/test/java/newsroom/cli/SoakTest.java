package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent readers and a writer against the real server for {@code -Dsoak.seconds} seconds (a documented,
 * longer run: not part of the default test suite). Reports latency and the server's memory; fails on any error.
 *
 * <pre>mvn -B test -Dtest=SoakTest -Dsoak.seconds=60</pre>
 */
@EnabledIfSystemProperty(named = "soak.seconds", matches = "\\d+")
class SoakTest {
  static final String TOKEN = "soak-token-0123456789";
  static final String[] QUERIES = {
    "q=didi", "q=%22cybersecurity+review%22", "q=kanzhun+AND+cac", "company=Kanzhun", "date=2021/07",
    "q=regist*&sort=-date", "company=Didi&company=Alibaba&action=rectification", "q=soak+story&size=20",
    "q=filler~1", "from=2021-07-01&to=2021-07-31&sort=date",
  };

  @TempDir Path tmp;

  @Test
  void readersAndAWriterRunWithoutErrors() throws Exception {
    int seconds = Integer.parseInt(System.getProperty("soak.seconds"));
    int readers = Integer.parseInt(System.getProperty("soak.readers", "4"));
    LiveServer server = LiveServer.start(tmp.resolve("index"), tmp, TOKEN);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ConcurrentLinkedQueue<Long> readNanos = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> writeNanos = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong written = new AtomicLong();
    List<String> rss = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(readers + 2);
    try {
      for (int r = 0; r < readers; r++) {
        int seed = r;
        pool.submit(
            () -> {
              Random random = new Random(seed);
              while (System.nanoTime() < end) {
                long t = System.nanoTime();
                try {
                  int status = server.client().get("/api/search?" + QUERIES[random.nextInt(QUERIES.length)]).status();
                  if (status != 200) {
                    errors.incrementAndGet();
                  }
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
                readNanos.add(System.nanoTime() - t);
              }
            });
      }
      pool.submit(
          () -> {
            for (int batch = 0; System.nanoTime() < end; batch++) {
              StringBuilder body = new StringBuilder();
              int size = batch % 10 == 0 ? 50 : 1;
              for (int i = 0; i < size; i++) {
                String id = "soak-" + batch + "-" + i;
                body.append("{\"id\":\"").append(id).append("\",\"title\":\"Soak story ").append(batch)
                    .append("\",\"body\":\"Boss Zhipin and Didi. Filler words. ").append("More filler. ".repeat(40))
                    .append("\",\"published\":\"2021-07-").append(String.format("%02d", 1 + batch % 28)).append("\"}\n");
              }
              long t = System.nanoTime();
              try {
                var r = server.client().send("POST", "/api/articles", "application/x-ndjson", body.toString(), TOKEN);
                if (r.status() != 200) {
                  errors.incrementAndGet();
                } else {
                  written.addAndGet(size);
                }
                if (batch % 7 == 3) {
                  String gone = URLEncoder.encode("soak-" + (batch - 1) + "-0", StandardCharsets.UTF_8);
                  if (server.client().send("DELETE", "/api/articles/" + gone, null, null, TOKEN).status() != 200) {
                    errors.incrementAndGet();
                  } else {
                    written.decrementAndGet();
                  }
                }
              } catch (Exception e) {
                errors.incrementAndGet();
              }
              writeNanos.add(System.nanoTime() - t);
            }
          });
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              rss.add(server.rssMiB() + "MiB");
              sleep(Math.max(1, seconds / 6) * 1000L);
            }
          });
      pool.shutdown();
      assertTrue(pool.awaitTermination(seconds + 120, TimeUnit.SECONDS));
      int articles = server.client().get("/health").json().get("articles").asInt();
      System.out.printf(
          "soak: %ds, %d readers + 1 writer; reads %d (p50 %.1f ms, p99 %.1f ms); writes %d requests, %d articles"
              + " (p50 %.1f ms, p99 %.1f ms); errors %d; server RSS %s; articles at end %d%n",
          seconds, readers, readNanos.size(), pct(readNanos, 50), pct(readNanos, 99), writeNanos.size(),
          written.get(), pct(writeNanos, 50), pct(writeNanos, 99), errors.get(), rss, articles);
      assertEquals(0, errors.get());
      assertEquals(5 + written.get(), articles, "every acknowledged write is in the index, nothing more");
    } finally {
      server.killHard();
    }
  }

  static double pct(ConcurrentLinkedQueue<Long> nanos, int p) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
