package newsroom.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import newsroom.backend.BackendStatus;
import newsroom.backend.RebuildRunningException;
import newsroom.config.Catalog;
import newsroom.model.Article;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation of the index that {@link IndexStore} names as current, kept open for searching (and, in a server
 * that takes live writes, for writing). {@link #refresh()} follows a re-index to the new generation; searches
 * running on the old one finish there, and its files are released when the last of them does.
 */
public final class ServedIndex implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ServedIndex.class);

  /** Work done with one searcher of one generation. */
  public interface SearcherWork<T> {
    T run(Generation generation, FacetedSearcher searcher) throws IOException;
  }

  private final IndexStore store;
  private final boolean writable;
  private final Similarity similarity;
  private final AtomicReference<Generation> current = new AtomicReference<>();

  private ServedIndex(IndexStore store, boolean writable, Similarity similarity, Generation first) {
    this.store = store;
    this.writable = writable;
    this.similarity = similarity;
    current.set(first);
  }

  /** The rebuild running now: articles copied so far, of how many; null when none runs. */
  public BackendStatus.Rebuild rebuildProgress() {
    long total = rebuildTotal;
    return writesDuringRebuild == null ? null : new BackendStatus.Rebuild(rebuildCopied, Math.max(total, 0));
  }

  /** Progress of the running rebuild's copy, for {@link #rebuildProgress()}. */
  private volatile long rebuildCopied;
  private volatile long rebuildTotal;

  /** Commits made for live writes since the index was opened (several writes share one when they overlap). */
  public long commits() {
    return current.get().commits.get();
  }

  /** Opens the current generation; {@code writable} also opens its writer for live updates. */
  public static ServedIndex open(IndexStore store, boolean writable) throws IOException {
    return open(store, writable, new BM25Similarity());
  }

  /** As {@link #open(IndexStore, boolean)}, ranking with {@code similarity} in every generation it serves. */
  public static ServedIndex open(IndexStore store, boolean writable, Similarity similarity) throws IOException {
    Path dir =
        switch (store.state()) {
          case IndexStore.State.Served served -> served.generation();
          case IndexStore.State.Empty empty -> throw new IOException("no index in " + store.root() + ": build one first");
          case IndexStore.State.Damaged damaged -> throw new IOException(IndexStore.describe(store.root(), damaged));
        };
    return new ServedIndex(store, writable, similarity, Generation.open(dir, writable, similarity, new AtomicLong()));
  }

  public IndexStore store() {
    return store;
  }

  public Generation generation() {
    return current.get();
  }

  /**
   * Switches to a newly published generation, if there is one, and otherwise refreshes the searchers of the
   * current one. Returns whether it switched.
   */
  public boolean refresh() throws IOException {
    switching.writeLock().lock();
    try {
      return refreshLocked();
    } finally {
      switching.writeLock().unlock();
    }
  }

  private boolean refreshLocked() throws IOException {
    Optional<Path> published = store.current();
    Generation old = current.get();
    if (published.isEmpty() || published.get().equals(old.dir)) {
      if (old.writerFailed()) {
        reopenIfWriterFailed(old); // the write lock is reentrant
        return false;
      }
      old.searchers.maybeRefresh();
      return false;
    }
    Generation next = Generation.open(published.get(), writable, similarity, old.commits);
    current.set(next);
    old.close();
    log.info("switched to index generation {}", next.dir.getFileName());
    return true;
  }

  /** Runs {@code work} with a searcher of the current generation, released afterwards whatever happens. */
  public <T> T withSearcher(SearcherWork<T> work) {
    for (int attempt = 0; ; attempt++) {
      Generation gen = current.get();
      IndexSearcher acquired;
      try {
        acquired = gen.searchers.acquire();
      } catch (AlreadyClosedException e) {
        if (attempt < 3) {
          continue; // a refresh closed this generation between get() and acquire(): take the new one
        }
        throw e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        return work.run(gen, (FacetedSearcher) acquired);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        try {
          gen.searchers.release(acquired);
        } catch (IOException e) {
          log.warn("could not release a searcher: {}", e.getMessage());
        }
      }
    }
  }

  /**
   * Applies live writes to the current generation: durable and visible to searches when this returns.
   * Concurrent writes run together (one commit can cover several of them); switching generations waits for
   * them, so a write never lands in a generation being retired. During a {@link #rebuild} writes are also
   * recorded, to be replayed into the new generation.
   */
  public void write(List<Article> upserts, List<String> deletes) throws IOException {
    Generation before = current.get();
    if (before.writerFailed()) {
      reopenIfWriterFailed(before); // an earlier failure (a full disk) closed the writer: start from its commit
    }
    Generation gen = null;
    boolean failed = true;
    switching.readLock().lock();
    try {
      gen = current.get();
      long seq;
      // Applying and recording happen together, so a replay repeats concurrent writes in the order they took.
      synchronized (applyOrder) {
        seq = gen.apply(upserts, deletes);
        List<Write> recording = writesDuringRebuild;
        if (recording != null) {
          recording.add(new Write(List.copyOf(upserts), List.copyOf(deletes)));
        }
      }
      gen.commitAndAwait(seq);
      failed = false;
    } finally {
      switching.readLock().unlock();
      if (failed && gen != null) {
        reopenIfWriterFailed(gen);
      }
    }
  }

  /**
   * After a write failed: if Lucene closed the generation's writer (a full disk during a flush, say), reopens the
   * generation from its last commit, which holds every acknowledged write, so that reads see fresh searchers and
   * writes work again once there is space. The failed write itself was not acknowledged.
   */
  private void reopenIfWriterFailed(Generation failed) {
    if (!failed.writerFailed()) {
      return;
    }
    switching.writeLock().lock();
    try {
      if (current.get() != failed) {
        return; // someone else already reopened or switched
      }
      Generation reopened = Generation.open(failed.dir, writable, similarity, failed.commits);
      current.set(reopened);
      try {
        failed.close();
      } catch (IOException | RuntimeException e) {
        log.debug("closing the failed writer of {}: {}", failed.dir.getFileName(), e.toString());
      }
      log.warn(
          "the index writer of {} failed ({}); reopened from its last commit, which holds every acknowledged write",
          failed.dir.getFileName(),
          rootMessage(failed));
    } catch (IOException | RuntimeException e) {
      log.warn("could not reopen {} after its writer failed: {}; will retry", failed.dir.getFileName(), e.toString());
    } finally {
      switching.writeLock().unlock();
    }
  }

  private static String rootMessage(Generation gen) {
    return gen.tragedy() == null ? "closed" : gen.tragedy().toString();
  }

  private record Write(List<Article> upserts, List<String> deletes) {}

  private final Object applyOrder = new Object();

  /** Writes hold the read lock, so they run concurrently; a generation switch holds the write lock. */
  private final ReentrantReadWriteLock switching = new ReentrantReadWriteLock();

  /** Non-null while a rebuild copies the index; replayed in order before the switch. */
  private volatile List<Write> writesDuringRebuild;

  /**
   * Rebuilds the served index from its own stored articles into a new generation, passing each through
   * {@code transform} (re-tagging with edited dictionaries, say) under {@code catalog} (edited analysis, say), then
   * switches to it. Searches and live writes go on meanwhile: writes that arrive during the copy are replayed into
   * the new generation before the switch, so none is lost. A failure leaves the served generation as it was.
   */
  public Path rebuild(Catalog catalog, UnaryOperator<Article> transform, double ramBufferMb) throws IOException {
    switching.writeLock().lock();
    try {
      if (writesDuringRebuild != null) {
        throw new RebuildRunningException();
      }
      writesDuringRebuild = new ArrayList<>(); // appended under applyOrder, read under the write lock
    } finally {
      switching.writeLock().unlock();
    }
    try (IndexBuilder builder = new IndexBuilder(store, catalog, ramBufferMb, 2)) {
      // The snapshot is taken after recording started: every write is either in it or in the replay list.
      Generation source = current.get();
      source.searchers.maybeRefreshBlocking();
      long copied =
          withSearcher(
              (gen, searcher) -> {
                long n = 0;
                StoredFields stored = searcher.getIndexReader().storedFields();
                Bits live = MultiBits.getLiveDocs(searcher.getIndexReader());
                rebuildCopied = 0;
                rebuildTotal = searcher.getIndexReader().numDocs();
                for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                  if (live == null || live.get(doc)) {
                    builder.add(transform.apply(gen.documents.fromStored(stored.document(doc))));
                    rebuildCopied = ++n;
                  }
                }
                return n;
              });
      switching.writeLock().lock();
      try {
        for (Write w : writesDuringRebuild) {
          for (Article a : w.upserts()) {
            builder.add(transform.apply(a));
          }
          for (String id : w.deletes()) {
            builder.delete(id);
          }
        }
        if (source.holdsLiveWrites() || !writesDuringRebuild.isEmpty()) {
          builder.holdsLiveWrites();
        }
        log.info("rebuilt {} articles, replayed {} live writes", copied, writesDuringRebuild.size());
        Path published = builder.publishGeneration();
        Generation next = Generation.open(published, writable, similarity, current.get().commits);
        Generation old = current.getAndSet(next);
        old.close();
        log.info("switched to index generation {}", next.dir.getFileName());
        return published;
      } finally {
        switching.writeLock().unlock();
      }
    } finally {
      writesDuringRebuild = null;
    }
  }

  @Override
  public void close() throws IOException {
    switching.writeLock().lock();
    try {
      current.get().close();
    } finally {
      switching.writeLock().unlock();
    }
  }
}
