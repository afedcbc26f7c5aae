package newsroom.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsroom.alerts.Alerts;
import newsroom.backend.IndexBuild;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.config.AlertSettings;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.http.ApiServer;
import newsroom.http.WriteAccess;
import newsroom.ingest.Corpus;
import newsroom.ingest.IngestProblem;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import newsroom.pipeline.LiveIngestion;
import newsroom.pipeline.WriteObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point.
 *
 * <pre>
 * index    --corpus DIR --index DIR --config DIR --profile NAME --threads N  build a new index generation
 *          [--discard-live-writes]   (also prune the generation holding articles written through the API)
 * serve    --index DIR --config DIR --port N [--corpus DIR --profile NAME]   serve it (indexing the corpus first
 *                                                                             when there is no index yet)
 * reindex  --index DIR --config DIR     rebuild the index from its own articles with the current index-config
 * eval     --corpus FILE --profile NAME --topics FILE --qrels FILE   ranking quality on judged queries
 *          [--hits N] [--per-query true] [--run FILE] [--set ranking.bm25.k1=0.9 ...]   (see {@link EvalCommand})
 * </pre>
 *
 * With {@code --backend solr --solr-zk HOST:PORT[,...][/chroot]} (or {@code --solr-urls URL[,URL...]}) {@code
 * --collection NAME [--shards N --replicas N]} each command
 * works on a SolrCloud collection alias instead of the index folder (see {@link SolrCommands}).
 *
 * The server takes live writes only when a write token is configured: NEWSROOM_WRITE_TOKEN, or a file named by
 * --write-token-file (never a plain flag, which other users of the machine could read in the process list).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** The commands of the jar (the container image's CMD is one of them). */
  static final Set<String> COMMANDS = Set.of("index", "serve", "reindex", "eval");
  /** Options of the commands; each has an environment variable NEWSROOM_NAME (see {@link Options}). */
  static final Set<String> OPTIONS =
      Set.of(
          "corpus", "index", "config", "profile", "threads", "port", "ram-buffer-mb", "keep", "reload-seconds",
          "write-token-file", "max-body-mb", "access-log", "topics", "qrels", "hits", "per-query", "run", "tag", "set",
          "syntax", "backend", "solr-urls", "solr-zk", "collection", "shards", "replicas");
  /** Options that take no value. */
  private static final Set<String> SWITCHES = Set.of("discard-live-writes");
  static final int MIN_TOKEN_LENGTH = WriteAccess.MIN_TOKEN_LENGTH;

  private Main() {}

  public static void main(String[] args) {
    JulToSlf4j.install();
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      System.err.println("usage: newsroom-search (index|serve|reindex) [--corpus DIR] [--index DIR] [--config DIR]"
          + " [--profile NAME] [--port N] [--threads N] [--write-token-file FILE] [--max-body-mb N]"
          + " [--keep N] [--discard-live-writes] [--access-log text|json]\n"
          + "       [--backend lucene|solr --solr-zk HOST:PORT[,...][/chroot] | --solr-urls URL[,URL...]"
          + " --collection NAME --shards N --replicas N]\n"
          + "       newsroom-search eval --corpus FILE_OR_DIR --profile NAME --topics FILE --qrels FILE [--hits N]"
          + " [--per-query true] [--run FILE] [--tag NAME] [--set search.json.path=value ...]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      Options options = new Options(rest, OPTIONS, SWITCHES, System.getenv());
      switch (args[0]) {
        case "index" -> index(options);
        case "reindex" -> reindex(options);
        case "eval" -> EvalCommand.run(options);
        default -> serve(options);
      }
    } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
      // One line: what is wrong and what to do; no stack trace for a mistake in the configuration.
      log.error("{}", e.getMessage());
      System.exit(1);
    } catch (newsroom.backend.BackendUnavailableException e) {
      log.error("{}", e.detail());
      System.exit(1);
    }
  }

  static CorpusIndexer.Summary index(Options options) throws IOException {
    return index(options, options.path("index", "data/index"));
  }

  static CorpusIndexer.Summary index(Options options, Path indexRoot) throws IOException {
    Path config = options.path("config", "index-config");
    int threads = options.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    int ramBufferMb = options.integer("ram-buffer-mb", 256, 1, 65_536);
    int keep = options.integer("keep", 2, 1, 1000);
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    Enricher enricher = Enricher.forCatalog(config, catalog);
    Path corpusPath = options.path("corpus", "corpus");
    if (!Files.exists(corpusPath)) {
      throw new IllegalArgumentException("no corpus at " + corpusPath.toAbsolutePath() + " (--corpus)");
    }
    Corpus corpus = Corpus.at(corpusPath, Corpus.defaultFormats());
    corpus.uncoveredLabelLists(catalog)
        .forEach(dim -> log.warn("the corpus's readers give '{}' labels, but profile {} has no such dimension:"
            + " they are not indexed", dim, catalog.profile()));
    log.info("indexing {} ({} files, profile {})", corpusPath, corpus.files().size(), catalog.profile());
    IndexBuild build =
        SolrCommands.selected(options)
            ? SolrCommands.newBuild(options, catalog)
            : LuceneBackend.newBuild(indexRoot, catalog, ramBufferMb, keep, options.flag("discard-live-writes"));
    CorpusIndexer.Summary s = new CorpusIndexer(corpus, enricher, threads).build(build);
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
        s.published());
    for (IngestProblem p : s.skipped()) {
      log.info("  skipped: {}", p);
    }
    return s;
  }

  static void serve(Options options) throws IOException {
    // 1. Every setting is checked before anything is built, opened or bound: a mistake costs one line, no index.
    Path indexRoot = options.path("index", "data/index");
    Path config = options.path("config", "index-config");
    SearchSettings settings = SearchSettings.load(config);
    AlertSettings alertSettings = AlertSettings.load(config);
    Optional<String> token = writeToken(options);
    int port = options.integer("port", 7700, 1, 65_535);
    long maxBodyBytes = options.integer("max-body-mb", 10, 1, 1024) * 1024L * 1024L;
    int every = options.integer("reload-seconds", 2, 1, 3600);
    String accessLog = options.get("access-log", "text");
    if (!Set.of("text", "json").contains(accessLog)) {
      throw new IllegalArgumentException("--access-log must be text or json, not '" + accessLog + "'");
    }
    boolean solr = SolrCommands.selected(options);
    // A damaged CURRENT stops here, never taken for "no index".
    boolean build = solr ? !SolrCommands.exists(options) : LuceneBackend.isEmpty(indexRoot);
    if (build) {
      Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    }
    checkPortFree(port);

    // 2. Open (or, where no index was ever built, build) the index.
    if (build) {
      log.info("no index in {} yet: building it from the corpus", solr ? "Solr" : indexRoot);
      index(options);
    }
    SearchBackend backend =
        solr
            ? SolrCommands.open(options, settings)
            : LuceneBackend.open(indexRoot, token.isPresent(), settings, EvalCommand.entityNames(config));
    warmUp(backend);
    Javalin app;
    Alerts alerts = null;
    try {
      alerts = token.isEmpty() || solr ? null : Alerts.open(alertsDir(indexRoot), alertSettings, backend.savedSearches());
      ApiServer.Options apiOptions =
          token.isEmpty()
              ? ApiServer.Options.readOnly()
              : new ApiServer.Options(
                      new LiveIngestion(backend, config, alerts == null ? WriteObserver.NONE : alerts),
                      WriteAccess.withToken(token.get()),
                      maxBodyBytes)
                  .withAlerts(alerts);
      // 3. Bind.
      app = ApiServer.create(backend, settings, apiOptions.withJsonAccessLog(accessLog.equals("json"))).start(port);
    } catch (RuntimeException | IOException e) {
      if (alerts != null) {
        alerts.close();
      }
      backend.close();
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IOException("cannot listen on port " + port + ": " + rootMessage(e));
    }
    Alerts closingAlerts = alerts;
    // A re-index run by another process publishes a new generation: pick it up without a restart.
    ScheduledExecutorService reload =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "index-reload");
              t.setDaemon(true);
              return t;
            });
    reload.scheduleWithFixedDelay(
        () -> {
          try {
            backend.refresh();
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
                    if (closingAlerts != null) {
                      closingAlerts.close();
                    }
                    backend.close();
                  } catch (IOException e) {
                    log.warn("closing the index: {}", e.getMessage());
                  }
                }));
    log.info(
        "serving {} articles at http://localhost:{}/ ({})",
        backend.status().articles(),
        app.port(),
        token.isPresent() ? "live writes enabled" : "read-only: no write token configured");
  }

  /**
   * Where saved searches and their alerts are kept: beside the index's generations (never inside one), so a
   * re-index, which replaces the generation, keeps them.
   */
  static Path alertsDir(Path indexRoot) {
    return indexRoot.resolve("saved-searches");
  }

  /** Rebuilds the index from its stored articles with today's index-config, without a server running. */
  static void reindex(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    SearchSettings settings = SearchSettings.load(config);
    boolean solr = SolrCommands.selected(options);
    if (!solr && LuceneBackend.isEmpty(options.path("index", "data/index"))) {
      throw new IOException("no index in " + options.path("index", "data/index") + " to re-index: build one first");
    }
    try (SearchBackend backend =
        solr
            ? SolrCommands.open(options, settings)
            : LuceneBackend.open(options.path("index", "data/index"), true, settings)) {
      long articles = new LiveIngestion(backend, config).reindex();
      log.info("re-indexed {} articles into {}", articles, backend.status().index());
    }
  }

  /** The write token, from --write-token-file or NEWSROOM_WRITE_TOKEN; none means read-only. */
  static Optional<String> writeToken(Options options) throws IOException {
    String file = options.get("write-token-file", null);
    String token;
    String from;
    if (file != null) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new IOException(
            "--write-token-file " + path.toAbsolutePath() + ": no such file (write the token into it, or leave"
                + " the option out to serve read-only)");
      }
      try {
        token = Files.readString(path).strip();
      } catch (IOException e) {
        throw new IOException("--write-token-file " + path.toAbsolutePath() + ": cannot read it (" + e + ")");
      }
      if (token.isEmpty()) {
        throw new IOException("--write-token-file " + path.toAbsolutePath() + " is empty");
      }
      from = "the token in " + path;
    } else {
      token = Optional.ofNullable(System.getenv("NEWSROOM_WRITE_TOKEN")).map(String::strip).orElse("");
      if (token.isEmpty()) {
        return Optional.empty();
      }
      from = "NEWSROOM_WRITE_TOKEN";
    }
    if (token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          from + " has " + token.length() + " characters; a write token needs at least " + MIN_TOKEN_LENGTH
              + " (make one with: openssl rand -hex 16)");
    }
    return Optional.of(token);
  }

  /**
   * A few searches before the port opens: the first search of a fresh JVM loads and compiles the highlighter,
   * facet counting and sorting, and would otherwise spend its time limit on that.
   */
  private static void warmUp(SearchBackend backend) {
    long start = System.nanoTime();
    for (int round = 0; round < 3; round++) {
      for (SearchRequest request :
          List.of(
              SearchRequest.of(""),
              SearchRequest.of("news OR report OR company").withSort(SortOrder.NEWEST),
              SearchRequest.of("market* OR \"the company\" OR report~1"))) {
        try {
          backend.search(request);
        } catch (RuntimeException e) {
          log.debug("warm-up search failed: {}", e.toString()); // a slow first search: that is what this is for
        }
      }
    }
    log.info("warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  /** Fails with one line, before any index is built or opened, when the port is taken. */
  private static void checkPortFree(int port) throws IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(port));
    } catch (IOException e) {
      throw new IOException(
          "port " + port + " is in use (" + e.getMessage() + "): stop what listens there or choose --port");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
