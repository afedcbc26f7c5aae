package newsroom.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.ServerProcess;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.config.Json;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import newsroom.model.Article;
import newsroom.pipeline.CorpusIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code writes}: the latency of live writes as a client sees it. Starts the server in its own JVM with a write
 * token on a fresh copy of an index of a corpus (built once per work folder), then, for each level of concurrency, has that many clients each post one
 * article at a time ({@code POST /api/articles}, a new id each time, the text of a corpus article) for a fixed
 * time, and reports the percentiles of the time until the answer (durable and searchable) came back. Only for a
 * server on this machine (loopback).
 */
final class WriteBench {
  private static final Logger log = LoggerFactory.getLogger(WriteBench.class);
  static final Set<String> OPTIONS =
      Set.of("corpus", "config", "work", "concurrency", "seconds", "warmup-seconds", "server-heap", "server-jar",
          "port");
  private static final String TOKEN = "write-bench-token-0123456789";
  private static final Pattern COMMITS = Pattern.compile("(?m)^newsroom_index_commits_total (\\S+)$");

  /** One level: the client's figures, and the commits the server made meanwhile (-1: not reported). */
  record Level(LoadRunner.Result result, long commits) {}

  private WriteBench() {}

  static void run(Options options) throws Exception {
    Path corpus = options.path("corpus", "corpus");
    Path config = options.path("config", "index-config");
    Path work = options.path("work", Path.of(System.getProperty("java.io.tmpdir"), "newsroom-write-bench").toString());
    int[] levels = Arrays.stream(options.get("concurrency", "1,4,16").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    Duration measured = Duration.ofSeconds(options.integer("seconds", 30));
    Duration warmup = Duration.ofSeconds(options.integer("warmup-seconds", 5));
    String classpath = options.get("server-jar", System.getProperty("java.class.path"));

    List<Article> texts = new ArrayList<>();
    Corpus.at(corpus, Corpus.defaultFormats()).read(texts::add, p -> {}, (f, b) -> {});
    if (texts.isEmpty()) {
      throw new IOException("no article in " + corpus);
    }
    // The corpus is indexed once per work folder; each run starts from a copy, so runs of two builds compare.
    Files.createDirectories(work);
    Path base = work.resolve("base-index");
    if (!LuceneBackend.exists(base)) {
      Catalog catalog = Catalog.load(config, Catalog.DEFAULT_PROFILE);
      new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), Enricher.forCatalog(config, catalog),
          Runtime.getRuntime().availableProcessors())
          .build(LuceneBackend.newBuild(base, catalog, 256, 1));
    }
    Path index = work.resolve("index");
    deleteTree(index);
    copyTree(base, index);
    int port = options.integer("port", freePort());
    String loadAtStart = Report.loadAverage();
    List<Level> results = new ArrayList<>();
    try (ServerProcess server =
            ServerProcess.start(
                index, config, port, options.get("server-heap", "1g"), work.resolve("server.log"),
                Map.of("NEWSROOM_WRITE_TOKEN", TOKEN), classpath);
        Client client = new Client(port)) {
      for (int level : levels) {
        run(client, texts, level, warmup, "warmup-" + level);
        Level result = run(client, texts, level, measured, "c" + level);
        results.add(result);
        log.info("{} writers: {} writes, p50 {} ms, p99 {} ms", level, result.result().requests(),
            ms(result.result().percentileMs(50)), ms(result.result().percentileMs(99)));
      }
    }
    String report = report(results, corpus, classpath, loadAtStart, measured);
    Files.writeString(work.resolve("writes.md"), report);
    log.info("report written to {}:\n{}", work.resolve("writes.md"), report);
  }

  /** {@code writers} clients, each posting one article at a time until {@code duration} is over. */
  private static Level run(Client client, List<Article> texts, int writers, Duration duration, String tag)
      throws Exception {
    long commitsBefore = client.commits();
    AtomicLong next = new AtomicLong();
    LoadRunner.Result result =
        LoadRunner.run(
            texts,
            text -> new LoadRunner.Answer(client.post(article(text, tag + "-" + next.getAndIncrement())), -1, 1),
            writers,
            Long.MAX_VALUE,
            duration);
    long commitsAfter = client.commits();
    return new Level(result, commitsBefore < 0 || commitsAfter < 0 ? -1 : commitsAfter - commitsBefore);
  }

  /** A new article with the text of a corpus one: a new id, so each write adds a document. */
  private static String article(Article text, String id) throws IOException {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("id", "write-bench-" + id);
    a.put("title", text.title());
    a.put("body", text.body());
    a.put("source", text.source());
    if (text.published() != null) {
      a.put("published", text.published().toString());
    }
    return Json.MAPPER.writeValueAsString(a);
  }

  static String report(List<Level> levels, Path corpus, String classpath, String loadAtStart, Duration measured) {
    StringBuilder md = new StringBuilder();
    md.append("- run at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", server classes from `")
        .append(classpath.contains(java.io.File.pathSeparator) ? "this build" : classpath).append("`, index of `")
        .append(corpus).append("` plus the writes, ").append(measured.toSeconds()).append(" s per level\n");
    md.append("- load average at start: ").append(loadAtStart).append("; at end: ").append(Report.loadAverage()).append("\n\n");
    md.append("| writers | writes | writes/s | p50 ms | p90 ms | p99 ms | max ms | commits | writes per commit | failed |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Level level : levels) {
      LoadRunner.Result r = level.result();
      md.append(String.format(Locale.ROOT, "| %d | %,d | %.1f | %s | %s | %s | %s | %s | %s | %d |%n",
          r.concurrency(), r.requests(), r.qps(), ms(r.percentileMs(50)), ms(r.percentileMs(90)),
          ms(r.percentileMs(99)), ms(r.percentileMs(100)),
          level.commits() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", level.commits()),
          level.commits() <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", (double) r.requests() / level.commits()),
          r.failures()));
    }
    return md.toString();
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, ms < 10 ? "%.1f" : "%.0f", ms);
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** HTTP/1.1 keep-alive client of the server on loopback. */
  private static final class Client implements AutoCloseable {
    private final URI base;
    private final HttpClient http;

    Client(int port) {
      base = URI.create("http://127.0.0.1:" + port);
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int post(String article) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/api/articles"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(article))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The server's commits so far, from /metrics; -1 when it has no such figure (an older build). */
    long commits() throws IOException, InterruptedException {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = COMMITS.matcher(r.statusCode() == 200 ? r.body() : "");
      return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    @Override
    public void close() {
      http.close();
    }
  }
}
