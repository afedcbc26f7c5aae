package newsroom.backend;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the client that asked for the work on this thread is still waiting for it. The HTTP layer knows (it
 * watches the connection); a backend asks, between and during the phases of a search, and abandons work nobody
 * will read. Outside a request nobody is ever gone.
 */
public final class RequestCancellation {
  private static final BooleanSupplier NEVER = () -> false;
  private static final ThreadLocal<BooleanSupplier> CLIENT_GONE = new ThreadLocal<>();

  private RequestCancellation() {}

  /** Runs {@code work} on this thread with {@code clientGone} telling whether its client hung up. */
  public static <T> T whileConnected(BooleanSupplier clientGone, Supplier<T> work) {
    BooleanSupplier outer = CLIENT_GONE.get();
    CLIENT_GONE.set(clientGone);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CLIENT_GONE.remove();
      } else {
        CLIENT_GONE.set(outer);
      }
    }
  }

  /** The check of the request running on this thread (never true outside one). */
  public static BooleanSupplier current() {
    BooleanSupplier gone = CLIENT_GONE.get();
    return gone == null ? NEVER : gone;
  }
}
