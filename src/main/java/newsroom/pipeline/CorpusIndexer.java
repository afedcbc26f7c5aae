package newsroom.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.enrich.Enricher;
import newsroom.backend.IndexBuild;
import newsroom.model.Article;
import newsroom.ingest.Corpus;
import newsroom.ingest.IngestProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a new index from a corpus: read (one thread, streaming) -> enrich and index (a pool of threads) ->
 * publish. Problems with single files or articles are reported and skipped; if the build itself fails, it is
 * discarded and the index being served stays.
 */
public final class CorpusIndexer {
  private static final Logger log = LoggerFactory.getLogger(CorpusIndexer.class);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  /**
   * What a build did.
   *
   * @param withoutTitle articles indexed that have no title (a newswire's unprocessed copy, a feed item)
   * @param withoutBody articles indexed by their title alone (a newswire brief, a feed item with no text)
   */
  public record Summary(
      String published,
      long indexed,
      long withoutTitle,
      long withoutBody,
      List<IngestProblem> skipped,
      int files,
      Duration elapsed) {
    public double articlesPerSecond() {
      return indexed / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }
  }

  private final Corpus corpus;
  private final Enricher enricher;
  private final int threads;

  public CorpusIndexer(Corpus corpus, Enricher enricher, int threads) {
    this.corpus = corpus;
    this.enricher = enricher;
    this.threads = Math.max(1, threads);
  }

  /** Feeds the corpus into {@code builder} and publishes it; the builder is closed either way. */
  public Summary build(IndexBuild builder) throws IOException {
    long start = System.nanoTime();
    List<IngestProblem> problems = Collections.synchronizedList(new ArrayList<>());
    Progress progress = new Progress(corpus.totalBytes(), start);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // Bounds the articles read ahead of the indexing threads: the corpus is streamed, never held in memory.
    Semaphore inFlight = new Semaphore(threads * 256);
    // An I/O failure of the index itself (disk full, say) fails the whole build: nothing partial is published.
    AtomicReference<IOException> fatal = new AtomicReference<>();
    AtomicLong withoutTitle = new AtomicLong();
    AtomicLong withoutBody = new AtomicLong();
    try (builder) {
      corpus.read(
          article -> {
            inFlight.acquireUninterruptibly();
            progress.articleRead(article, builder.added());
            pool.execute(
                () -> {
                  try {
                    if (fatal.get() == null) {
                      builder.add(enricher.enrich(article));
                      // Readers that cannot do without a part skip the article; these are indexed incomplete.
                      if (isBlank(article.title())) {
                        withoutTitle.incrementAndGet();
                      }
                      if (isBlank(article.body())) {
                        withoutBody.incrementAndGet();
                      }
                    }
                  } catch (IOException e) {
                    fatal.compareAndSet(null, e);
                  } catch (RuntimeException e) {
                    // One article Lucene refuses (an immense term, say) is skipped like an unreadable file.
                    problems.add(new IngestProblem(article.id(), 0, "not indexed: " + e.getMessage()));
                  } finally {
                    inFlight.release();
                  }
                });
          },
          problem -> {
            log.warn("skipped {}", problem);
            problems.add(problem);
          },
          (file, bytes) -> progress.fileDone(file, bytes, builder.added()));
      pool.shutdown();
      awaitQuietly(pool);
      if (fatal.get() != null) {
        throw new IOException("index build failed: " + fatal.get().getMessage(), fatal.get());
      }
      progress.finished(builder.added());
      if (builder.added() == 0) {
        // An empty or wholly unreadable corpus must never replace what is served: that would be data loss.
        throw new IOException(
            "no article could be indexed from " + corpus.files().size() + " corpus file(s) (" + problems.size()
                + " problem(s) logged above): nothing was published, the served index is unchanged");
      }
      String published = builder.publish();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Summary(
          published,
          builder.added(),
          withoutTitle.get(),
          withoutBody.get(),
          List.copyOf(problems),
          corpus.files().size(),
          elapsed);
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static void awaitQuietly(ExecutorService pool) throws IOException {
    try {
      if (!pool.awaitTermination(7, TimeUnit.DAYS)) {
        throw new IOException("indexing threads did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while indexing", e);
    }
  }

  /**
   * Logs a progress line (a bar, articles, rate, share of the corpus read, time left) at most every few seconds.
   * Within a file the share read is estimated from the text of the articles read, so a corpus in one huge JSONL
   * file still shows how far along it is.
   */
  private static final class Progress {
    private static final int BAR = 30;
    private final long totalBytes;
    private final long start;
    private long bytesDone;
    private long estimatedInFile;
    private long lastReport;
    private long articlesRead;
    private Path lastFile;

    Progress(long totalBytes, long start) {
      this.totalBytes = totalBytes;
      this.start = start;
      this.lastReport = start;
    }

    synchronized void articleRead(Article article, long articlesIndexed) {
      // About what the article took in the file: its text plus the fields and markup around it.
      estimatedInFile +=
          article.body().length() + (article.title() == null ? 0 : article.title().length()) + 100;
      if (++articlesRead % 1000 == 0 && System.nanoTime() - lastReport >= PROGRESS_EVERY_NANOS) {
        report(articlesIndexed);
      }
    }

    synchronized void fileDone(Path file, long bytes, long articlesIndexed) {
      lastFile = file;
      bytesDone += bytes;
      estimatedInFile = 0;
      if (System.nanoTime() - lastReport >= PROGRESS_EVERY_NANOS && bytesDone < totalBytes) {
        report(articlesIndexed);
      }
    }

    /**
     * The line at 100%, once the indexing threads are done: only then is every article read also indexed (a
     * line logged when the reader finished would count the articles still in the threads' queue as not indexed).
     */
    synchronized void finished(long articlesIndexed) {
      estimatedInFile = 0;
      report(articlesIndexed);
    }

    private void report(long articles) {
      long now = System.nanoTime();
      lastReport = now;
      double seconds = Math.max((now - start) / 1e9, 1e-9);
      double share = totalBytes == 0 ? 1 : Math.min(1, (double) (bytesDone + estimatedInFile) / totalBytes);
      long etaSeconds = share <= 0 ? 0 : (long) (seconds / share - seconds);
      int filled = (int) Math.round(share * BAR);
      log.info(
          "[{}{}] {}% read, {} articles indexed, {}/s, about {} left (last file done: {})",
          "#".repeat(filled),
          ".".repeat(BAR - filled),
          Math.round(share * 100),
          articles,
          Math.round(articles / seconds),
          Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase(),
          lastFile == null ? "-" : lastFile.getFileName());
    }
  }
}
