package newsroom.alerts;

import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import newsroom.config.AlertSettings;
import newsroom.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the webhooks of saved searches: each pending delivery is POSTed as JSON, at most
 * {@code parallel_deliveries} at once, each bounded by {@code webhook_timeout_ms}; a 2xx answer marks it
 * delivered, anything else is retried with a doubling wait until {@code max_attempts}. The requests are
 * asynchronous and this class's one thread only schedules them, so a receiver that hangs or fails holds up
 * neither the writes (which only record matches) nor the other receivers beyond the parallel slots.
 *
 * <p>Each request carries its delivery id in the body and in the {@code X-Newsroom-Delivery} header: a crash
 * after a receiver took a delivery but before the answer was recorded sends it again after the restart, with the
 * same id, for the receiver to drop.
 */
final class WebhookDelivery implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
  /** The longest the scheduler sleeps with nothing due: it also compacts the log now and then. */
  private static final long IDLE_WAIT_MILLIS = 30_000;
  static final String DELIVERY_HEADER = "X-Newsroom-Delivery";

  private final Alerts alerts;
  private final AlertSettings settings;
  private final HttpClient client;
  private final Set<String> underWay = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private final Thread scheduler;
  private volatile boolean closed;
  private boolean woken;

  WebhookDelivery(Alerts alerts, AlertSettings settings) {
    this.alerts = alerts;
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(settings.webhookTimeoutMs()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.scheduler = new Thread(this::run, "webhook-delivery");
    scheduler.setDaemon(true);
  }

  void start() {
    scheduler.start();
  }

  /** Something may be due: a match was recorded or an attempt finished. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (!closed) {
      try {
        for (Alerts.Due due : alerts.due(underWay, settings.parallelDeliveries() - underWay.size())) {
          send(due);
        }
        alerts.compactIfLarge();
        long wait =
            alerts.nextDue(underWay)
                .map(at -> Math.max(1, Duration.between(Instant.now(), at).toMillis()))
                .orElse(IDLE_WAIT_MILLIS);
        synchronized (signal) {
          if (!woken && !closed) {
            signal.wait(Math.min(wait, IDLE_WAIT_MILLIS));
          }
          woken = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("webhook scheduling failed, trying again: {}", e.toString());
        sleepQuietly();
      }
    }
  }

  private void send(Alerts.Due due) {
    String id = due.delivery().id();
    underWay.add(id);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(due.search().webhook()))
              .timeout(Duration.ofMillis(settings.webhookTimeoutMs()))
              .header("Content-Type", "application/json")
              .header(DELIVERY_HEADER, id)
              .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload(due))))
              .build();
    } catch (IllegalArgumentException e) {
      finished(id, "cannot make a request to the webhook: " + e.getMessage());
      return;
    }
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                finished(id, describe(error));
              } else if (response.statusCode() / 100 == 2) {
                finished(id, null);
              } else {
                finished(id, "answered HTTP " + response.statusCode());
              }
            });
  }

  private void finished(String id, String error) {
    try {
      alerts.attempted(id, error);
    } finally {
      underWay.remove(id);
      wake();
    }
  }

  /** What a receiver gets: the delivery id, the saved search, the article. */
  static Map<String, Object> payload(Alerts.Due due) {
    AlertMatch m = due.delivery().match();
    Map<String, Object> article = new LinkedHashMap<>();
    article.put("id", m.articleId());
    article.put("title", m.title());
    article.put("url", m.url());
    article.put("source", m.source());
    article.put("published", m.published());
    article.put("summary", m.summary());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivery_id", m.deliveryId());
    body.put("saved_search", Map.of("id", due.search().id(), "name", due.search().name()));
    body.put("article", article);
    body.put("matched_at", m.matchedAt());
    return body;
  }

  private String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + settings.webhookTimeoutMs() + " ms";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    wake();
    scheduler.interrupt();
    try {
      scheduler.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.shutdownNow();
  }
}
