package newsroom.lucene;

import java.io.IOException;
import java.util.concurrent.Executor;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.IndexSearcher;

/**
 * A searcher with the facet ordinal state of its reader. The state is built once per reader (per refresh), not
 * per query; it is null while the index holds no facet values at all.
 */
public final class FacetedSearcher extends IndexSearcher {
  private final SortedSetDocValuesReaderState facetState;
  /** The counts over every article of this reader, shared by the copies made for each search. */
  private final EverythingCounts everything;

  /** Counted at the first request that needs them, once per reader. */
  private static final class EverythingCounts {
    private Facets counts;

    synchronized Facets get(SortedSetDocValuesReaderState state) throws IOException {
      if (counts == null) {
        counts = new SortedSetDocValuesFacetCounts(state);
      }
      return counts;
    }
  }

  FacetedSearcher(IndexReader reader, FacetsConfig config) throws IOException {
    super(reader);
    this.facetState = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, config) : null;
    this.everything = new EverythingCounts();
  }

  /**
   * A searcher of the same reader and facet state for one search, stopped by {@code timeout}, searching its
   * segment slices side by side on {@code executor} (null: on the calling thread).
   */
  private FacetedSearcher(FacetedSearcher shared, QueryTimeout timeout, Executor executor) {
    super(shared.getIndexReader(), executor);
    this.facetState = shared.facetState;
    this.everything = shared.everything;
    setSimilarity(shared.getSimilarity());
    setQueryCache(shared.getQueryCache());
    setQueryCachingPolicy(shared.getQueryCachingPolicy());
    setTimeout(timeout);
  }

  /**
   * This searcher for one search with a time limit (null: none), its segments searched side by side on
   * {@code executor} (null: on the calling thread). A searcher is shared by every concurrent search, and a
   * time-out is set per searcher, so each search gets its own (cheap: same reader, same facet state).
   */
  FacetedSearcher limitedBy(QueryTimeout timeout, Executor executor) {
    return new FacetedSearcher(this, timeout, executor);
  }

  public SortedSetDocValuesReaderState facetState() {
    return facetState;
  }

  /** Every facet value's count over all the articles of this reader (the front page's browse). */
  Facets countsOfEverything() throws IOException {
    return everything.get(facetState);
  }

  private static boolean hasFacets(IndexReader reader) {
    return reader.leaves().stream()
        .anyMatch(leaf -> leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) != null);
  }
}
