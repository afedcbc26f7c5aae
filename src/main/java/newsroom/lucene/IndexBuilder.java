package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.backend.IndexBuild;
import newsroom.config.Catalog;
import newsroom.config.StorySettings;
import newsroom.stories.Signature;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole new generation of the index. Safe to call {@link #add} from several threads. Nothing is
 * served until {@link #publish}; closing an unpublished builder deletes its generation.
 */
public final class IndexBuilder implements IndexBuild {
  private static final Logger log = LoggerFactory.getLogger(IndexBuilder.class);

  private final IndexStore store;
  private final LuceneSchema schema;
  private final int keepGenerations;
  private final Path generation;
  private final IndexWriter writer;
  private final ArticleDocuments documents;
  private final AtomicLong added = new AtomicLong();
  private final boolean discardLiveWrites;
  private volatile boolean holdsLiveWrites;
  private boolean published;

  /**
   * A new generation of {@code catalog} in {@code store}.
   *
   * @param keepGenerations how many complete generations to keep after publishing (the served one included)
   */
  public IndexBuilder(IndexStore store, Catalog catalog, double ramBufferMb, int keepGenerations) {
    this(store, catalog, ramBufferMb, keepGenerations, false);
  }

  /**
   * As {@link #IndexBuilder(IndexStore, Catalog, double, int)}; {@code discardLiveWrites} lets pruning delete
   * even the newest generation that holds live-written articles.
   */
  public IndexBuilder(
      IndexStore store, Catalog catalog, double ramBufferMb, int keepGenerations, boolean discardLiveWrites) {
    this.store = store;
    this.discardLiveWrites = discardLiveWrites;
    this.schema = new LuceneSchema(catalog);
    this.keepGenerations = keepGenerations;
    this.generation = store.newGeneration();
    this.documents = new ArticleDocuments(schema);
    try {
      IndexWriterConfig config =
          new IndexWriterConfig(schema.analyzer())
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
              .setRAMBufferSizeMB(ramBufferMb)
              .setCommitOnClose(false);
      this.writer = new IndexWriter(FSDirectory.open(generation), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a new index in " + generation, e);
    }
  }

  @Override
  public void add(Article article) throws IOException {
    // A story of its own for now: once every article is in, publishing groups the copies (StoryGrouping).
    StorySettings stories = schema.catalog().stories();
    StoryFields.Story story =
        stories == null ? null : new StoryFields.Story(article.id(), Signature.of(article.body(), stories));
    writer.updateDocument(new Term(ArticleFields.ID, article.id()), documents.toDocument(article, story));
    added.incrementAndGet();
  }

  @Override
  public void delete(String id) throws IOException {
    writer.deleteDocuments(new Term(ArticleFields.ID, id));
  }

  @Override
  public long added() {
    return added.get();
  }

  /** Records that this generation holds articles written live (a rebuild copying a generation that did). */
  void holdsLiveWrites() {
    holdsLiveWrites = true;
  }

  /**
   * Commits the new generation with its schema and makes it the one served. A build that holds no article is
   * never published: an empty or unreadable corpus must not replace the index being served.
   */
  @Override
  public String publish() throws IOException {
    if (added.get() == 0) {
      throw new IOException("the build holds no article: nothing was published, the served index is unchanged");
    }
    return publishGeneration().getFileName().toString();
  }

  /** As {@link #publish}, returning the generation's folder. */
  Path publishGeneration() throws IOException {
    if (schema.catalog().stories() != null) {
      StoryGrouping.regroup(writer, schema.catalog().stories());
    }
    writer.setLiveCommitData(
        (holdsLiveWrites
                ? Map.of(LuceneSchema.USER_DATA_KEY, schema.toJson(), IndexStore.LIVE_WRITES_KEY, "true")
                : Map.of(LuceneSchema.USER_DATA_KEY, schema.toJson()))
            .entrySet());
    writer.commit();
    writer.close();
    store.publish(generation);
    published = true;
    store.prune(keepGenerations, discardLiveWrites);
    return generation;
  }

  @Override
  public void close() throws IOException {
    if (published) {
      return;
    }
    try {
      writer.rollback();
    } finally {
      IndexStore.deleteTree(generation);
      log.warn("index build abandoned; {} deleted, the served index is unchanged", generation.getFileName());
    }
  }
}
