package newsroom.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
public final class IndexBuilder implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(IndexBuilder.class);

  private final IndexStore store;
  private final Schema schema;
  private final Path generation;
  private final IndexWriter writer;
  private final ArticleDocuments documents;
  private final AtomicLong added = new AtomicLong();
  private boolean published;

  public IndexBuilder(IndexStore store, Schema schema, double ramBufferMb) {
    this.store = store;
    this.schema = schema;
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

  /** Adds an article; a later article with the same id replaces it. */
  public void add(Article article) throws IOException {
    writer.updateDocument(new Term(Schema.ID, article.id()), documents.toDocument(article));
    added.incrementAndGet();
  }

  public void delete(String id) throws IOException {
    writer.deleteDocuments(new Term(Schema.ID, id));
  }

  public long added() {
    return added.get();
  }

  /** Commits the new generation with its schema and makes it the one served. Returns its folder. */
  public Path publish(int keepGenerations) throws IOException {
    writer.setLiveCommitData(Map.of(Schema.USER_DATA_KEY, schema.toJson()).entrySet());
    writer.commit();
    writer.close();
    store.publish(generation);
    published = true;
    store.prune(keepGenerations);
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
