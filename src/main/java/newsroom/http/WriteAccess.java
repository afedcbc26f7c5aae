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
  /** Shorter tokens could be guessed: the server refuses to start with one. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private static final String SCHEME = "bearer";

  public static WriteAccess disabled() {
    return new WriteAccess(Optional.empty());
  }

  public static WriteAccess withToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the write token is empty");
    }
    if (token.strip().length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "the write token has " + token.strip().length() + " characters; it needs at least " + MIN_TOKEN_LENGTH
              + " (make one with: openssl rand -hex 16)");
    }
    return new WriteAccess(Optional.of(token.strip()));
  }

  /** Refuses the request (403 when writes are disabled, 401 without the right token), else does nothing. */
  void check(Context ctx) {
    if (token.isEmpty()) {
      throw ApiErrors.of(
          HttpStatus.FORBIDDEN, "Writes disabled", "this server was started without a write token");
    }
    String presented = presented(ctx.header("Authorization"));
    // Constant-time comparison: the time taken does not tell how much of a guessed token was right.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw ApiErrors.of(
          HttpStatus.UNAUTHORIZED, "Unauthorized", "send the write token as 'Authorization: Bearer <token>'");
    }
  }

  /** The credentials of a Bearer authorization; the scheme name is case-insensitive (RFC 7235, section 2.1). */
  static String presented(String header) {
    if (header == null) {
      return "";
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).equalsIgnoreCase(SCHEME)) {
      return "";
    }
    return h.substring(space + 1).strip();
  }
}
