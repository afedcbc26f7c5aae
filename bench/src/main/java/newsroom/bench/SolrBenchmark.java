package newsroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsroom.backend.SearchBackend;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import newsroom.solr.SolrBackend;
import newsroom.solr.SolrCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded index against SolrCloud, side by side: the same generated corpus indexed into the embedded index and
 * into a collection per shard count (replication factor 1), then the same seeded query mix put to each through
 * the {@link SearchBackend} seam in this JVM (the HTTP layer above the seam is the same code for both), at 1
 * thread and at {@code --concurrency} threads. Totals are compared query by query. Writes a markdown report.
 *
 * <pre>
 * solr --corpus FILE.jsonl --index DIR --solr-urls URL[,URL] [--shards 1,2] [--out FILE.md] [options as bench]
 * </pre>
 */
final class SolrBenchmark {
  private static final Logger log = LoggerFactory.getLogger(SolrBenchmark.class);
  static final Set<String> OPTIONS =
      Set.of(
          "corpus", "index", "solr-urls", "shards", "out", "config", "profile", "seed", "mix-seed", "queries",
          "concurrency", "seconds", "requests", "warmup-seconds", "threads", "reindex");

  private record Row(String target, String indexing, LoadRunner.Result one, LoadRunner.Result many, long mismatches) {}

  private SolrBenchmark() {}

  static void run(Options options) throws Exception {
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    SearchSettings settings = SearchSettings.load(config);
    Path corpusFile = options.path("corpus", null);
    Path index = options.path("index", null);
    List<String> urls = Arrays.stream(options.get("solr-urls", "").split(",")).filter(u -> !u.isBlank()).toList();
    List<Integer> shardCounts =
        Arrays.stream(options.get("shards", "1,2").split(",")).map(String::strip).map(Integer::parseInt).toList();
    int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
    int concurrency = options.integer("concurrency", 4);
    long requests = options.integer("requests", 20_000);
    Duration duration = Duration.ofSeconds(options.integer("seconds", 60));
    Duration warmup = Duration.ofSeconds(options.integer("warmup-seconds", 30));
    boolean reindex = Boolean.parseBoolean(options.get("reindex", "true"));
    List<BenchQuery> mix =
        QueryMix.create(config, catalog, options.integer("seed", 42), options.integer("mix-seed", 7),
            options.integer("queries", 500));
    List<Row> rows = new ArrayList<>();

    String embeddedIndexing = "(reused)";
    if (reindex || !LuceneBackend.exists(index)) {
      CorpusIndexer.Summary s = indexer(corpusFile, config, catalog, threads)
          .build(LuceneBackend.newBuild(index, catalog, 1024, 1));
      embeddedIndexing = rate(s);
    }
    long[] expected;
    try (SearchBackend embedded = LuceneBackend.open(index, false, settings)) {
      expected = totals(embedded, mix);
      rows.add(measure("embedded Lucene", embeddedIndexing, embedded, mix, expected, concurrency, requests, duration, warmup));
    }
    for (int shards : shardCounts) {
      String alias = "bench_" + shards + "s";
      SolrCluster cluster = SolrCluster.connect(urls);
      String indexing = "(reused)";
      if (reindex || cluster.resolve(alias).isEmpty()) {
        CorpusIndexer.Summary s = indexer(corpusFile, config, catalog, threads)
            .build(SolrBackend.newBuild(cluster, alias, catalog, settings.ranking().bm25(), shards, 1));
        indexing = rate(s);
      }
      try (SolrBackend solr = SolrBackend.open(cluster, alias, settings, catalog.profile(), shards, 1)) {
        rows.add(measure("SolrCloud, " + shards + " shard" + (shards > 1 ? "s" : ""), indexing, solr, mix, expected,
            concurrency, requests, duration, warmup));
      }
    }
    String report = report(rows, mix.size(), concurrency, expected.length);
    System.out.println(report);
    Path out = options.path("out", "solr-benchmark.md");
    Files.writeString(out, report);
    log.info("report written to {}", out);
  }

  private static CorpusIndexer indexer(Path corpus, Path config, Catalog catalog, int threads) throws IOException {
    return new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), Enricher.forCatalog(config, catalog), threads);
  }

  private static String rate(CorpusIndexer.Summary s) {
    return String.format(Locale.ROOT, "%,d articles/s (%,d in %d s)", Math.round(s.articlesPerSecond()), s.indexed(),
        s.elapsed().toSeconds());
  }

  private static long[] totals(SearchBackend backend, List<BenchQuery> mix) {
    long[] totals = new long[mix.size()];
    for (int i = 0; i < mix.size(); i++) {
      totals[i] = backend.search(mix.get(i).request()).total();
    }
    return totals;
  }

  private static Row measure(String name, String indexing, SearchBackend backend, List<BenchQuery> mix, long[] expected,
      int concurrency, long requests, Duration duration, Duration warmup) {
    long[] totals = totals(backend, mix);
    long mismatches = 0;
    for (int i = 0; i < totals.length; i++) {
      if (totals[i] != expected[i]) {
        mismatches++;
        log.warn("{}: query {} ({}) has {} hits, the embedded index {}", name, i, mix.get(i).kind(), totals[i], expected[i]);
      }
    }
    LoadRunner.Target target = Benchmark.inProcess(backend);
    LoadRunner.Result warm = LoadRunner.run(mix, target, concurrency, Long.MAX_VALUE, warmup);
    log.info("{}: warm-up {} requests, {} failed", name, warm.requests(), warm.failures());
    LoadRunner.Result one = LoadRunner.run(mix, target, 1, requests, duration);
    LoadRunner.Result many = LoadRunner.run(mix, target, concurrency, requests, duration);
    log.info("{}: 1 thread median {} ms; {} threads median {} ms, {} q/s", name, one.percentileMs(50), concurrency,
        many.percentileMs(50), Math.round(many.qps()));
    return new Row(name, indexing, one, many, mismatches);
  }

  private static String report(List<Row> rows, int queries, int concurrency, int compared) {
    StringBuilder b = new StringBuilder();
    b.append("| target | indexing | 1 thread: median / p95 / p99 ms | q/s | ").append(concurrency)
        .append(" threads: median / p95 / p99 ms | q/s | failed | totals differing from embedded (of ")
        .append(compared).append(") |\n|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %.1f / %.1f / %.1f | %.0f | %.1f / %.1f / %.1f | %.0f | %d | %d |%n",
          r.target(), r.indexing(),
          r.one().percentileMs(50), r.one().percentileMs(95), r.one().percentileMs(99), r.one().qps(),
          r.many().percentileMs(50), r.many().percentileMs(95), r.many().percentileMs(99), r.many().qps(),
          r.one().failures() + r.many().failures(), r.mismatches()));
    }
    b.append(String.format(Locale.ROOT, "%nQuery mix: %d queries; %d requests per run at most.%n", queries,
        rows.isEmpty() ? 0 : rows.get(0).one().requests()));
    return b.toString();
  }
}
