package newsroom.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchRequest;
import newsroom.config.AlertSettings;
import newsroom.config.Json;
import newsroom.model.Article;
import newsroom.pipeline.LiveIngestion;
import newsroom.pipeline.WriteObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved searches and their alerts. The searches are kept in {@code saved-searches.json} (replaced whole,
 * atomically) and registered with the backend's percolator; every live write is matched against them before it
 * is acknowledged, and each match is appended to {@code alerts.log} and forced to disk first: a match the
 * server acknowledged is never lost, whatever kills it afterwards. Webhooks are called by {@link WebhookDelivery}
 * on threads of its own, never on a writer's. The folder lies beside the index generations, so a re-index keeps
 * it. Thread-safe.
 */
public final class Alerts implements WriteObserver, Closeable {
  private static final Logger log = LoggerFactory.getLogger(Alerts.class);
  static final String SEARCHES_FILE = "saved-searches.json";
  static final String LOG_FILE = "alerts.log";
  private static final int MAX_NAME_LENGTH = 200;
  private static final int SUMMARY_CHARS = 300;
  private static final SecureRandom IDS = new SecureRandom();

  private final Path dir;
  private final AlertSettings settings;
  private final SavedSearchMatcher matcher;
  private final Map<String, SavedSearch> searches = new LinkedHashMap<>();
  private final AlertState state;
  private final AlertLog journal;
  private final WebhookDelivery sender;

  private Alerts(Path dir, AlertSettings settings, SavedSearchMatcher matcher) throws IOException {
    this.dir = dir;
    this.settings = settings;
    this.matcher = matcher;
    this.state = new AlertState(settings.feedEntries());
    for (SavedSearch s : readSearches(dir.resolve(SEARCHES_FILE))) {
      searches.put(s.id(), s);
      try {
        matcher.register(s.id(), s.request());
      } catch (InvalidRequestException e) {
        log.warn("saved search {} ('{}') does not compile with this index ({}: {}); it matches nothing", s.id(),
            s.name(), e.getMessage(), e.detail());
      }
    }
    Instant now = Instant.now();
    this.journal = AlertLog.open(dir.resolve(LOG_FILE), event -> replay(event, now));
    journal.rewrite(state.snapshot(now)); // compact what the last run left
    this.sender = new WebhookDelivery(this, settings);
  }

  /** Opens (or creates) the alerts kept in {@code dir}, matching with {@code matcher}, and starts delivering. */
  public static Alerts open(Path dir, AlertSettings settings, SavedSearchMatcher matcher) throws IOException {
    Files.createDirectories(dir);
    Alerts alerts = new Alerts(dir, settings, matcher);
    alerts.sender.start();
    log.info("{} saved searches; {} matches kept in {}", alerts.list().size(), alerts.state.size(), dir);
    return alerts;
  }

  private static List<SavedSearch> readSearches(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Json.MAPPER.readValue(Files.readString(file), new TypeReference<List<SavedSearch>>() {});
    } catch (IOException e) {
      // Never start with the searches silently gone: the file is replaced atomically, so this is outside damage.
      throw new IOException("cannot read the saved searches in " + file + ": " + e.getMessage(), e);
    }
  }

  private void replay(AlertEvent event, Instant now) {
    if (event.type().equals(AlertEvent.MATCH)) {
      SavedSearch search = searches.get(event.match().searchId());
      if (search != null && !state.knows(event.match().deliveryId())) {
        state.add(event.match(), search.webhook() == null ? null : now);
      }
      return;
    }
    state.delivery(event.deliveryId()).ifPresent(d -> state.update(switch (event.type()) {
      case AlertEvent.DELIVERED -> new Delivery(d.match(), Delivery.State.DELIVERED, event.attempts(), now, null);
      case AlertEvent.FAILED -> new Delivery(d.match(), Delivery.State.FAILED, event.attempts(), now, event.error());
      // Retried at once after a restart: the wait was for the receiver, and it has been waited.
      default -> new Delivery(d.match(), Delivery.State.PENDING, event.attempts(), now, event.error());
    }));
  }

  /**
   * Saves a search, refused with the 400 a search with it would get if it does not parse or names an unknown
   * facet, and with a 400 of its own for a missing name or a webhook that is not an http(s) address.
   */
  public SavedSearch create(String name, SearchRequest request, String webhook) throws IOException {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          "Invalid name", "a saved search needs a name of 1 to " + MAX_NAME_LENGTH + " characters, on one line");
    }
    String hook = webhook == null || webhook.isBlank() ? null : webhook.strip();
    if (hook != null && !LiveIngestion.isWebUrl(hook)) {
      throw new InvalidRequestException("Invalid webhook", "webhook must be an http:// or https:// address");
    }
    matcher.check(request);
    synchronized (this) {
      if (searches.size() >= settings.maxSavedSearches()) {
        throw new InvalidRequestException(
            "Too many saved searches", "this server keeps at most " + settings.maxSavedSearches() + "; delete some first");
      }
      SavedSearch saved = SavedSearch.of(newId(), n, request, hook, Instant.now());
      Map<String, SavedSearch> next = new LinkedHashMap<>(searches);
      next.put(saved.id(), saved);
      writeSearches(next); // durable before it is answered or matched
      searches.put(saved.id(), saved);
      matcher.register(saved.id(), saved.request());
      return saved;
    }
  }

  public synchronized List<SavedSearch> list() {
    return List.copyOf(searches.values());
  }

  public synchronized Optional<SavedSearch> get(String id) {
    return Optional.ofNullable(searches.get(id));
  }

  /** Deletes a search with its matches and pending deliveries; false if there was none with that id. */
  public synchronized boolean delete(String id) throws IOException {
    if (!searches.containsKey(id)) {
      return false;
    }
    Map<String, SavedSearch> next = new LinkedHashMap<>(searches);
    next.remove(id);
    writeSearches(next);
    searches.remove(id);
    matcher.unregister(id);
    state.remove(id); // its lines in the log are dropped at the next compaction
    return true;
  }

  private void writeSearches(Map<String, SavedSearch> all) throws IOException {
    DurableFiles.replace(
        dir.resolve(SEARCHES_FILE),
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.copyOf(all.values())));
  }

  /** The search's latest matches, newest first (its feed). */
  public synchronized List<AlertMatch> feed(String id) {
    return state.feed(id);
  }

  /** The deliveries to the search's webhook that are kept (pending ones, and those of its latest matches). */
  public synchronized List<Delivery> deliveries(String id) {
    return state.deliveries(id);
  }

  /**
   * Matches the articles of a live write against every saved search and records each new match durably (one
   * fsync for the whole write) before returning; the webhooks are called later, elsewhere.
   */
  @Override
  public void written(List<Article> articles) throws IOException {
    Map<String, List<String>> matched = matcher.match(articles);
    if (matched.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    synchronized (this) {
      List<AlertMatch> fresh = new ArrayList<>();
      for (Article a : articles) {
        for (String searchId : matched.getOrDefault(a.id(), List.of())) {
          String deliveryId = deliveryId(searchId, a);
          if (searches.containsKey(searchId) && !state.knows(deliveryId)
              && fresh.stream().noneMatch(m -> m.deliveryId().equals(deliveryId))) {
            fresh.add(new AlertMatch(deliveryId, searchId, a.id(), a.title(), a.url(), a.source(), a.published(),
                summary(a.body()), now));
          }
        }
      }
      journal.append(fresh.stream().map(AlertEvent::matched).toList());
      for (AlertMatch m : fresh) {
        state.add(m, searches.get(m.searchId()).webhook() == null ? null : now);
      }
    }
    sender.wake();
  }

  /**
   * The id of a match: the saved search's id and a digest of the article as written (id, text, labels, dates).
   * Writing the same article again gives the same id, so the match is not recorded twice; a changed article
   * that still matches is a new match with a new id.
   */
  static String deliveryId(String searchId, Article article) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(article).getBytes(StandardCharsets.UTF_8));
      return searchId + "-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String summary(String body) {
    String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (text.length() <= SUMMARY_CHARS) {
      return text;
    }
    int cut = text.lastIndexOf(' ', SUMMARY_CHARS);
    return text.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS) + "…";
  }

  private static String newId() {
    byte[] bytes = new byte[8];
    IDS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  // ---- for WebhookDelivery ----

  /** A delivery due now with the search it goes to. */
  record Due(Delivery delivery, SavedSearch search) {}

  synchronized List<Due> due(Set<String> underWay, int max) {
    return state.due(Instant.now(), underWay, max).stream()
        .map(d -> new Due(d, searches.get(d.match().searchId())))
        .filter(d -> d.search() != null)
        .toList();
  }

  synchronized Optional<Instant> nextDue(Set<String> underWay) {
    return state.nextDue(underWay);
  }

  /** Records an attempt: {@code error} null when the receiver answered 2xx, else what went wrong. */
  synchronized void attempted(String deliveryId, String error) {
    Optional<Delivery> found = state.delivery(deliveryId);
    if (found.isEmpty() || found.get().state() != Delivery.State.PENDING) {
      return; // its search was deleted meanwhile
    }
    Delivery d = found.get();
    Instant now = Instant.now();
    Delivery next;
    if (error == null) {
      next = new Delivery(d.match(), Delivery.State.DELIVERED, d.attempts(), now, null);
    } else if (d.attempts() + 1 >= settings.maxAttempts()) {
      next = new Delivery(d.match(), Delivery.State.FAILED, d.attempts() + 1, now, error);
      log.warn("webhook delivery {} given up after {} attempts: {}", deliveryId, next.attempts(), error);
    } else {
      next = new Delivery(d.match(), Delivery.State.PENDING, d.attempts() + 1,
          now.plus(settings.retryDelay(d.attempts() + 1)), error);
    }
    try {
      journal.append(List.of(AlertEvent.of(next, now)));
    } catch (IOException e) {
      // Not recorded: after a restart the delivery is sent again, with the same id (at least once).
      log.warn("cannot record webhook delivery {}: {}", deliveryId, e.getMessage());
    }
    state.update(next);
  }

  /** Rewrites the log to what is kept once it has grown well beyond that (matches leave the feeds). */
  synchronized void compactIfLarge() {
    if (journal.lines() <= 2L * state.size() + 1000) {
      return;
    }
    try {
      journal.rewrite(state.snapshot(Instant.now()));
    } catch (IOException e) {
      log.warn("cannot compact {}: {}", dir.resolve(LOG_FILE), e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    sender.close();
    synchronized (this) {
      journal.close();
    }
  }
}
