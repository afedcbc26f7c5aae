package newsroom.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.alerts.Alerts;
import newsroom.backend.BackendStatus;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.RebuildRunningException;
import newsroom.backend.RequestCancellation;
import newsroom.backend.SearchAbandonedException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SimilarArticle;
import newsroom.backend.Suggestion;
import newsroom.config.Json;
import newsroom.config.SearchSettings;
import newsroom.pipeline.ArticleWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a {@link SearchBackend}: a JSON API under {@code /api} and the search page at {@code /}. One
 * route table; handlers are thin functions of the request; every error is JSON, and a client's mistake is a 4xx,
 * never a 500. Writes are guarded in one place, by the role of their route.
 */
public final class ApiServer {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final Logger access = LoggerFactory.getLogger("access");
  private static final Logger accessJson = LoggerFactory.getLogger("access.json");
  /** "More like this" articles answered when the request does not say how many. */
  private static final int SIMILAR_SHOWN = 5;
  /** Completions answered when the request does not say how many. */
  private static final int SUGGESTIONS_SHOWN = 8;

  /** Routes that change the corpus: they need the write token. */
  private enum Role implements RouteRole {
    WRITE
  }

  /**
   * How the server takes writes.
   *
   * @param writes null for a read-only server
   * @param maxBodyBytes the largest request body accepted (a bulk of articles)
   */
  public record Options(
      ArticleWrites writes, WriteAccess access, long maxBodyBytes, boolean jsonAccessLog, Alerts alerts) {
    public Options(ArticleWrites writes, WriteAccess access, long maxBodyBytes) {
      this(writes, access, maxBodyBytes, false, null);
    }

    public static Options readOnly() {
      return new Options(null, WriteAccess.disabled(), 1_000_000);
    }

    /** The same, with the access log written as JSON lines (for log shippers) instead of text. */
    public Options withJsonAccessLog(boolean json) {
      return new Options(writes, access, maxBodyBytes, json, alerts);
    }

    /** The same, with saved searches and their alerts (the writes must be observed by them too). */
    public Options withAlerts(Alerts savedSearches) {
      return new Options(writes, access, maxBodyBytes, jsonAccessLog, savedSearches);
    }
  }

  private final SearchBackend backend;
  private final SearchSettings settings;
  private final Options options;
  private final ServiceMetrics metrics;

  private ApiServer(SearchBackend backend, SearchSettings settings, Options options) {
    this.backend = backend;
    this.settings = settings;
    this.options = options;
    this.metrics = new ServiceMetrics(backend);
  }

  /** A configured, not yet started, read-only server. */
  public static Javalin create(SearchBackend backend, SearchSettings settings) {
    return create(backend, settings, Options.readOnly());
  }

  /** A configured, not yet started server. */
  public static Javalin create(SearchBackend backend, SearchSettings settings, Options options) {
    ApiServer api = new ApiServer(backend, settings, options);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.staticFiles.add("/public", Location.CLASSPATH);
              config.http.maxRequestSize = options.maxBodyBytes();
              config.http.prefer405over404 = true;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
              // Headers on every answer (API, page, static files, errors), set before any handler runs.
              config.jetty.modifyHttpConfiguration(
                  http -> http.addCustomizer((connector, channelConfig, request) -> securityHeaders(request)));
              config.requestLogger.http(
                  (ctx, ms) -> {
                    ctx.req().setAttribute(LOGGED, Boolean.TRUE);
                    api.metrics.record(ctx, ms);
                    if (options.jsonAccessLog()) {
                      logRequestAsJson(ctx, ms);
                    } else {
                      logRequest(ctx, ms);
                    }
                  });
              // Jetty's request log sees every request once it completes: it logs those Javalin's logger never saw
              // (one whose client hung up before its answer was written, one Jetty refused before Javalin).
              config.jetty.modifyServer(
                  server -> server.setRequestLog((req, res) -> logIfUnlogged(req, res, options.jsonAccessLog())));
            });

    app.get("/health", api::health);
    app.get("/metrics", api.metrics::serve);
    app.get("/api/search", api::search);
    app.get("/api/facets", api::facets);
    app.get("/api/facets/{dimension}", api::facetValues);
    app.get("/api/suggest", api::suggest);
    app.get("/api/articles/{id}", api::article);
    app.get("/api/articles/{id}/similar", api::similar);
    app.post("/api/articles", api::addArticles, Role.WRITE);
    app.delete("/api/articles/{id}", api::deleteArticle, Role.WRITE);
    app.post("/api/admin/reindex", api::reindex, Role.WRITE);
    // Saved searches with alerts (README "Saved searches"): feeds are read like searches, changes need the token.
    SavedSearchRoutes saved = new SavedSearchRoutes(options.alerts(), backend, settings, options.maxBodyBytes());
    app.post("/api/saved-searches", saved::create, Role.WRITE);
    app.get("/api/saved-searches", saved::list);
    app.get("/api/saved-searches/{id}", saved::get);
    app.delete("/api/saved-searches/{id}", saved::delete, Role.WRITE);
    app.get("/api/saved-searches/{id}/feed.atom", saved::feed);
    // Analyst tools (docs in README "Analyst tools"); the whole API is described at /api/openapi.json.
    app.get("/api/compare", new CompareRoutes(backend)::compare);
    app.get("/api/export", new ExportRoutes(backend, settings)::export);
    app.get("/api/significant-terms", new SignificantTermsRoutes(backend, settings)::terms);
    app.get("/api/openapi.json", OpenApi::serve);

    app.beforeMatched(
        ctx -> {
          if (ctx.routeRoles().contains(Role.WRITE)) {
            options.access().check(ctx);
          }
        });

    app.exception(
        InvalidRequestException.class,
        (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError(e.getMessage(), e.detail())));
    app.exception(ValidationException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(invalid(e)));
    app.exception(
        RebuildRunningException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.CONFLICT)
                .json(new ApiError("Re-index running", "a re-index is already running; try again when it is done")));
    app.exception(
        SearchAbandonedException.class,
        (e, ctx) -> {
          if (e.clientGone()) {
            ctx.status(CLIENT_CLOSED_REQUEST); // for the access log only: nobody reads this answer
          } else {
            log.warn("{} {}?{}: {}", ctx.method(), ctx.path(), ctx.queryString(), e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(
                    new ApiError(
                        "Search timed out",
                        e.getMessage() + "; make the query more specific (fewer fuzzy~, wildcard*, /regex/ or"
                            + " very common terms) or narrow it with filters"));
          }
        });
    app.exception(
        UnsupportedOperationException.class,
        (e, ctx) -> ctx.status(HttpStatus.NOT_IMPLEMENTED).json(new ApiError("Not implemented", e.getMessage())));
    app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(ApiErrors.toBody(e)));
    app.exception(
        newsroom.backend.BackendUnavailableException.class,
        (e, ctx) -> {
          // The engine is away (a search cluster down): say so briefly, retry later; no stack trace in the log.
          log.warn("{} {}: {}", ctx.method(), ctx.path(), e.detail());
          ctx.header("Retry-After", "5")
              .status(HttpStatus.SERVICE_UNAVAILABLE)
              .json(new ApiError(e.getMessage(), e.detail()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          if (diskFull(e)) {
            log.error("{} {} failed: the disk is full ({})", ctx.method(), ctx.path(), e.toString());
            ctx.status(HttpStatus.INSUFFICIENT_STORAGE)
                .json(
                    new ApiError(
                        "Disk full",
                        "the index's disk is full: this change was not applied, earlier acknowledged ones are"
                            + " kept, and searches go on; try again once space is freed"));
            return;
          }
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(new ApiError("Internal error", "the server could not answer; the error is in its log"));
        });
    return app;
  }

  /** Whether an error comes from a full disk (ENOSPC) or an exhausted quota, anywhere in its causes. */
  static boolean diskFull(Throwable e) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return true;
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      for (Throwable s : t.getSuppressed()) {
        todo.push(s);
      }
    }
    return false;
  }

  /** Status logged for a search abandoned because its client hung up (as nginx logs it); never sent. */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private static final String STARTED = "newsroom.started";

  /**
   * The page's policy, sent as a header so that it also forbids framing ({@code frame-ancestors}, which a
   * {@code <meta>} policy cannot carry); the same policy stays in the page as defence in depth.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static void securityHeaders(org.eclipse.jetty.server.Request request) {
    request.setAttribute(STARTED, System.nanoTime());
    var headers = request.getResponse().getHttpFields();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
  }

  private static void logRequest(Context ctx, Float ms) {
    access.info(
        "{} {}{} {} {}ms",
        ctx.method(),
        ctx.path(),
        ctx.queryString() == null ? "" : "?" + ctx.queryString(),
        ctx.statusCode(),
        String.format(Locale.ROOT, "%.1f", ms));
  }

  /** Marks a request Javalin's request logger logged. */
  private static final String LOGGED = "newsroom.logged";

  /**
   * Logs, from Jetty's request log, a request that Javalin's logger did not: one whose answer could not be
   * written (its client hung up) or one Jetty answered itself. Same line, same fields.
   */
  private static void logIfUnlogged(
      org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, boolean json) {
    if (request.getAttribute(LOGGED) != null) {
      return;
    }
    Object started = request.getAttribute(STARTED);
    double ms =
        started instanceof Long t ? (System.nanoTime() - t) / 1e6 : System.currentTimeMillis() - request.getTimeStamp();
    int status = response.getStatus();
    if (!json) {
      access.info(
          "{} {}{} {} {}ms",
          request.getMethod(),
          request.getRequestURI(),
          request.getQueryString() == null ? "" : "?" + request.getQueryString(),
          status,
          String.format(Locale.ROOT, "%.1f", ms));
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", java.time.Instant.now().toString());
    line.put("method", request.getMethod());
    line.put("path", request.getRequestURI());
    line.put("query", request.getQueryString());
    line.put("status", status);
    line.put("ms", Math.round(ms * 10) / 10.0);
    line.put("remote", request.getRemoteAddr());
    try {
      accessJson.info(Json.MAPPER.writeValueAsString(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      log.warn("access log: {}", e.toString());
    }
  }

  /** The access log line as one JSON object, written alone on its line (logger {@code access.json}). */
  private static void logRequestAsJson(Context ctx, Float ms) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", java.time.Instant.now().toString());
    line.put("method", ctx.method().name());
    line.put("path", ctx.path());
    line.put("query", ctx.queryString());
    line.put("status", ctx.statusCode());
    line.put("ms", Math.round(ms * 10) / 10.0);
    line.put("remote", ctx.ip());
    try {
      accessJson.info(Json.MAPPER.writeValueAsString(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      log.warn("access log: {}", e.toString());
    }
  }

  /** A parameter Javalin's validator could not convert (only whole numbers are converted so far). */
  private static ApiError invalid(ValidationException e) {
    Map.Entry<String, List<ValidationError<Object>>> first = e.getErrors().entrySet().iterator().next();
    String name = first.getKey();
    ValidationError<Object> error = first.getValue().get(0);
    String detail =
        "TYPE_CONVERSION_FAILED".equals(error.getMessage())
            ? name + " must be a whole number, not '" + error.getValue() + "'"
            : name + ": " + error.getMessage();
    return new ApiError("Invalid " + name, detail);
  }

  private void health(Context ctx) {
    BackendStatus status = backend.status();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("articles", status.articles());
    body.put("backend", status.backend());
    body.put("generation", status.index());
    ctx.json(body);
  }

  private void search(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, backend, settings);
    ctx.json(whileConnected(ctx, () -> backend.search(request)));
  }

  /** Runs a search that the backend abandons if the client hangs up. */
  private static <T> T whileConnected(Context ctx, java.util.function.Supplier<T> search) {
    try (ClientConnection client = ClientConnection.of(ctx)) {
      return RequestCancellation.whileConnected(client, search);
    }
  }

  /** Every facet value with its count over the whole index (or over a query, if one is given). */
  private void facets(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, backend, settings);
    if (ctx.queryParam("facet_limit") == null) {
      request = request.withFacetLimit(SearchRequest.MAX_FACET_LIMIT);
    }
    SearchRequest facetRequest = request;
    SearchResponse response = whileConnected(ctx, () -> backend.facets(facetRequest));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", response.total());
    body.put("facets", response.facets());
    ctx.json(body);
  }

  /**
   * The values of one facet dimension a word of which starts with {@code prefix}, with their counts over the
   * articles the other parameters (q, filters, dates) match: {@code {"name", "label", "prefix", "values": [{value,
   * count, selected}]}}, most articles first; at most {@code size} (default 20, up to 1000).
   */
  private void facetValues(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, backend, settings);
    String prefix = SearchParams.single(ctx, "prefix");
    int size = SearchParams.integer(ctx, "size", settings.facetValuesShown());
    if (size < 1 || size > SearchRequest.MAX_FACET_LIMIT) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + SearchRequest.MAX_FACET_LIMIT);
    }
    SearchRequest counted = request.withPage(1, 0).withFacetLimit(1);
    counted.check(settings, backend.catalog());
    SearchResponse.FacetView view =
        backend.facetValues(counted, ctx.pathParam("dimension"), prefix == null ? "" : prefix, size);
    List<String> selected = request.filters().getOrDefault(view.name(), List.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", view.name());
    body.put("label", view.label());
    body.put("prefix", prefix == null ? "" : prefix);
    body.put(
        "values",
        view.values().stream()
            .map(v -> new SearchResponse.FacetCount(v.value(), v.count(), selected.contains(v.value())))
            .toList());
    ctx.json(body);
  }

  /** Completions of what is typed in the search box: {@code {"q", "suggestions": [...]}} (see {@link Suggestion}). */
  private void suggest(Context ctx) {
    String q = SearchParams.single(ctx, "q");
    int size = SearchParams.integer(ctx, "size", SUGGESTIONS_SHOWN);
    if (size < 1 || size > settings.maxPageSize()) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + settings.maxPageSize());
    }
    if (q != null && q.length() > settings.maxQueryLength()) {
      throw new InvalidRequestException("Query too long", "q may have at most " + settings.maxQueryLength() + " characters");
    }
    List<Suggestion> found = q == null || q.isBlank() ? List.of() : backend.suggest(q, size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("q", q == null ? "" : q);
    body.put("suggestions", found);
    ctx.json(body);
  }

  private void article(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(backend.article(id).orElseThrow(() -> ApiErrors.notFound(id)));
  }

  /** Articles that read like this one: {@code {"id": ..., "similar": [{id, title, source, published, score}]}}. */
  private void similar(Context ctx) {
    String id = ctx.pathParam("id");
    int size = SearchParams.integer(ctx, "size", SIMILAR_SHOWN);
    ctx.json(new Similar(id, backend.similar(id, size).orElseThrow(() -> ApiErrors.notFound(id))));
  }

  record Similar(String id, List<SimilarArticle> similar) {}

  private void addArticles(Context ctx) throws IOException {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    boolean lines = type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl");
    if (!lines && !type.startsWith("application/json")) {
      throw ApiErrors.of(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content type",
          "send articles as application/json (an object or an array) or application/x-ndjson (one per line)");
    }
    List<String> ids = writes().upsert(RequestBodies.utf8(ctx, options.maxBodyBytes()), lines);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("written", ids.size());
    body.put("ids", ids);
    body.put("durable", true);
    ctx.json(body);
  }

  private void deleteArticle(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    if (!writes().delete(id)) {
      throw ApiErrors.notFound(id);
    }
    ctx.json(Map.of("deleted", id, "durable", true));
  }

  private void reindex(Context ctx) throws IOException {
    long articles = writes().reindex();
    ctx.json(Map.of("articles", articles, "generation", backend.status().index()));
  }

  private ArticleWrites writes() {
    if (options.writes() == null) {
      throw ApiErrors.of(HttpStatus.FORBIDDEN, "Writes disabled", "this server serves the index read-only");
    }
    return options.writes();
  }
}
