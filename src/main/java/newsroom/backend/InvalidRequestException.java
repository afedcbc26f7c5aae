package newsroom.backend;

/** A request the searcher cannot answer because of what the client asked: reported to it, never a server fault. */
public final class InvalidRequestException extends RuntimeException {
  private final String detail;

  public InvalidRequestException(String message, String detail) {
    super(message);
    this.detail = detail;
  }

  public String detail() {
    return detail;
  }
}
