package newsroom.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.index.Json;
import newsroom.search.InvalidRequestException;
import newsroom.search.NewsSearcher;
import newsroom.search.SearchRequest;
import newsroom.search.SearchResponse;
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

  private final NewsSearcher searcher;

  private ApiServer(NewsSearcher searcher) {
    this.searcher = searcher;
  }

  /** A configured, not yet started server. */
  public static Javalin create(NewsSearcher searcher) {
    ApiServer api = new ApiServer(searcher);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.staticFiles.add("/public", Location.CLASSPATH);
              config.http.maxRequestSize = 1_000_000;
              config.http.prefer405over404 = true;
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

    app.exception(
        InvalidRequestException.class,
        (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError(e.getMessage(), e.detail())));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
              .json(new ApiError("Internal error", "the server could not answer; the error is in its log"));
        });
    app.error(
        HttpStatus.NOT_FOUND,
        ctx -> {
          // A handler's own 404 (an unknown article id) is already JSON; Javalin's is text: replace that one.
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            ctx.json(new ApiError("Not found", "no such path: " + ctx.path()));
          }
        });
    app.error(
        HttpStatus.METHOD_NOT_ALLOWED,
        ctx -> ctx.json(new ApiError("Method not allowed", ctx.method() + " is not allowed on " + ctx.path())));
    app.error(
        HttpStatus.CONTENT_TOO_LARGE,
        ctx -> ctx.json(new ApiError("Request too large", "the body is larger than the server accepts")));
    return app;
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

  private void article(Context ctx) {
    String id = ctx.pathParam("id");
    searcher
        .article(id)
        .ifPresentOrElse(
            ctx::json,
            () ->
                ctx.status(HttpStatus.NOT_FOUND)
                    .json(new ApiError("Not found", "no article with id '" + id + "'")));
  }

}
