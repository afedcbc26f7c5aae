package newsroom.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.index.Json;
import newsroom.search.InvalidRequestException;
import newsroom.search.NewsSearcher;
import newsroom.search.SearchRequest;
import newsroom.search.SearchResponse;
import newsroom.search.SimilarArticle;
import newsroom.search.SortOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the searcher: a JSON API under {@code /api} and the search page at {@code /}. Handlers are
 * plain functions of the request; every error is JSON, and a client's mistake is a 4xx, never a 500.
 */
public final class ApiServer {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final Logger access = LoggerFactory.getLogger("access");
  /** "More like this" articles answered when the request does not say how many. */
  private static final int SIMILAR_SHOWN = 5;

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

  private final NewsSearcher searcher;
  private final Options options;

  private ApiServer(NewsSearcher searcher, Options options) {
    this.searcher = searcher;
    this.options = options;
  }

  /** A configured, not yet started, read-only server. */
  public static Javalin create(NewsSearcher searcher) {
    return create(searcher, Options.readOnly());
  }

  /** A configured, not yet started server. */
  public static Javalin create(NewsSearcher searcher, Options options) {
    ApiServer api = new ApiServer(searcher, options);
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
              config.requestLogger.http(
                  (ctx, ms) ->
                      access.info(
                          "{} {}{} {} {}ms",
                          ctx.method(),
                          ctx.path(),
                          ctx.queryString() == null ? "" : "?" + ctx.queryString(),
                          ctx.statusCode(),
                          String.format("%.1f", ms)));
            });
    app.get("/health", api::health);
    app.get("/api/search", api::search);
    app.get("/api/facets", api::facets);
    app.get("/api/articles/{id}", api::article);
    app.get("/api/articles/{id}/similar", api::similar);
    app.post("/api/articles", api::addArticles);
    app.delete("/api/articles/{id}", api::deleteArticle);
    app.post("/api/admin/reindex", api::reindex);

    app.exception(
        InvalidRequestException.class,
        (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError(e.getMessage(), e.detail())));
    app.exception(
        ApiException.class, (e, ctx) -> ctx.status(e.status).json(new ApiError(e.getMessage(), e.detail)));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> ctx.status(e.getStatus()).json(new ApiError(reason(e.getStatus()), e.getMessage())));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(new ApiError("Internal error", "the server could not answer; the error is in its log"));
        });
    return app;
  }

  /** "Not found", "Method not allowed": the status's reason phrase, worded like the API's own errors. */
  private static String reason(int status) {
    String phrase = HttpStatus.forStatus(status).getMessage();
    return phrase.charAt(0) + phrase.substring(1).toLowerCase(Locale.ROOT);
  }

  private void health(Context ctx) {
    ctx.json(
        Map.of(
            "status", "ok",
            "articles", searcher.size(),
            "generation", searcher.servedGeneration().getFileName().toString()));
  }

  private void search(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, searcher.schema(), searcher.settings());
    ctx.json(searcher.search(request));
  }

  /** Every facet value with its count over the whole index (or over a query, if one is given). */
  private void facets(Context ctx) {
    SearchRequest request = SearchParams.read(ctx, searcher.schema(), searcher.settings());
    SearchRequest all =
        new SearchRequest(
            request.query(),
            request.filters(),
            request.datePath(),
            request.from(),
            request.to(),
            SortOrder.RELEVANCE,
            1,
            0,
            ctx.queryParam("facet_limit") == null ? 1000 : request.facetLimit());
    SearchResponse response = searcher.search(all);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", response.total());
    body.put("facets", response.facets());
    ctx.json(body);
  }

  private void addArticles(Context ctx) throws IOException {
    options.access().check(ctx);
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    boolean lines = type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl");
    if (!lines && !type.startsWith("application/json")) {
      throw new ApiException(
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
    options.access().check(ctx);
    String id = ctx.pathParam("id");
    if (!writes().delete(id)) {
      throw articleNotFound(id);
    }
    ctx.json(Map.of("deleted", id, "durable", true));
  }

  private void reindex(Context ctx) throws IOException {
    options.access().check(ctx);
    long articles = writes().reindex();
    ctx.json(Map.of("articles", articles, "generation", searcher.servedGeneration().getFileName().toString()));
  }

  private ArticleWrites writes() {
    if (options.writes() == null) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Writes disabled", "this server serves the index read-only");
    }
    return options.writes();
  }

  private void article(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(searcher.article(id).orElseThrow(() -> articleNotFound(id)));
  }

  /** Articles that read like this one: {@code {"id": ..., "similar": [{id, title, source, published, score}]}}. */
  private void similar(Context ctx) {
    String id = ctx.pathParam("id");
    int size = SearchParams.integer(ctx, "size", SIMILAR_SHOWN);
    ctx.json(new Similar(id, searcher.similar(id, size).orElseThrow(() -> articleNotFound(id))));
  }

  record Similar(String id, List<SimilarArticle> similar) {}

  private static ApiException articleNotFound(String id) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", "no article with id '" + id + "'");
  }

}
