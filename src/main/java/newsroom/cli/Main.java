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
import newsroom.backend.IndexBuild;
import newsroom.backend.SearchBackend;
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
 * </pre>
 *
 * With {@code --backend solr --solr-urls URL[,URL...] --collection NAME [--shards N --replicas N]} each command
 * works on a SolrCloud collection alias instead of the index folder (see {@link SolrCommands}).
 *
 * The server takes live writes only when a write token is configured: NEWSROOM_WRITE_TOKEN, or a file named by
 * --write-token-file (never a plain flag, which other users of the machine could read in the process list).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final Set<String> OPTIONS =
      Set.of(
          "corpus", "index", "config", "profile", "threads", "port", "ram-buffer-mb", "keep", "reload-seconds",
          "write-token-file", "max-body-mb", "backend", "solr-urls", "collection", "shards", "replicas");

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0 || !Set.of("index", "serve", "reindex").contains(args[0])) {
      System.err.println("usage: newsroom-search (index|serve|reindex) [--corpus DIR] [--index DIR] [--config DIR]"
          + " [--profile NAME] [--port N] [--threads N] [--write-token-file FILE] [--max-body-mb N]"
          + " [--backend lucene|solr --solr-urls URL[,URL...] --collection NAME --shards N --replicas N]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      Options options = new Options(rest, OPTIONS, System.getenv());
      switch (args[0]) {
        case "index" -> System.exit(index(options).indexed() == 0 ? 1 : 0);
        case "reindex" -> reindex(options);
        default -> serve(options);
      }
    } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
      log.error("{}", e.getMessage());
      System.exit(1);
    } catch (newsroom.backend.BackendUnavailableException e) {
      log.error("{}", e.detail());
      System.exit(1);
    }
  }

  static CorpusIndexer.Summary index(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    Enricher enricher = Enricher.forCatalog(config, catalog);
    Path corpusPath = options.path("corpus", "corpus");
    Corpus corpus = Corpus.at(corpusPath, Corpus.defaultFormats());
    corpus.uncoveredLabelLists(catalog)
        .forEach(dim -> log.warn("the corpus's readers give '{}' labels, but profile {} has no such dimension:"
            + " they are not indexed", dim, catalog.profile()));
    log.info("indexing {} ({} files, profile {})", corpusPath, corpus.files().size(), catalog.profile());
    IndexBuild build =
        SolrCommands.selected(options)
            ? SolrCommands.newBuild(options, catalog)
            : LuceneBackend.newBuild(
                options.path("index", "data/index"), catalog, options.integer("ram-buffer-mb", 256),
                options.integer("keep", 2));
    CorpusIndexer.Summary s =
        new CorpusIndexer(corpus, enricher, options.integer("threads", Runtime.getRuntime().availableProcessors()))
            .build(build);
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
    Path indexRoot = options.path("index", "data/index");
    boolean solr = SolrCommands.selected(options);
    if (solr ? !SolrCommands.exists(options) : !LuceneBackend.exists(indexRoot)) {
      log.info("no index in {} yet: building it from the corpus", solr ? "Solr" : indexRoot);
      index(options);
    }
    Path config = options.path("config", "index-config");
    SearchSettings settings = SearchSettings.load(config);
    Optional<String> token = writeToken(options);
    SearchBackend backend =
        solr ? SolrCommands.open(options, settings) : LuceneBackend.open(indexRoot, token.isPresent(), settings);
    ApiServer.Options apiOptions =
        token.isEmpty()
            ? ApiServer.Options.readOnly()
            : new ApiServer.Options(
                new LiveIngestion(backend, config),
                WriteAccess.withToken(token.get()),
                options.integer("max-body-mb", 10) * 1024L * 1024L);
    Javalin app = ApiServer.create(backend, settings, apiOptions).start(options.integer("port", 7700));
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

  /** Rebuilds the index from its stored articles with today's index-config, without a server running. */
  static void reindex(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    SearchSettings settings = SearchSettings.load(config);
    try (SearchBackend backend =
        SolrCommands.selected(options)
            ? SolrCommands.open(options, settings)
            : LuceneBackend.open(options.path("index", "data/index"), true, settings)) {
      long articles = new LiveIngestion(backend, config).reindex();
      log.info("re-indexed {} articles into {}", articles, backend.status().index());
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
