package newsroom.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may change the corpus: a client sending {@code Authorization: Bearer <token>} with the configured token. No
 * token configured means writes are disabled altogether; reads are always open.
 */
public record WriteAccess(Optional<String> token) {

  public static WriteAccess disabled() {
    return new WriteAccess(Optional.empty());
  }

  public static WriteAccess withToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the write token is empty");
    }
    return new WriteAccess(Optional.of(token.strip()));
  }

  /** Refuses the request (403 when writes are disabled, 401 without the right token), else does nothing. */
  void check(Context ctx) {
    if (token.isEmpty()) {
      throw ApiErrors.of(
          HttpStatus.FORBIDDEN, "Writes disabled", "this server was started without a write token");
    }
    String header = ctx.header("Authorization");
    String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
    // Constant-time comparison: the time taken does not tell how much of a guessed token was right.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw ApiErrors.of(
          HttpStatus.UNAUTHORIZED, "Unauthorized", "send the write token as 'Authorization: Bearer <token>'");
    }
  }
}
