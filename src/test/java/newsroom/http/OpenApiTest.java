package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newsroom.TestIndexes;
import newsroom.config.Json;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description at /api/openapi.json against the server itself: every route the server answers is
 * described (and nothing else is), and every example is answered as described. An example is named once in a
 * response and under the same name in the operation's parameters, which give the request; the answer must have
 * the response's status and media type, and both it and the example must fit the response's schema.
 */
class OpenApiTest {
  static final Set<HandlerType> HTTP_METHODS =
      Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  @TempDir static Path indexRoot;
  static LuceneBackend backend;
  static Javalin app;
  static HttpTestClient http;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, indexRoot);
    backend = TestIndexes.open(indexRoot, false);
    app = ApiServer.create(backend, TestIndexes.settings()).start(0); // read-only, as the examples expect
    http = new HttpTestClient(app.port());
    HttpTestClient.Reply reply = http.get("/api/openapi.json");
    assertEquals(200, reply.status());
    doc = reply.json();
  }

  @AfterAll
  static void stop() throws Exception {
    app.stop();
    backend.close();
  }

  @Test
  void everyRouteTheServerAnswersIsDescribedAndNothingElse() {
    Set<String> routes = new TreeSet<>();
    app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(e -> {
      if (HTTP_METHODS.contains(e.getEndpoint().getMethod())) {
        routes.add(e.getEndpoint().getMethod().name() + " " + e.getEndpoint().getPath());
      }
    });
    Set<String> described = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
        m -> described.add(m.toUpperCase() + " " + p.getKey())));
    assertEquals(routes, described);
    assertTrue(doc.get("openapi").asText().startsWith("3."));
  }

  @Test
  void everyOperationDescribesItsAnswersAndErrors() {
    forEachOperation((path, method, op) -> {
      assertTrue(op.has("operationId"), path);
      assertTrue(op.has("summary"), path);
      JsonNode responses = op.get("responses");
      assertTrue(responses.fieldNames().hasNext(), path);
      responses.fields().forEachRemaining(r -> {
        assertTrue(r.getValue().has("description"), path + " " + r.getKey());
        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
          assertEquals("#/components/schemas/Error",
              r.getValue().at("/content/application~1json/schema/$ref").asText(), path + " " + r.getKey() + " is the error shape");
        }
      });
    });
  }

  @Test
  void everyExampleIsAnsweredAsDescribed() throws Exception {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    forEachOperation((path, method, op) -> op.get("responses").fields().forEachRemaining(response ->
        response.getValue().path("content").fields().forEachRemaining(media ->
            media.getValue().path("examples").fields().forEachRemaining(example -> {
              String name = example.getKey();
              String where = method.toUpperCase() + " " + path + " example " + name;
              try {
                check(where, path, method, op, name, Integer.parseInt(response.getKey()), media.getKey(),
                    media.getValue().get("schema"), example.getValue().get("value"), failures);
              } catch (Exception e) {
                failures.add(where + ": " + e);
              }
              checked.add(where);
            }))));
    assertTrue(checked.size() >= 20, "examples checked: " + checked);
    assertEquals(List.of(), failures);
  }

  void check(String where, String path, String method, JsonNode op, String name, int status, String mediaType,
      JsonNode schema, JsonNode example, List<String> failures) throws Exception {
    // The example itself fits the schema.
    if (mediaType.equals("application/json") || mediaType.equals("application/x-ndjson")) {
      validate(schema, example, where + " (the example)", failures);
    }
    String uri = requestUri(path, op, name);
    HttpRequest.Builder request = http.request(uri);
    if (method.equals("get")) {
      request.GET();
    } else {
      request.method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
    }
    HttpTestClient.Reply reply = http.send(request.build());
    if (reply.status() != status) {
      failures.add(where + ": " + uri + " answered " + reply.status() + " not " + status + ": " + reply.body());
      return;
    }
    if (!reply.contentType().startsWith(mediaType)) {
      failures.add(where + ": content type " + reply.contentType() + " not " + mediaType);
      return;
    }
    switch (mediaType) {
      case "application/json" -> validate(schema, reply.json(), where + " (the answer)", failures);
      case "application/x-ndjson" -> {
        List<String> lines = reply.body().lines().toList();
        if (lines.isEmpty()) {
          failures.add(where + ": no lines");
        }
        for (String line : lines) {
          validate(schema, Json.MAPPER.readTree(line), where + " (a line)", failures);
        }
      }
      default -> {
        String expectedFirst = example.asText().lines().findFirst().orElse("");
        String actualFirst = reply.body().lines().findFirst().orElse("");
        if (!expectedFirst.equals(actualFirst)) {
          failures.add(where + ": first line '" + actualFirst + "' not '" + expectedFirst + "'");
        }
      }
    }
  }

  /** The path with its parameters' values for this example, and the query parameters that have one. */
  static String requestUri(String path, JsonNode op, String name) {
    String uri = path;
    List<String> query = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      JsonNode value = p.path("examples").path(name).get("value");
      if (value == null) {
        continue;
      }
      String param = p.get("name").asText();
      if (p.get("in").asText().equals("path")) {
        uri = uri.replace("{" + param + "}", URLEncoder.encode(value.asText(), StandardCharsets.UTF_8).replace("+", "%20"));
      } else if (value.isObject()) { // exploded form object: each property is a parameter of its own
        value.fields().forEachRemaining(f -> f.getValue().forEach(v -> query.add(enc(f.getKey()) + "=" + enc(v.asText()))));
      } else if (value.isArray()) {
        value.forEach(v -> query.add(enc(param) + "=" + enc(v.asText())));
      } else {
        query.add(enc(param) + "=" + enc(value.asText()));
      }
    }
    return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- a small JSON Schema (OpenAPI 3.0 subset) checker ----

  static void validate(JsonNode schema, JsonNode value, String where, List<String> failures) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      validate(doc.at(ref.substring(1)), value, where, failures);
      return;
    }
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        failures.add(where + ": null where " + schema + " is not nullable");
      }
      return;
    }
    String type = schema.path("type").asText("");
    boolean fits = switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
    if (!fits) {
      failures.add(where + ": " + value + " is not " + type);
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode e : schema.get("enum")) listed |= e.equals(value);
      if (!listed) failures.add(where + ": " + value + " not in " + schema.get("enum"));
    }
    if (value.isObject()) {
      for (JsonNode r : schema.path("required")) {
        if (!value.has(r.asText())) failures.add(where + ": no " + r.asText() + " in " + value);
      }
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (properties.has(f.getKey())) {
          validate(properties.get(f.getKey()), f.getValue(), where + "." + f.getKey(), failures);
        } else if (schema.has("additionalProperties")) {
          validate(schema.get("additionalProperties"), f.getValue(), where + "." + f.getKey(), failures);
        } else if (properties.size() > 0) {
          failures.add(where + ": " + f.getKey() + " is not described");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode item : value) validate(schema.get("items"), item, where + "[" + i++ + "]", failures);
    }
  }

  interface OperationCheck {
    void check(String path, String method, JsonNode op) throws Exception;
  }

  static void forEachOperation(OperationCheck check) {
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
      try {
        check.check(p.getKey(), m.getKey(), m.getValue());
      } catch (Exception e) {
        throw new AssertionError(p.getKey() + " " + m.getKey(), e);
      }
    }));
  }

  @Test
  void theDocumentIsValidJsonWithUniqueOperationIds() {
    Set<String> ids = new TreeSet<>();
    forEachOperation((path, method, op) -> assertTrue(ids.add(op.get("operationId").asText()), "unique " + path));
    assertFalse(ids.isEmpty());
  }
}
