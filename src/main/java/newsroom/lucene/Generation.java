package newsroom.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * One opened generation of the index: its searchers, the schema it was built with, and, when the server takes
 * live writes, its writer. It is searched with the analyzer and facet dimensions stored in its own commit.
 *
 * <p>Live writes are near-real-time: a reopen thread refreshes the searchers at most {@link #MAX_STALE_SECONDS}
 * after a change, and a writer that needs read-your-writes waits for its change's generation.
 */
public final class Generation implements Closeable {
  static final double MAX_STALE_SECONDS = 1.0;
  private static final double MIN_STALE_SECONDS = 0.02;

  public final Path dir;
  public final LuceneSchema schema;
  public final Analyzer analyzer;
  public final FacetsConfig facetsConfig;
  public final ArticleDocuments documents;
  final SearcherManager searchers;
  private final Directory directory;
  private final IndexWriter writer; // null when read-only
  private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
  /** Whether this generation holds articles written live; recorded in its commits once the first one arrives. */
  private volatile boolean liveWrites;

  private Generation(Path dir, Directory directory, LuceneSchema schema, IndexWriter writer, SearcherManager searchers) {
    this.dir = dir;
    this.directory = directory;
    this.schema = schema;
    this.analyzer = schema.analyzer();
    this.facetsConfig = schema.facetsConfig();
    this.documents = new ArticleDocuments(schema);
    this.writer = writer;
    this.searchers = searchers;
    if (writer != null) {
      reopener = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
      reopener.setName("nrt-reopen-" + dir.getFileName());
      reopener.setDaemon(true);
      // A writer Lucene closed after an error (a full disk) ends this thread: one line, ServedIndex reopens.
      reopener.setUncaughtExceptionHandler(
          (t, e) -> org.slf4j.LoggerFactory.getLogger(Generation.class).warn("{} stopped: {}", t.getName(), e.toString()));
      reopener.start();
    } else {
      reopener = null;
    }
  }

  static Generation open(Path dir, boolean writable) throws IOException {
    return open(dir, writable, new BM25Similarity());
  }

  /** Opens the generation; its searchers rank with {@code similarity} (BM25 with the configured parameters). */
  static Generation open(Path dir, boolean writable, Similarity similarity) throws IOException {
    Directory directory = FSDirectory.open(dir);
    try {
      LuceneSchema schema = readSchema(directory, dir);
      FacetsConfig config = schema.facetsConfig();
      SearcherFactory factory =
          new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader r, IndexReader previous) throws IOException {
              FacetedSearcher searcher = new FacetedSearcher(r, config);
              searcher.setSimilarity(similarity);
              return searcher;
            }
          };
      if (!writable) {
        return new Generation(dir, directory, schema, null, new SearcherManager(directory, factory));
      }
      IndexWriter writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(schema.analyzer())
                  .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                  .setCommitOnClose(true));
      boolean live = IndexStore.holdsLiveWrites(dir);
      writer.setLiveCommitData(commitData(schema, live).entrySet());
      Generation gen = new Generation(dir, directory, schema, writer, new SearcherManager(writer, factory));
      gen.liveWrites = live;
      return gen;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  private static LuceneSchema readSchema(Directory directory, Path dir) throws IOException {
    List<org.apache.lucene.index.IndexCommit> commits = DirectoryReader.listCommits(directory);
    String json = commits.get(commits.size() - 1).getUserData().get(LuceneSchema.USER_DATA_KEY);
    if (json == null) {
      throw new IOException(dir + " is not a newsroom index (its commit has no schema)");
    }
    return LuceneSchema.fromJson(json);
  }

  private static Map<String, String> commitData(LuceneSchema schema, boolean liveWrites) {
    return liveWrites
        ? Map.of(LuceneSchema.USER_DATA_KEY, schema.toJson(), IndexStore.LIVE_WRITES_KEY, "true")
        : Map.of(LuceneSchema.USER_DATA_KEY, schema.toJson());
  }

  /** Whether this generation holds articles written through the live API (its pruning is guarded). */
  public boolean holdsLiveWrites() {
    return liveWrites;
  }

  /**
   * Whether this generation's writer has failed for good (Lucene closes it after an error such as a full disk
   * during a flush): its last commit is intact, and reopening the generation gives a working writer again.
   */
  boolean writerFailed() {
    return writer != null && (writer.getTragicException() != null || !writer.isOpen());
  }

  /** What closed the writer, if Lucene closed it after an error. */
  Throwable tragedy() {
    return writer == null ? null : writer.getTragicException();
  }

  public boolean writable() {
    return writer != null;
  }

  /**
   * Adds or replaces articles by id and deletes ids, in the writer's memory. Returns the sequence number to pass
   * to {@link #commitAndAwait}; -1 when there was nothing to do.
   */
  long apply(List<Article> upserts, List<String> deletes) throws IOException {
    if (writer == null) {
      throw new IllegalStateException("this generation is open read-only");
    }
    if (!liveWrites) {
      // Marked before the change, so the commit that makes the change durable carries the mark.
      writer.setLiveCommitData(commitData(schema, true).entrySet());
      liveWrites = true;
    }
    long seq = -1;
    for (Article a : upserts) {
      seq = writer.updateDocument(new Term(ArticleFields.ID, a.id()), documents.toDocument(a));
    }
    for (String id : deletes) {
      seq = writer.deleteDocuments(new Term(ArticleFields.ID, id));
    }
    return seq;
  }

  /**
   * Commits (so the change survives a crash) and waits until searches see change {@code seq}. Concurrent callers
   * share commits: one commit covers every change applied before it.
   */
  void commitAndAwait(long seq) throws IOException {
    if (seq < 0) {
      return;
    }
    writer.commit();
    try {
      // In slices: if Lucene closes the writer meanwhile (a merge hit a full disk), the reopen thread is gone and
      // nothing will make the change visible here; the caller reopens the generation from this durable commit.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!reopener.waitForGeneration(seq, 100) && System.nanoTime() < deadline) {
        if (writerFailed()) {
          throw new CommittedNotVisible(dir);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the change to become visible", e);
    }
  }

  /** The change is committed (durable), but the writer failed before searches could see it. */
  static final class CommittedNotVisible extends IOException {
    CommittedNotVisible(Path dir) {
      super("the index writer of " + dir.getFileName() + " failed after the change was committed");
    }
  }

  @Override
  public void close() throws IOException {
    // Reopen thread first (it uses the manager), then searchers, then the writer (which commits), then the files.
    IOUtils.close(reopener, searchers, writer, directory);
  }
}
