package newsroom.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of the alert log ({@link AlertLog}): a match recorded, or what became of its delivery. Replaying the
 * lines in order gives the state back after a restart.
 *
 * @param type {@code match}, {@code attempt} (one more failed attempt), {@code delivered} or {@code failed}
 * @param match the match, for {@code match}; null otherwise
 * @param deliveryId the delivery an {@code attempt}, {@code delivered} or {@code failed} is about
 * @param attempts failed attempts so far
 * @param error what the attempt got, for {@code attempt} and {@code failed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlertEvent(String type, AlertMatch match, String deliveryId, Integer attempts, String error, Instant at) {
  static final String MATCH = "match";
  static final String ATTEMPT = "attempt";
  static final String DELIVERED = "delivered";
  static final String FAILED = "failed";

  static AlertEvent matched(AlertMatch match) {
    return new AlertEvent(MATCH, match, null, null, null, match.matchedAt());
  }

  static AlertEvent of(Delivery d, Instant at) {
    String type =
        switch (d.state()) {
          case PENDING -> ATTEMPT;
          case DELIVERED -> DELIVERED;
          case FAILED -> FAILED;
        };
    return new AlertEvent(type, null, d.id(), d.attempts(), d.lastError(), at);
  }
}
