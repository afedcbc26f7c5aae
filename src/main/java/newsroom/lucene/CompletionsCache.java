package newsroom.lucene;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import newsroom.backend.Suggestion;
import org.apache.lucene.index.DirectoryReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completions of the served index (see {@link Completions}), built on the first request and again when the
 * index has changed: at once for an index of up to {@value #SYNC_DOCS} articles, else in the background while the
 * previous ones answer (building them reads every title, which a large index should not make a typist wait for).
 */
final class CompletionsCache {
  private static final Logger log = LoggerFactory.getLogger(CompletionsCache.class);
  private static final int SYNC_DOCS = 50_000;

  /** Completions of one generation, at one reader version. */
  private record Built(Generation generation, Completions completions) {}

  private final ServedIndex index;
  private volatile Built built;
  private final AtomicBoolean rebuilding = new AtomicBoolean();

  CompletionsCache(ServedIndex index) {
    this.index = index;
  }

  List<Suggestion> lookup(Generation gen, FacetedSearcher searcher, String text, int limit) throws IOException {
    long version = version(searcher);
    Built current = built;
    if (current == null || current.generation() != gen) {
      current = build(gen, searcher, version);
    } else if (current.completions().readerVersion != version) {
      if (searcher.getIndexReader().maxDoc() <= SYNC_DOCS) {
        current = build(gen, searcher, version);
      } else {
        rebuildLater();
      }
    }
    return current.completions().lookup(text, limit);
  }

  private synchronized Built build(Generation gen, FacetedSearcher searcher, long version) throws IOException {
    Built current = built;
    if (current != null && current.generation() == gen && current.completions().readerVersion == version) {
      return current;
    }
    Built fresh = new Built(gen, Completions.build(gen, searcher, version));
    built = fresh;
    return fresh;
  }

  private void rebuildLater() {
    if (!rebuilding.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                index.withSearcher((gen, searcher) -> build(gen, searcher, version(searcher)));
              } catch (RuntimeException e) {
                log.warn("rebuilding completions failed: {}", e.getMessage());
              } finally {
                rebuilding.set(false);
              }
            },
            "completions-rebuild");
    t.setDaemon(true);
    t.start();
  }

  private static long version(FacetedSearcher searcher) {
    return ((DirectoryReader) searcher.getIndexReader()).getVersion();
  }
}
