package newsroom.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import newsroom.config.Json;

/** A small HTTP client for tests: JSON answers parsed, everything else kept as text. */
public record HttpTestClient(int port, HttpClient http) {

  public HttpTestClient(int port) {
    this(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** An answer: status, content type, body, and the body parsed when it is JSON. */
  public record Reply(int status, String contentType, String body, JsonNode json) {}

  public Reply get(String pathAndQuery) throws Exception {
    return send(request(pathAndQuery).GET().build());
  }

  public Reply send(String method, String path, String contentType, String body, String token) throws Exception {
    HttpRequest.Builder b =
        request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    String type = r.headers().firstValue("content-type").orElse("");
    JsonNode json = type.startsWith("application/json") ? Json.MAPPER.readTree(r.body()) : null;
    return new Reply(r.statusCode(), type, r.body(), json);
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
  }
}
