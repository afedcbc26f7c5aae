package newsroom.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads request bodies with a size limit that also holds for chunked uploads, which carry no length. */
final class RequestBodies {
  private RequestBodies() {}

  static String utf8(Context ctx, long maxBytes) throws IOException {
    if (ctx.contentLength() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiErrors.of(HttpStatus.BAD_REQUEST, "Invalid body", "the body is not valid UTF-8");
    }
  }

  private static io.javalin.http.HttpResponseException tooLarge(long maxBytes) {
    return ApiErrors.of(
        HttpStatus.CONTENT_TOO_LARGE,
        "Request too large",
        "the body may have at most " + maxBytes + " bytes; send a large bulk in several requests");
  }
}
