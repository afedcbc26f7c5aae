package newsroom.lucene;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import newsroom.backend.SearchAbandonedException;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.IndexSearcher;

/**
 * The time one search may take, and whether its client is still there. Lucene's {@link IndexSearcher} asks it
 * while it scores ({@code TimeLimitingBulkScorer}, drill-sideways included); the backend asks it between parsing,
 * rewriting, searching and highlighting, and the highlighter between batches of documents. One search, one
 * thread.
 */
final class SearchDeadline implements QueryTimeout {
  /** The client's connection is looked at no more often than this (and not at all in a search this short). */
  private static final long CLIENT_CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private final long start = System.nanoTime();
  private final long limitNanos;
  private final BooleanSupplier clientGone;
  private long nextClientCheck = start + CLIENT_CHECK_EVERY_NANOS;
  private volatile Boolean gone; // null while running; true when the client left, false when time ran out

  SearchDeadline(long limitMs, BooleanSupplier clientGone) {
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMs);
    this.clientGone = clientGone;
  }

  @Override
  public boolean shouldExit() {
    if (gone != null) {
      return true;
    }
    long now = System.nanoTime();
    boolean late = now - start > limitNanos;
    // The client first: a search nobody waits for is logged as abandoned, not as timed out.
    if (late || now - nextClientCheck >= 0) {
      nextClientCheck = now + CLIENT_CHECK_EVERY_NANOS;
      if (clientGone.getAsBoolean()) {
        gone = true;
        return true;
      }
    }
    if (late) {
      gone = false;
      return true;
    }
    return false;
  }

  /** Whether the search stopped because its client hung up (rather than for time). */
  boolean clientGone() {
    return Boolean.TRUE.equals(gone);
  }

  /** Throws {@link SearchAbandonedException} when the search should stop. */
  void check() {
    if (shouldExit()) {
      throw abandoned();
    }
  }

  SearchAbandonedException abandoned() {
    return new SearchAbandonedException(
        Boolean.TRUE.equals(gone),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        TimeUnit.NANOSECONDS.toMillis(limitNanos));
  }

  /** For code handed only a searcher: stops if the searcher's deadline (if it has one) has passed. */
  static void check(IndexSearcher searcher) {
    if (searcher.getTimeout() instanceof SearchDeadline deadline) {
      deadline.check();
    }
  }
}
