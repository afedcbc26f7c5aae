package newsroom.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/openapi.json}: the OpenAPI 3 description of every route, kept beside the code it describes. */
final class OpenApi {
  static final String RESOURCE = "/api/openapi.json";
  private static volatile String document;

  private OpenApi() {}

  static void serve(Context ctx) {
    ctx.contentType("application/json").result(document());
  }

  static String document() {
    if (document == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the jar has no " + RESOURCE);
        }
        document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return document;
  }
}
