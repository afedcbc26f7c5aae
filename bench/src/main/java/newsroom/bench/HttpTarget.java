package newsroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.config.Json;

/**
 * Sends benchmark queries to a running server's {@code /api/search} over HTTP/1.1 keep-alive connections. Only
 * for a server on this machine (loopback): the benchmark never sends load anywhere else.
 */
public final class HttpTarget implements LoadRunner.Target<BenchQuery>, AutoCloseable {
  private final URI base;
  private final String dateParameter;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "http-client");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client;

  /** @param dateParameter the served catalog's date dimension (see {@link BenchQuery#httpQuery}) */
  public HttpTarget(int port, String dateParameter) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.dateParameter = dateParameter;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  @Override
  public LoadRunner.Answer run(BenchQuery query) throws Exception {
    HttpResponse<byte[]> response = send(query);
    if (response.statusCode() != 200) {
      return new LoadRunner.Answer(response.statusCode(), -1, 0);
    }
    JsonNode body = Json.MAPPER.readTree(response.body());
    return new LoadRunner.Answer(200, body.get("total").asLong(), body.get("hits").size());
  }

  /** The server's whole answer to one query of the mix. */
  HttpResponse<byte[]> send(BenchQuery query) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/search?" + query.httpQuery(dateParameter)))
            .timeout(Duration.ofSeconds(60))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }
}
