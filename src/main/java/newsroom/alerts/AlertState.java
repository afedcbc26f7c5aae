package newsroom.alerts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts in memory: each saved search's latest matches (its feed) and the deliveries to webhooks. What is
 * kept is bounded: a match stays while it is among its search's latest {@code feedEntries} or its delivery is
 * still pending. Not thread-safe: {@link Alerts} calls it under its lock.
 */
final class AlertState {
  private final int feedEntries;
  /** Every match kept, by delivery id, oldest first. */
  private final Map<String, AlertMatch> matches = new LinkedHashMap<>();
  /** Per saved search: the delivery ids of its latest matches, newest first. */
  private final Map<String, Deque<String>> feeds = new HashMap<>();
  /** The deliveries of kept matches whose search has a webhook, by delivery id. */
  private final Map<String, Delivery> deliveries = new HashMap<>();

  AlertState(int feedEntries) {
    this.feedEntries = feedEntries;
  }

  /** Whether this match (same search, same version of the article) is already recorded. */
  boolean knows(String deliveryId) {
    return matches.containsKey(deliveryId);
  }

  /** Records a match at the head of its search's feed; {@code due} is when its delivery is due, null for none. */
  void add(AlertMatch match, Instant due) {
    matches.put(match.deliveryId(), match);
    if (due != null) {
      deliveries.put(match.deliveryId(), Delivery.pending(match, due));
    }
    Deque<String> feed = feeds.computeIfAbsent(match.searchId(), id -> new ArrayDeque<>());
    feed.addFirst(match.deliveryId());
    while (feed.size() > feedEntries) {
      forgetUnlessPending(feed.removeLast());
    }
  }

  Optional<Delivery> delivery(String deliveryId) {
    return Optional.ofNullable(deliveries.get(deliveryId));
  }

  /** Replaces a delivery's state; a finished one whose match has left the feed is forgotten. */
  void update(Delivery d) {
    if (!deliveries.containsKey(d.id())) {
      return;
    }
    deliveries.put(d.id(), d);
    Deque<String> feed = feeds.get(d.match().searchId());
    if (d.state() != Delivery.State.PENDING && (feed == null || !feed.contains(d.id()))) {
      matches.remove(d.id());
      deliveries.remove(d.id());
    }
  }

  private void forgetUnlessPending(String deliveryId) {
    Delivery d = deliveries.get(deliveryId);
    if (d == null || d.state() != Delivery.State.PENDING) {
      matches.remove(deliveryId);
      deliveries.remove(deliveryId);
    }
  }

  /** Forgets a deleted search's matches and drops its pending deliveries. */
  void remove(String searchId) {
    feeds.remove(searchId);
    matches.values().removeIf(m -> m.searchId().equals(searchId));
    deliveries.values().removeIf(d -> d.match().searchId().equals(searchId));
  }

  /** The search's latest matches, newest first. */
  List<AlertMatch> feed(String searchId) {
    return feeds.getOrDefault(searchId, new ArrayDeque<>()).stream().map(matches::get).toList();
  }

  /** The search's deliveries that are kept, newest first. */
  List<Delivery> deliveries(String searchId) {
    List<Delivery> found = new ArrayList<>();
    for (Delivery d : deliveries.values()) {
      if (d.match().searchId().equals(searchId)) {
        found.add(d);
      }
    }
    found.sort(Comparator.comparing((Delivery d) -> d.match().matchedAt()).reversed());
    return found;
  }

  /** Pending deliveries due by {@code now} and not under way, earliest first, at most {@code max}. */
  List<Delivery> due(Instant now, Set<String> underWay, int max) {
    return deliveries.values().stream()
        .filter(d -> d.state() == Delivery.State.PENDING && !underWay.contains(d.id()) && !d.nextAttempt().isAfter(now))
        .sorted(Comparator.comparing(Delivery::nextAttempt))
        .limit(Math.max(0, max))
        .toList();
  }

  /** When the next pending delivery not under way is due; empty when none is pending. */
  Optional<Instant> nextDue(Set<String> underWay) {
    return deliveries.values().stream()
        .filter(d -> d.state() == Delivery.State.PENDING && !underWay.contains(d.id()))
        .map(Delivery::nextAttempt)
        .min(Comparator.naturalOrder());
  }

  /** How many matches are kept: the log needs no more lines than a few per match. */
  int size() {
    return matches.size();
  }

  /** The events that rebuild this state when replayed in order: every kept match, then its delivery's state. */
  List<AlertEvent> snapshot(Instant now) {
    List<AlertEvent> events = new ArrayList<>();
    for (AlertMatch m : matches.values()) {
      events.add(AlertEvent.matched(m));
    }
    for (AlertMatch m : matches.values()) {
      Delivery d = deliveries.get(m.deliveryId());
      if (d != null && (d.attempts() > 0 || d.state() != Delivery.State.PENDING)) {
        events.add(AlertEvent.of(d, now));
      }
    }
    return events;
  }
}
