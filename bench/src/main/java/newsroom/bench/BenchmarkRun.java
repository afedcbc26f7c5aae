package newsroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.IndexStore;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench}: generates the corpus (unless the file exists), indexes it, and runs the query benchmark
 * in-process, over HTTP and against PostgreSQL (when {@code --pg-url} is given); writes the Markdown report.
 * See docs/benchmarks.md for the command that sets PostgreSQL up and runs it all.
 */
final class BenchmarkRun {
  private static final Logger log = LoggerFactory.getLogger(BenchmarkRun.class);

  static final Set<String> OPTIONS =
      Set.of(
          "articles", "seed", "work", "corpus", "config", "profile", "threads", "ram-buffer-mb", "reindex",
          "queries", "mix-seed", "concurrency", "requests", "seconds", "warmup-seconds", "port", "server-heap",
          "pg-url", "pg-seconds", "report");

  private BenchmarkRun() {}

  static void run(Options options) throws IOException {
    int articles = options.integer("articles", 100_000);
    int seed = options.integer("seed", 42);
    Path work = options.path("work", Path.of(System.getProperty("java.io.tmpdir"), "newsroom-bench", String.valueOf(articles)).toString());
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
    Files.createDirectories(work);

    Report report = new Report(String.format(Locale.ROOT, "%,d articles", articles));
    Path corpus = options.path("corpus", work.resolve("corpus-" + articles + "-seed" + seed + ".jsonl").toString());
    if (Files.exists(corpus)) {
      log.info("using the corpus already generated at {}", corpus);
    } else {
      CorpusGenerator.Summary g = new CorpusGenerator(config, catalog, seed).generate(articles, corpus, threads);
      report.line(
          "corpus generation",
          String.format(Locale.ROOT, "%,d articles, %,d MB of JSONL in %d s", g.articles(), g.bytes() >> 20, g.elapsed().toSeconds()));
    }
    report.line("corpus", String.format(Locale.ROOT, "%s (%,d MB), seed %d", corpus.getFileName(), Files.size(corpus) >> 20, seed));

    Path index = work.resolve("index");
    if (Boolean.parseBoolean(options.get("reindex", "true")) || !LuceneBackend.exists(index)) {
      CorpusIndexer.Summary s =
          new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), Enricher.forCatalog(config, catalog), threads)
              .build(LuceneBackend.newBuild(index, catalog, options.integer("ram-buffer-mb", 1024), 1));
      log.info("indexed {} articles in {} s; skipped {}", s.indexed(), s.elapsed().toSeconds(), s.skipped().size());
      report.indexing(s.indexed(), s.elapsed(), threads, folderSize(servedGeneration(index)));
    } else {
      Path current = servedGeneration(index);
      report.line("index", String.format(Locale.ROOT, "reused %s, %,d MB", current.getFileName(), folderSize(current) >> 20));
    }

    Benchmark.Config bench =
        new Benchmark.Config(
            corpus,
            index,
            config,
            catalog,
            seed,
            options.integer("mix-seed", 7),
            options.integer("queries", 500),
            options.integer("concurrency", 4),
            options.integer("requests", 20_000),
            Duration.ofSeconds(options.integer("seconds", 60)),
            Duration.ofSeconds(options.integer("warmup-seconds", 30)),
            options.integer("port", 7791),
            options.get("server-heap", "2g"),
            emptyToNull(options.get("pg-url", "")),
            Duration.ofSeconds(options.integer("pg-seconds", 300)),
            work);
    try {
      Benchmark.run(bench, report);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("benchmark failed: " + e, e);
    }
    Path out = options.path("report", work.resolve("report.md").toString());
    report.write(out);
    log.info("report written to {}:\n{}", out, report.markdown());
  }

  private static Path servedGeneration(Path index) throws IOException {
    return new IndexStore(index).current().orElseThrow(() -> new IOException("no index in " + index));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static long folderSize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
