package newsroom.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import newsroom.index.ArticleDocuments;
import newsroom.index.Schema;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * One opened generation of the index: its searchers and the schema it was built with. A generation is searched
 * with the analyzer and facet dimensions stored in its own commit, so a re-index with new settings is consistent.
 */
final class IndexGeneration implements Closeable {

  /** A searcher with the facet ordinal state of its reader, built once per reader rather than per query. */
  static final class FacetedSearcher extends IndexSearcher {
    final SortedSetDocValuesReaderState facetState;

    FacetedSearcher(IndexReader reader, FacetsConfig config) throws IOException {
      super(reader);
      this.facetState = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, config) : null;
    }

    private static boolean hasFacets(IndexReader reader) {
      return reader.leaves().stream()
          .anyMatch(
              leaf -> leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) != null);
    }
  }

  final Path dir;
  final Schema schema;
  final Analyzer analyzer;
  final FacetsConfig facetsConfig;
  final ArticleDocuments documents;
  final SearcherManager searchers;

  private IndexGeneration(Path dir, Schema schema, SearcherManager searchers) {
    this.dir = dir;
    this.schema = schema;
    this.analyzer = schema.analyzer();
    this.facetsConfig = schema.facetsConfig();
    this.documents = new ArticleDocuments(schema);
    this.searchers = searchers;
  }

  static IndexGeneration open(Path dir) throws IOException {
    FSDirectory directory = FSDirectory.open(dir);
    DirectoryReader reader = DirectoryReader.open(directory);
    String schemaJson = reader.getIndexCommit().getUserData().get(Schema.USER_DATA_KEY);
    if (schemaJson == null) {
      reader.close();
      throw new IOException(dir + " is not a newsroom index (its commit has no schema)");
    }
    Schema schema = Schema.fromJson(schemaJson);
    FacetsConfig config = schema.facetsConfig();
    SearcherManager manager =
        new SearcherManager(
            reader,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader r, IndexReader previous) throws IOException {
                return new FacetedSearcher(r, config);
              }
            });
    return new IndexGeneration(dir, schema, manager);
  }

  @Override
  public void close() throws IOException {
    searchers.close();
  }
}
