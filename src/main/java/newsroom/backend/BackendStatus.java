package newsroom.backend;

import java.time.Instant;

/**
 * What a backend serves, for {@code /health} and {@code /metrics}.
 *
 * @param backend which implementation ("lucene", ...)
 * @param index the served generation or collection
 * @param sizeBytes its size on disk; -1 when the backend cannot tell
 * @param publishedAt when it became the served one (its build was published); null when the backend cannot tell
 * @param rebuild the re-index running now, null when none
 */
public record BackendStatus(
    String backend, String index, long articles, long sizeBytes, Instant publishedAt, Rebuild rebuild) {

  /** A re-index under way: articles copied into the new index so far, of how many. */
  public record Rebuild(long copied, long total) {}

  /** A status with the articles alone: size, age and re-index unknown. */
  public BackendStatus(String backend, String index, long articles) {
    this(backend, index, articles, -1, null, null);
  }
}
