package newsroom.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsroom.bench.CorpusGenerator;
import newsroom.enrich.Enricher;
import newsroom.http.ApiServer;
import newsroom.index.IndexSettings;
import newsroom.index.IndexStore;
import newsroom.index.Profile;
import newsroom.index.Schema;
import newsroom.index.ServedIndex;
import newsroom.ingest.Corpus;
import newsroom.ingest.IngestProblem;
import newsroom.search.NewsSearcher;
import newsroom.search.SearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point.
 *
 * <pre>
 * index    --corpus DIR --index DIR --config DIR --profile NAME --threads N  build a new index generation
 * serve    --index DIR --config DIR --port N [--corpus DIR --profile NAME]   serve it (indexing the corpus first
 *                                                                             when there is no index yet)
 * reindex  --index DIR --config DIR     rebuild the index from its own articles with the current index-config
 * generate --articles N --seed S --out FILE.jsonl                             write a synthetic corpus (benchmarks)
 * bench    --articles N --work DIR [...]                                      run the benchmark (docs/benchmarks.md)
 * </pre>
 *
 * The server takes live writes only when a write token is configured: NEWSROOM_WRITE_TOKEN, or a file named by
 * --write-token-file (never a plain flag, which other users of the machine could read in the process list).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final Set<String> OPTIONS =
      Set.of(
          "corpus", "index", "config", "profile", "threads", "port", "ram-buffer-mb", "keep", "reload-seconds",
          "write-token-file", "max-body-mb");
  private static final Set<String> GENERATE_OPTIONS = Set.of("articles", "seed", "out", "config", "profile", "threads");

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0 || !Set.of("index", "serve", "reindex", "generate", "bench").contains(args[0])) {
      System.err.println("usage: newsroom-search (index|serve|reindex) [--corpus DIR] [--index DIR] [--config DIR]"
          + " [--profile NAME] [--port N] [--threads N] [--write-token-file FILE] [--max-body-mb N]");
      System.err.println("       newsroom-search generate --articles N --seed S --out FILE.jsonl");
      System.err.println("       newsroom-search bench --articles N --work DIR [options: docs/benchmarks.md]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "index" -> System.exit(index(new Options(rest, OPTIONS, System.getenv())).indexed() == 0 ? 1 : 0);
        case "reindex" -> reindex(new Options(rest, OPTIONS, System.getenv()));
        case "generate" -> generate(new Options(rest, GENERATE_OPTIONS, System.getenv()));
        case "bench" -> bench(new Options(rest, BenchmarkRun.OPTIONS, System.getenv()));
        default -> serve(new Options(rest, OPTIONS, System.getenv()));
      }
    } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
      log.error("{}", e.getMessage());
      System.exit(1);
    }
  }

  static CorpusIndexer.Summary index(Options options) throws IOException {
    return index(
        options.path("config", "index-config"),
        options.get("profile", Profile.DEFAULT),
        options.path("corpus", "corpus"),
        options.path("index", "data/index"),
        options.integer("threads", Runtime.getRuntime().availableProcessors()),
        options.integer("ram-buffer-mb", 256),
        options.integer("keep", 2));
  }

  static CorpusIndexer.Summary index(
      Path config, String profileName, Path corpusPath, Path index, int threads, int ramBufferMb, int keep)
      throws IOException {
    Profile profile = Profile.load(config, profileName);
    Schema schema = Schema.of(profile, IndexSettings.load(config));
    Corpus corpus = Corpus.at(corpusPath, Corpus.defaultFormats());
    log.info("indexing {} ({} files, profile {})", corpusPath, corpus.files().size(), profile.name());
    CorpusIndexer indexer =
        new CorpusIndexer(corpus, Enricher.forProfile(config, profile), schema, threads, ramBufferMb);
    CorpusIndexer.Summary s = indexer.build(new IndexStore(index), keep);
    log.info(
        "indexed {} articles ({} without a title, {} without a body) from {} files in {} ms ({} articles/s);"
            + " skipped {}; index {}",
        s.indexed(),
        s.withoutTitle(),
        s.withoutBody(),
        s.files(),
        s.elapsed().toMillis(),
        Math.round(s.articlesPerSecond()),
        s.skipped().size(),
        s.generation());
    for (IngestProblem p : s.skipped()) {
      log.info("  skipped: {}", p);
    }
    return s;
  }

  static void generate(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    Profile profile = Profile.load(config, options.get("profile", Profile.DEFAULT));
    long articles = options.integer("articles", 100_000);
    Path out = options.path("out", "corpus-" + articles + ".jsonl");
    CorpusGenerator.Summary s =
        new CorpusGenerator(config, profile, options.integer("seed", 42))
            .generate(articles, out, options.integer("threads", Runtime.getRuntime().availableProcessors()));
    log.info("wrote {} articles ({} MB) to {} in {} s", s.articles(), s.bytes() >> 20, out, s.elapsed().toSeconds());
  }

  static void bench(Options options) throws IOException {
    BenchmarkRun.run(options);
  }

  static void serve(Options options) throws IOException {
    IndexStore store = new IndexStore(options.path("index", "data/index"));
    if (store.current().isEmpty()) {
      log.info("no index in {} yet: building it from the corpus", store.root());
      index(options);
    }
    Path config = options.path("config", "index-config");
    Optional<String> token = writeToken(options);
    ServedIndex index = ServedIndex.open(store, token.isPresent());
    NewsSearcher searcher = new NewsSearcher(index, SearchSettings.load(config));
    ApiServer.Options apiOptions =
        token.isEmpty()
            ? ApiServer.Options.readOnly()
            : ServerWiring.liveOptions(
                index, searcher, config, token.get(), options.integer("max-body-mb", 10) * 1024L * 1024L);
    Javalin app = ApiServer.create(searcher, apiOptions).start(options.integer("port", 7700));
    // A re-index run by another process publishes a new generation: pick it up without a restart.
    ScheduledExecutorService reload =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "index-reload");
              t.setDaemon(true);
              return t;
            });
    int every = options.integer("reload-seconds", 2);
    reload.scheduleWithFixedDelay(
        () -> {
          try {
            index.refresh();
          } catch (Exception e) {
            log.warn("index reload failed, still serving the previous generation: {}", e.getMessage());
          }
        },
        every,
        every,
        TimeUnit.SECONDS);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  try {
                    index.close();
                  } catch (IOException e) {
                    log.warn("closing the index: {}", e.getMessage());
                  }
                }));
    log.info(
        "serving {} articles at http://localhost:{}/ ({})",
        searcher.size(),
        app.port(),
        token.isPresent() ? "live writes enabled" : "read-only: no write token configured");
  }

  /** Rebuilds the index from its stored articles with today's index-config, without a server running. */
  static void reindex(Options options) throws IOException {
    IndexStore store = new IndexStore(options.path("index", "data/index"));
    Path config = options.path("config", "index-config");
    try (ServedIndex index = ServedIndex.open(store, true)) {
      NewsSearcher searcher = new NewsSearcher(index, SearchSettings.load(config));
      long articles = new LiveIngestion(index, searcher, config).reindex();
      log.info("re-indexed {} articles into {}", articles, index.generation().dir);
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      throw new IOException(
          "the index is open for writing by a running server: ask it instead (POST /api/admin/reindex)", e);
    }
  }

  private static Optional<String> writeToken(Options options) throws IOException {
    String file = options.get("write-token-file", null);
    if (file != null) {
      return Optional.of(Files.readString(Path.of(file)).strip()).filter(t -> !t.isEmpty());
    }
    return Optional.ofNullable(System.getenv("NEWSROOM_WRITE_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
  }
}
