package newsroom.lucene;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.config.StorySettings;
import newsroom.model.Article;
import newsroom.stories.Signature;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
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
 * <p>Live writes are committed in groups: a write applied to the writer joins the open group and waits; a
 * committer thread closes the group {@link #GROUP_WINDOW_MILLIS} ms after it opened (or at once, when the
 * previous commit took longer than that), commits (one fsync for the whole group) while it reopens the searchers
 * (one near-real-time reopen), and only when both are done answers every writer of the group. So an acknowledged write is durable and
 * visible, as before, but concurrent writers share the cost instead of queueing for a commit each.
 */
public final class Generation implements Closeable {
  /** How long a group stays open for more writers: small beside a commit (tens to hundreds of ms). */
  static final long GROUP_WINDOW_MILLIS = 5;

  public final Path dir;
  public final LuceneSchema schema;
  public final Analyzer analyzer;
  public final FacetsConfig facetsConfig;
  public final ArticleDocuments documents;
  final SearcherManager searchers;
  private final Directory directory;
  private final IndexWriter writer; // null when read-only
  private final Thread committer; // null when read-only
  private final ExecutorService reopener; // null when read-only
  /** Whether this generation holds articles written live; recorded in its commits once the first one arrives. */
  private volatile boolean liveWrites;

  /** The group writers join; null when nobody waits. Guarded by {@code groups}. */
  private Group open;
  private boolean closed;
  private final Object groups = new Object();
  /** Commits made for live writes: the served index's count, across its generations. */
  final AtomicLong commits;

  /** Writers waiting for the same commit and reopen. */
  private static final class Group {
    final long opened = System.nanoTime();
    final CompletableFuture<Void> done = new CompletableFuture<>();
  }

  private Generation(
      Path dir, Directory directory, LuceneSchema schema, IndexWriter writer, SearcherManager searchers,
      AtomicLong commits) {
    this.dir = dir;
    this.commits = commits;
    this.directory = directory;
    this.schema = schema;
    this.analyzer = schema.analyzer();
    this.facetsConfig = schema.facetsConfig();
    this.documents = new ArticleDocuments(schema);
    this.writer = writer;
    this.searchers = searchers;
    if (writer != null) {
      reopener = Executors.newSingleThreadExecutor(r -> daemon(r, "nrt-reopen-" + dir.getFileName()));
      committer = daemon(this::commitGroups, "group-commit-" + dir.getFileName());
      committer.start();
    } else {
      reopener = null;
      committer = null;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Opens a generation; its searchers rank with {@code similarity} (BM25 with the configured parameters), and
   * {@code writable} also opens its writer, whose commits are counted in {@code commits}.
   */
  static Generation open(Path dir, boolean writable, Similarity similarity, AtomicLong commits) throws IOException {
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
        return new Generation(dir, directory, schema, null, new SearcherManager(directory, factory), commits);
      }
      IndexWriter writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(schema.analyzer())
                  .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                  .setCommitOnClose(true));
      boolean live = IndexStore.holdsLiveWrites(dir);
      writer.setLiveCommitData(commitData(schema, live).entrySet());
      Generation gen = new Generation(dir, directory, schema, writer, new SearcherManager(writer, factory), commits);
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

  /** The size of the generation's files on disk. */
  long sizeBytes() throws IOException {
    long bytes = 0;
    for (String file : directory.listAll()) {
      try {
        bytes += directory.fileLength(file);
      } catch (NoSuchFileException | FileNotFoundException e) {
        // deleted by a merge since it was listed
      }
    }
    return bytes;
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
    List<StoryFields.Story> stories = liveStories(upserts);
    for (int i = 0; i < upserts.size(); i++) {
      Article a = upserts.get(i);
      seq = writer.updateDocument(new Term(ArticleFields.ID, a.id()), documents.toDocument(a, stories.get(i)));
    }
    for (String id : deletes) {
      seq = writer.deleteDocuments(new Term(ArticleFields.ID, id));
    }
    return seq;
  }

  /**
   * The story each article joins ({@link LiveStories}), looked up in what is searchable now and among the articles
   * before it in the same write; none in an index built before stories were grouped.
   */
  private List<StoryFields.Story> liveStories(List<Article> upserts) throws IOException {
    StorySettings settings = schema.catalog().stories();
    List<StoryFields.Story> stories = new ArrayList<>();
    if (settings == null) {
      upserts.forEach(a -> stories.add(null));
      return stories;
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      List<LiveStories.Written> written = new ArrayList<>();
      for (Article a : upserts) {
        Signature signature = Signature.of(a.body(), settings);
        LiveStories.Candidate story = LiveStories.assign(searcher, a, signature, settings, written);
        written.add(new LiveStories.Written(signature, story));
        stories.add(new StoryFields.Story(story.story(), signature));
      }
    } finally {
      searchers.release(searcher);
    }
    return stories;
  }

  /**
   * Waits until the changes applied so far (change {@code seq} among them) are committed, so they survive a
   * crash, and visible to searches. Concurrent callers share one commit and one reopen.
   */
  void commitAndAwait(long seq) throws IOException {
    if (seq < 0) {
      return;
    }
    Group group;
    synchronized (groups) {
      if (closed) {
        throw new IOException("the index generation " + dir.getFileName() + " is closed");
      }
      if (open == null) {
        open = new Group();
        groups.notifyAll();
      }
      group = open;
    }
    try {
      group.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the change to be committed", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("commit failed: " + e.getCause(), e.getCause());
    }
  }

  /** The committer thread: one group at a time, until the generation is closed. */
  private void commitGroups() {
    while (true) {
      Group group;
      synchronized (groups) {
        while (open == null && !closed) {
          try {
            groups.wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (open == null) {
          return; // closed with nobody waiting
        }
        group = open;
      }
      long left = GROUP_WINDOW_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - group.opened);
      if (left > 0) {
        try {
          Thread.sleep(left);
        } catch (InterruptedException e) {
          // closing: commit this group all the same, its writers are waiting
        }
      }
      synchronized (groups) {
        open = null; // later writers wait for the next commit: this one may not include their changes
      }
      try {
        // Every writer of the group applied its change before joining: the commit and the reopen include it.
        // They run side by side (the writer takes its changes to disk once for both): the fsync of the commit,
        // which takes longest, overlaps opening the new searcher.
        Future<?> reopen = reopener.submit(() -> {
          searchers.maybeRefreshBlocking();
          return null;
        });
        writer.commit();
        commits.incrementAndGet();
        reopen.get();
        group.done.complete(null);
      } catch (ExecutionException e) {
        group.done.completeExceptionally(e.getCause());
      } catch (Throwable e) {
        group.done.completeExceptionally(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (committer != null) {
      synchronized (groups) {
        closed = true;
        groups.notifyAll();
      }
      try {
        committer.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reopener.shutdown();
    }
    // Committer first (it uses the writer and the searchers), then searchers, the writer (which commits), files.
    IOUtils.close(searchers, writer, directory);
  }
}
