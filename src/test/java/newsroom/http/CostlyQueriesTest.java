package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import newsroom.TestIndexes;
import newsroom.config.SearchSettings;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Expensive queries on an index where they hurt: Reuters-21578, 21,578 articles. The query budget refuses what it
 * can see coming, the per-search time limit stops the rest with a JSON error, a search whose client hung up is
 * abandoned, and every request reaches the access log. Latencies are measured and reported (docs/reliability.md
 * has the figures), not asserted: what is asserted is that the mechanisms fired.
 */
class CostlyQueriesTest {
  static LuceneBackend index;
  static Javalin app;
  static HttpTestClient client;
  static ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    // search.json as shipped: its budget and its time limit.
    index = LuceneBackend.open(TestIndexes.reuters().root(), false, TestIndexes.productionSettings(), TestIndexes.entityNames());
    app = ApiServer.create(index, TestIndexes.productionSettings()).start(0);
    client = new HttpTestClient(app.port());
    accessLog.start();
    ((Logger) LoggerFactory.getLogger("access")).addAppender(accessLog);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger("access")).detachAppender(accessLog);
    app.stop();
    index.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String repeat(String term, int times) {
    return String.join(" ", Collections.nCopies(times, term));
  }

  record Timed(HttpTestClient.Reply reply, double ms) {}

  static Timed timed(HttpTestClient on, String pathAndQuery) throws Exception {
    long start = System.nanoTime();
    HttpTestClient.Reply reply = on.get(pathAndQuery);
    return new Timed(reply, (System.nanoTime() - start) / 1e6);
  }

  /**
   * The reproductions of issue #10, each with the answer the budget gives. The time limit is raised here so that a
   * busy machine cannot turn a refusal into a time-out: the budget must answer these by itself.
   */
  @Test
  void theReportedQueriesGetAClearAnswerQuickly() throws Exception {
    LuceneBackend budgetOnly = LuceneBackend.open(TestIndexes.reuters().root(), false, withTimeout(60_000), TestIndexes.entityNames());
    Javalin server = ApiServer.create(budgetOnly, withTimeout(60_000)).start(0);
    try {
      reportedQueries(new HttpTestClient(server.port()));
    } finally {
      server.stop();
      budgetOnly.close();
    }
  }

  private void reportedQueries(HttpTestClient client) throws Exception {
    String plain = plainWords(520);
    Object[][] cases = {
      {"q=" + enc(repeat("ab~2", 399)) + "&size=100", 400, "Query too expensive"},
      {"q=" + enc(repeat("/[^a]{2,200}/", 130)) + "&size=0", 400, "Query too expensive"},
      {"q=" + enc("/[^a]{2,200}/") + "&size=0", 400, "Query too broad"},
      {"q=" + enc("/[ab]*a[ab]{20}/"), 400, "Regular expression too complex"},
      {"q=" + enc(plain), 400, "Query too long"},
      {"q=" + enc("a*"), 400, "Query too broad"},
    };
    // Warm up once (JIT), then measure.
    for (Object[] c : cases) {
      client.get("/api/search?" + c[0]);
    }
    for (Object[] c : cases) {
      Timed t = timed(client, "/api/search?" + c[0]);
      String what = c[0].toString().substring(0, Math.min(60, c[0].toString().length()));
      assertEquals((int) c[1], t.reply().status(), what + ": " + t.reply().body());
      assertEquals(c[2], t.reply().json().get("error").asText(), what);
      System.out.printf(Locale.ROOT, "costly: %-62s %d %-32s %7.1f ms%n", what, t.reply().status(), c[2], t.ms());
    }
    String detail = timed(client, "/api/search?q=" + enc(plain)).reply().json().get("detail").asText();
    assertTrue(detail.contains("term clauses") && !detail.contains("wildcard"), detail);
  }

  /** 520 different two-character words (no stop word among them). */
  static String plainWords(int n) {
    String consonants = "bcdfghjklmnpqrstvwxz";
    String second = consonants + "0123456789";
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < n; i++) {
      words.append(consonants.charAt(i % consonants.length())).append(second.charAt(i / consonants.length()))
          .append(' ');
    }
    return words.toString().strip();
  }

  /**
   * The fuzz test's search requests (same generator, same seed) plus heavy but allowed queries, on Reuters:
   * every answer is a 200, a 4xx with a JSON error, or the time limit's 503; the latencies are reported.
   */
  @Test
  void fuzzSearchesOnReutersAreBoundedByTheBudgetAndTheTimeLimit() throws Exception {
    Random random = new Random(20211105L);
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      List<String> params = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int j = 0; j < n; j++) {
        params.add(FuzzTest.param(random));
      }
      requests.add((random.nextInt(5) == 0 ? "/api/facets?" : "/api/search?") + String.join("&", params));
    }
    for (String q : List.of("oil~2 gold~2 bank~2 trade~2 price~2", repeat("ab~2", 10), "oil* ban* tra* pri* sto*",
        "/[a-z]{2,8}ing/ /pre.*/", "said OR the OR pct OR mln OR year OR billion OR company OR share",
        "\"crude oil\"~5 AND (opec OR saudi) AND NOT gulf", "title:[a TO m]")) {
      for (String extra : List.of("&size=100", "&size=100&topic=crude", "&size=0", "&sort=-date&size=100")) {
        requests.add("/api/search?q=" + enc(q) + extra);
      }
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<Double> latencies = new ArrayList<>();
    List<String> overOneSecond = new ArrayList<>();
    double worst = 0;
    String worstRequest = "";
    for (String request : requests) {
      Timed t = timed(client, request);
      int status = t.reply().status();
      statuses.merge(status, 1, Integer::sum);
      latencies.add(t.ms());
      if (t.ms() > 1000) {
        overOneSecond.add(String.format(Locale.ROOT, "%.0f ms %d %s", t.ms(), status,
            request.length() > 100 ? request.substring(0, 100) + "..." : request));
      }
      if (t.ms() > worst) {
        worst = t.ms();
        worstRequest = request;
      }
      String what = request.length() > 150 ? request.substring(0, 150) + "..." : request;
      assertTrue(status == 200 || (status >= 400 && status < 500) || status == 503, status + " for " + what);
      if (status >= 400) {
        assertTrue(t.reply().contentType().startsWith("application/json"), what);
        assertTrue(t.reply().json().hasNonNull("error"), what);
      }
      if (status == 503) {
        assertEquals("Search timed out", t.reply().json().get("error").asText(), what);
      }
    }
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "costly: %d requests on Reuters, statuses %s; latency p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f ms (%s);"
            + " over 1 s: %d%n",
        requests.size(), statuses, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), worst,
        worstRequest.length() > 100 ? worstRequest.substring(0, 100) + "..." : worstRequest,
        latencies.stream().filter(ms -> ms > 1000).count());
    overOneSecond.forEach(line -> System.out.println("costly: over 1 s: " + line));
  }

  static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static SearchSettings withTimeout(int ms) {
    return TestIndexes.withSearchTimeout(TestIndexes.productionSettings(), ms);
  }

  @Test
  void theTimeLimitStopsASearchWithAJsonErrorAndIsLogged() throws Exception {
    LuceneBackend strictIndex = LuceneBackend.open(TestIndexes.reuters().root(), false, withTimeout(1), TestIndexes.entityNames());
    Javalin strict = ApiServer.create(strictIndex, withTimeout(1)).start(0);
    try {
      HttpTestClient on = new HttpTestClient(strict.port());
      String heavy = "q=" + enc("oil~2 gold~2 bank~2 trade~2 price~2 stock~2 rate~2 loss~2 profit~2 share~2");
      // Plain scoring (Lucene's TimeLimitingBulkScorer) and drill-sideways (a facet selected) alike.
      for (String request : List.of(heavy + "&size=100", heavy + "&size=100&topic=earn", heavy + "&size=0")) {
        Timed t = timed(on, "/api/search?" + request);
        assertEquals(503, t.reply().status(), t.reply().body());
        assertEquals("Search timed out", t.reply().json().get("error").asText());
        assertTrue(t.reply().json().get("detail").asText().contains("past the limit of 1 ms"), t.reply().body());
        System.out.printf(Locale.ROOT, "costly: limit 1 ms, %s: 503 after %.1f ms%n", request.substring(request.indexOf('&')), t.ms());
      }
      assertEquals(200, on.get("/health").status());
      assertTrue(awaitLog(" 503 ", 5), "the time-out is in the access log");
    } finally {
      strict.stop();
      strictIndex.close();
    }
  }

  /** A client that hangs up mid-search: the search is abandoned, and the request is still logged (as 499). */
  @Test
  void aSearchWhoseClientHangsUpIsAbandonedAndLogged() throws Exception {
    LuceneBackend patientIndex = LuceneBackend.open(TestIndexes.reuters().root(), false, withTimeout(120_000), TestIndexes.entityNames());
    Javalin patient = ApiServer.create(patientIndex, withTimeout(120_000)).start(0);
    try {
      // Heavy enough to run for seconds here: ten fuzzy terms, a hundred hits highlighted.
      String query = enc("oil~2 gold~2 bank~2 trade~2 price~2 stock~2 rate~2 loss~2 profit~2 share~2");
      String marker = "hangup" + System.nanoTime();
      long sent;
      try (Socket socket = new Socket("localhost", patient.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/search?size=100&x=" + marker + "&q=" + query + " HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Thread.sleep(150);
        sent = System.nanoTime();
      } // hung up
      assertTrue(awaitLog(marker, 30), "the abandoned request is in the access log");
      String line = logged(marker);
      double afterHangUp = (System.nanoTime() - sent) / 1e6;
      System.out.printf(Locale.ROOT, "costly: client hung up; logged %.0f ms later: %s%n", afterHangUp, line);
      assertTrue(line.contains(" 499 "), line);
    } finally {
      patient.stop();
      patientIndex.close();
    }
  }

  static boolean awaitLog(String fragment, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (logged(fragment) != null) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  static synchronized String logged(String fragment) {
    synchronized (accessLog) {
      for (ILoggingEvent e : new ArrayList<>(accessLog.list)) {
        if (e.getFormattedMessage().contains(fragment)) {
          return e.getFormattedMessage();
        }
      }
    }
    return null;
  }

  static HttpRequest get(String path) {
    return client.request(path).GET().build();
  }
}
