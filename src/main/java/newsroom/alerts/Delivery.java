package newsroom.alerts;

import java.time.Instant;

/**
 * Where a match stands with its saved search's webhook.
 *
 * @param attempts attempts that failed so far
 * @param nextAttempt when a pending delivery is due
 * @param lastError what the last failed attempt got (a status, a timeout), or null
 */
public record Delivery(AlertMatch match, State state, int attempts, Instant nextAttempt, String lastError) {

  public enum State {
    /** Not yet answered 2xx; retried until it is, or until the attempts run out. */
    PENDING,
    /** Answered 2xx: never sent again. */
    DELIVERED,
    /** Given up after the last attempt allowed. */
    FAILED
  }

  static Delivery pending(AlertMatch match, Instant due) {
    return new Delivery(match, State.PENDING, 0, due, null);
  }

  String id() {
    return match.deliveryId();
  }
}
