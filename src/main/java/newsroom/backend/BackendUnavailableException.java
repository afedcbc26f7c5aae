package newsroom.backend;

/**
 * The engine behind the seam cannot be reached or cannot answer for now (a search cluster down, say): the
 * service answers 503 and is expected to recover by itself when the engine returns. Never a client's fault.
 */
public final class BackendUnavailableException extends RuntimeException {
  private final String detail;

  public BackendUnavailableException(String detail, Throwable cause) {
    super("Search backend unavailable", cause);
    this.detail = detail;
  }

  public String detail() {
    return detail;
  }
}
