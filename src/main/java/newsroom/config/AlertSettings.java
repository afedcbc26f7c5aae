package newsroom.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Saved-search alerts, from index-config/alerts.json (every setting has a default; the file may be left out).
 *
 * @param feedEntries how many of the latest matches each saved search keeps (its Atom feed's entries)
 * @param maxSavedSearches the most saved searches the server keeps: each one is tried on every written article
 * @param webhookTimeoutMs a webhook that has not answered after this long counts as a failed attempt
 * @param retryInitialMs the wait before the first retry of a failed delivery; it doubles with each failure...
 * @param retryMaxMs ...up to this
 * @param maxAttempts after this many failed attempts a delivery is given up and shown as failed
 * @param parallelDeliveries how many webhook requests may be under way at once
 */
public record AlertSettings(
    Integer feedEntries,
    Integer maxSavedSearches,
    Integer webhookTimeoutMs,
    Integer retryInitialMs,
    Integer retryMaxMs,
    Integer maxAttempts,
    Integer parallelDeliveries) {

  public static final String FILE = "alerts.json";

  public AlertSettings {
    feedEntries = orDefault(feedEntries, 50);
    maxSavedSearches = orDefault(maxSavedSearches, 1000);
    webhookTimeoutMs = orDefault(webhookTimeoutMs, 10_000);
    retryInitialMs = orDefault(retryInitialMs, 2_000);
    retryMaxMs = orDefault(retryMaxMs, 600_000);
    maxAttempts = orDefault(maxAttempts, 12);
    parallelDeliveries = orDefault(parallelDeliveries, 4);
  }

  public static AlertSettings defaults() {
    return new AlertSettings(null, null, null, null, null, null, null);
  }

  /** alerts.json of the config folder, checked; the defaults when there is none. */
  public static AlertSettings load(Path configDir) {
    Path file = configDir.resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    AlertSettings s = Json.readFile(file, AlertSettings.class);
    SearchSettings.range(file, "feed_entries", s.feedEntries, 1, 10_000);
    SearchSettings.range(file, "max_saved_searches", s.maxSavedSearches, 1, 1_000_000);
    SearchSettings.range(file, "webhook_timeout_ms", s.webhookTimeoutMs, 1, 600_000);
    SearchSettings.range(file, "retry_initial_ms", s.retryInitialMs, 1, 86_400_000);
    SearchSettings.range(file, "retry_max_ms", s.retryMaxMs, s.retryInitialMs, 86_400_000);
    SearchSettings.range(file, "max_attempts", s.maxAttempts, 1, 1000);
    SearchSettings.range(file, "parallel_deliveries", s.parallelDeliveries, 1, 256);
    return s;
  }

  /** The wait before attempt {@code failed + 1}, after {@code failed} failed ones: doubling, capped. */
  public Duration retryDelay(int failed) {
    long delay = retryInitialMs;
    for (int i = 1; i < failed && delay < retryMaxMs; i++) {
      delay *= 2;
    }
    return Duration.ofMillis(Math.min(delay, retryMaxMs));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
