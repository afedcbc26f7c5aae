package newsroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import newsroom.config.Json;

/**
 * A webhook receiver for tests: a JDK HTTP server that records every POST it gets (delivery id header and JSON
 * body) and answers with the status {@code answer} gives for the n-th request (1-based); a status of 0 makes it
 * hang until it is closed.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request received. */
  public record Received(String deliveryId, JsonNode body) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Object hang = new Object();
  private volatile boolean closed;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on {@code port} (0 for any free one). */
  public static WebhookReceiver start(int port, IntUnaryOperator answer) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    WebhookReceiver receiver = new WebhookReceiver(server);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          JsonNode body = Json.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int n;
          synchronized (receiver) {
            receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("X-Newsroom-Delivery"), body));
            n = receiver.received.size();
            receiver.notifyAll();
          }
          int status = answer.applyAsInt(n);
          if (status == 0) {
            synchronized (receiver.hang) {
              while (!receiver.closed) {
                try {
                  receiver.hang.wait();
                } catch (InterruptedException e) {
                  break;
                }
              }
            }
            status = 503;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The distinct delivery ids received, in the order first seen. */
  public synchronized Set<String> distinctIds() {
    Set<String> ids = new LinkedHashSet<>();
    received.forEach(r -> ids.add(r.deliveryId()));
    return ids;
  }

  /** Waits until at least {@code n} requests came in; false if they did not within the timeout. */
  public synchronized boolean await(int n, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (received.size() < n) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (hang) {
      hang.notifyAll();
    }
    server.stop(0);
  }
}
