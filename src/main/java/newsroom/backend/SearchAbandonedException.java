package newsroom.backend;

/**
 * A search stopped before it finished: it ran past the configured time limit, or its client hung up. Not the
 * client's syntax, not a server fault: the HTTP layer answers a time-out with 503 and a JSON body.
 */
public final class SearchAbandonedException extends RuntimeException {
  private final boolean clientGone;
  private final long elapsedMs;
  private final long limitMs;

  public SearchAbandonedException(boolean clientGone, long elapsedMs, long limitMs) {
    super(
        clientGone
            ? "the client hung up after " + elapsedMs + " ms: search abandoned"
            : "the search ran for " + elapsedMs + " ms, past the limit of " + limitMs + " ms, and was stopped");
    this.clientGone = clientGone;
    this.elapsedMs = elapsedMs;
    this.limitMs = limitMs;
  }

  /** True when the client hung up, false when the time limit was reached. */
  public boolean clientGone() {
    return clientGone;
  }

  public long elapsedMs() {
    return elapsedMs;
  }

  public long limitMs() {
    return limitMs;
  }
}
