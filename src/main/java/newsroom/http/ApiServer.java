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
import newsroom.backend.BackendStatus;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.RebuildRunningException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SimilarArticle;
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
  /** "More like this" articles answered when the request does not say how many. */
  private static final int SIMILAR_SHOWN = 5;

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
  public record Options(ArticleWrites writes, WriteAccess access, long maxBodyBytes) {
    public static Options readOnly() {
      return new Options(null, WriteAccess.disabled(), 1_000_000);
    }
  }

  private final SearchBackend backend;
  private final SearchSettings settings;
  private final Options options;

  private ApiServer(SearchBackend backend, SearchSettings settings, Options options) {
    this.backend = backend;
    this.settings = settings;
    this.options = options;
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
              config.requestLogger.http(ApiServer::logRequest);
            });

    app.get("/health", api::health);
    app.get("/api/search", api::search);
    app.get("/api/facets", api::facets);
    app.get("/api/articles/{id}", api::article);
    app.get("/api/articles/{id}/similar", api::similar);
    app.post("/api/articles", api::addArticles, Role.WRITE);
    app.delete("/api/articles/{id}", api::deleteArticle, Role.WRITE);
    app.post("/api/admin/reindex", api::reindex, Role.WRITE);

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
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(new ApiError("Internal error", "the server could not answer; the error is in its log"));
        });
    return app;
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
    ctx.json(backend.search(SearchParams.read(ctx, backend.catalog(), settings)));
  }

  /** Every facet value with its count over the whole index (or over a query, if one is given). */
  private void facets(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, backend.catalog(), settings);
    if (ctx.queryParam("facet_limit") == null) {
      request = request.withFacetLimit(SearchRequest.MAX_FACET_LIMIT);
    }
    SearchResponse response = backend.facets(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", response.total());
    body.put("facets", response.facets());
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
