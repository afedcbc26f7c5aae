package newsroom.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import newsroom.backend.BackendStatus;
import newsroom.backend.SearchBackend;
import newsroom.metrics.JvmMetrics;
import newsroom.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's metrics and {@code GET /metrics}: HTTP requests by route, method and status (the same for any
 * backend), what the backend serves (from its {@link BackendStatus}), the backend's own timings, and the JVM's.
 */
final class ServiceMetrics {
  private static final Logger log = LoggerFactory.getLogger(ServiceMetrics.class);
  /** The route label of a request no route matched (an unknown path, a static file). */
  static final String NO_ROUTE = "none";

  private final Metrics metrics = new Metrics();
  private final Metrics.Histogram requests;
  private volatile BackendStatus status;

  ServiceMetrics(SearchBackend backend) {
    requests =
        metrics.histogram(
            "newsroom_http_request_duration_seconds",
            "Time to answer HTTP requests, by route, method and status; _count is the number of requests",
            Metrics.LATENCY_BUCKETS,
            "route", "method", "status");
    metrics.beforeScrape(
        () -> {
          try {
            status = backend.status();
          } catch (RuntimeException e) {
            log.warn("metrics: the backend's status could not be read: {}", e.toString());
            status = null;
          }
        });
    gauge("newsroom_index_documents", "Articles in the served index", BackendStatus::articles);
    gauge("newsroom_index_size_bytes", "Size of the served index on disk",
        s -> s.sizeBytes() < 0 ? Double.NaN : s.sizeBytes());
    gauge("newsroom_index_age_seconds", "Seconds since the served index generation was published",
        s -> s.publishedAt() == null ? Double.NaN : Duration.between(s.publishedAt(), Instant.now()).toMillis() / 1000.0);
    gauge("newsroom_reindex_running", "1 while a re-index runs", s -> s.rebuild() == null ? 0 : 1);
    gauge("newsroom_reindex_copied_articles", "Articles the running re-index has copied into the new generation",
        s -> s.rebuild() == null ? 0 : s.rebuild().copied());
    gauge("newsroom_reindex_total_articles", "Articles the running re-index copies in all",
        s -> s.rebuild() == null ? 0 : s.rebuild().total());
    backend.registerMetrics(metrics);
    JvmMetrics.register(metrics);
  }

  private void gauge(String name, String help, ToDoubleFunction<BackendStatus> value) {
    metrics.gauge(name, help).child(() -> status == null ? Double.NaN : value.applyAsDouble(status));
  }

  /** Counts a finished request; called by the request logger, for every request. */
  void record(Context ctx, float millis) {
    requests.observe(millis / 1000.0, route(ctx), ctx.method().name(), String.valueOf(ctx.statusCode()));
  }

  /** The route's pattern ({@code /api/articles/{id}}), so that the label has as many values as there are routes. */
  private static String route(Context ctx) {
    try {
      String path = ctx.endpointHandlerPath();
      return path == null || path.isEmpty() || path.equals("*") ? NO_ROUTE : path;
    } catch (RuntimeException e) {
      return NO_ROUTE;
    }
  }

  void serve(Context ctx) {
    ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
  }
}
