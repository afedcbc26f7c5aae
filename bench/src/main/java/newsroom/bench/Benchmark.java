package newsroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import newsroom.ServerProcess;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchResponse;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query-latency benchmark over an index built from a generated corpus: the seeded query mix put to the
 * searcher in-process, to the HTTP API of a server process (with its memory sampled), and to PostgreSQL loaded
 * with the same corpus; the figures go into a {@link Report}.
 */
public final class Benchmark {
  private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

  /**
   * @param requests at most this many requests per measured run (each run also stops after {@code duration})
   * @param pgUrl JDBC URL of a PostgreSQL database on this machine, or null to skip the comparison
   */
  public record Config(
      Path corpus,
      Path index,
      Path config,
      Catalog catalog,
      long corpusSeed,
      long mixSeed,
      int queries,
      int concurrency,
      long requests,
      Duration duration,
      Duration warmup,
      int port,
      String serverHeap,
      String pgUrl,
      Duration pgDuration,
      Path work) {}

  private Benchmark() {}

  /** The backend called directly: what the stack can do without HTTP. */
  public static LoadRunner.Target<BenchQuery> inProcess(SearchBackend backend) {
    return query -> {
      SearchResponse r = backend.search(query.request());
      return new LoadRunner.Answer(200, r.total(), r.hits().size());
    };
  }

  /** Runs the query phases into the report (the indexing phase is already in it). */
  public static void run(Config config, Report report) throws Exception {
    List<BenchQuery> mix =
        QueryMix.create(config.config(), config.catalog(), config.corpusSeed(), config.mixSeed(), config.queries());
    report.mix(mix);
    inProcessRuns(mix, config, report);
    httpRuns(mix, config, report);
    if (config.pgUrl() != null) {
      postgresRuns(mix, config, report);
    }
  }

  private static void inProcessRuns(List<BenchQuery> mix, Config config, Report report) throws Exception {
    try (SearchBackend backend =
        LuceneBackend.open(config.index(), false, SearchSettings.load(config.config()))) {
      LoadRunner.Target<BenchQuery> target = inProcess(backend);
      warm(mix, target, config);
      report.run("in-process, 1 thread", measure(mix, target, 1, config), null);
      report.run("in-process, " + config.concurrency() + " threads", measure(mix, target, config.concurrency(), config), null);
    }
  }

  private static void httpRuns(List<BenchQuery> mix, Config config, Report report) throws Exception {
    // The query mix refuses a catalog without a date dimension.
    String dateParameter = config.catalog().dateDimension().orElseThrow().name();
    Path serverLog = config.work().resolve("server.log");
    try (ServerProcess server =
            ServerProcess.start(config.index(), config.config(), config.port(), config.serverHeap(), serverLog);
        HttpTarget http = new HttpTarget(server.port(), dateParameter)) {
      log.info("server pid {} on port {}; idle RSS {}", server.pid(), server.port(), server.memory());
      report.idleMemory(server.memory());
      warm(mix, http, config);
      double gcBefore = gcSeconds(server.port());
      LoadRunner.Result one = measure(mix, http, 1, config);
      report.run("HTTP, 1 client", one, null);
      double gcOne = gcSeconds(server.port());
      report.gc("HTTP, 1 client", gcOne - gcBefore, one.elapsed());
      server.startSampling();
      LoadRunner.Result many = measure(mix, http, config.concurrency(), config);
      report.run("HTTP, " + config.concurrency() + " clients", many, server.stopSampling());
      report.gc("HTTP, " + config.concurrency() + " clients", gcSeconds(server.port()) - gcOne, many.elapsed());
      if (WrkRun.available()) {
        server.startSampling();
        WrkRun.Figures wrk =
            WrkRun.run(mix, dateParameter, server.port(), config.concurrency(), config.duration().toSeconds(), config.work());
        log.info("wrk: {}", wrk);
        report.wrk("HTTP (wrk), " + config.concurrency() + " connections", wrk, server.stopSampling());
      } else {
        log.info("wrk is not installed: no HTTP run with a native client");
      }
    }
  }

  /** The server's garbage-collection time so far, in seconds, from its {@code /metrics}. */
  private static double gcSeconds(int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    String text =
        client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("jvm_gc_collection_seconds_total{")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private static void postgresRuns(List<BenchQuery> mix, Config config, Report report) throws Exception {
    PostgresTable table = PostgresTable.of(config.catalog());
    Corpus corpus = Corpus.at(config.corpus(), Corpus.defaultFormats());
    String key = config.corpus().toAbsolutePath() + ":" + Files.size(config.corpus());
    long start = System.nanoTime();
    long rows =
        new PostgresLoader(config.pgUrl(), table).load(corpus, key, Enricher.forCatalog(config.config(), config.catalog()));
    report.postgresLoad(rows, Duration.ofNanos(System.nanoTime() - start));
    try (PostgresTarget pg = new PostgresTarget(config.pgUrl(), table)) {
      // PostgreSQL takes up to seconds a query: one warm-up pass over the mix, then one measured pass.
      LoadRunner.run(mix, pg, config.concurrency(), mix.size(), config.pgDuration());
      report.run(
          "PostgreSQL, " + config.concurrency() + " clients",
          measure(mix, pg, config.concurrency(), mix.size(), config.pgDuration()),
          null);
    }
  }

  private static void warm(List<BenchQuery> mix, LoadRunner.Target<BenchQuery> target, Config config) {
    LoadRunner.Result warm = LoadRunner.run(mix, target, config.concurrency(), Long.MAX_VALUE, config.warmup());
    log.info("warm-up: {} requests, {} failed", warm.requests(), warm.failures());
  }

  private static LoadRunner.Result measure(
      List<BenchQuery> mix, LoadRunner.Target<BenchQuery> target, int concurrency, Config config) {
    return measure(mix, target, concurrency, config.requests(), config.duration());
  }

  private static LoadRunner.Result measure(
      List<BenchQuery> mix, LoadRunner.Target<BenchQuery> target, int concurrency, long requests, Duration duration) {
    LoadRunner.Result r = LoadRunner.run(mix, target, concurrency, requests, duration);
    log.info(
        "{} threads: {} requests ({} failed) in {} s, {} q/s, median {} ms, p99 {} ms",
        concurrency,
        r.requests(),
        r.failures(),
        r.elapsed().toSeconds(),
        Math.round(r.qps()),
        r.percentileMs(50),
        r.percentileMs(99));
    return r;
  }
}
