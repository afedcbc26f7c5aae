package newsroom.lucene;

import java.io.IOException;
import newsroom.backend.SearchRequest;
import newsroom.backend.StoryOptions;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import org.apache.lucene.search.TotalHits;

/**
 * A page of hits with the exact total and every facet's drill-sideways counts, found in two passes.
 *
 * <p>Counting needs every match, ranking only the page: collecting both in one pass (as
 * {@code DrillSideways.search(query, topN, sort)} does) makes Lucene score every match, so it cannot skip the
 * documents that could never reach the page (block-max WAND for relevance, the date points for newest first).
 * Here the counting pass reads the matches without scoring them, and the ranking pass asks for the page alone
 * and lets Lucene skip. The hits, their scores and order, the total and the counts are the same as one pass gives;
 * a query of common words matching half the index gets much cheaper, a rare one pays a second, small lookup.
 */
/**
 * @param stories with count=stories, how many stories the matches belong to; else null
 */
record CountedPage(TopDocs top, Facets facets, long countingNanos, Long stories) {

  /**
   * @param ranking the searcher of the page (with the search's time limit)
   * @param counting the searcher of the counts: the same, or one without a time limit where the query itself
   *     watches the deadline (drill-sideways scores with a scorer of its own)
   */
  static CountedPage search(
      IndexSearcher ranking,
      IndexSearcher counting,
      FacetsConfig config,
      SortedSetDocValuesReaderState state,
      StoryOptions stories,
      DrillDownQuery drillDown,
      int window,
      Sort sort)
      throws IOException {
    TimedDrillSideways sideways = new TimedDrillSideways(counting, config, state, stories);
    DrillSideways.ConcurrentDrillSidewaysResult<Integer> counted =
        sideways.search(drillDown, new TotalHitCountCollectorManager(counting.getSlices()));
    return ranked(
        ranking, drillDown, window, sort, counted.collectorResult, counted.facets, sideways.countingNanos,
        sideways.stories);
  }

  /** A request without text: counted by {@link BrowseCounts}, which spares drill-sideways' walk of every article. */
  static CountedPage browse(Generation gen, FacetedSearcher searcher, SearchRequest request, DrillDownQuery drillDown,
      int window, Sort sort) throws IOException {
    long start = System.nanoTime();
    BrowseCounts.Counted counted = BrowseCounts.count(gen, searcher, request);
    long counting = System.nanoTime() - start;
    return ranked(searcher, drillDown, window, sort, counted.total(), counted.facets(), counting, null);
  }

  private static CountedPage ranked(
      IndexSearcher ranking, DrillDownQuery drillDown, int window, Sort sort, long total, Facets facets,
      long countingNanos, Long stories) throws IOException {
    TopDocs page;
    if (sort == null) {
      page = ranking.search(drillDown, new TopScoreDocCollectorManager(window, null, window));
    } else {
      page = ranking.search(drillDown, new TopFieldCollectorManager(sort, window, null, window));
      // The sort's second key is the score; the hits show it too.
      TopFieldCollector.populateScores(page.scoreDocs, ranking, drillDown);
    }
    TotalHits exact = new TotalHits(total, TotalHits.Relation.EQUAL_TO);
    return new CountedPage(new TopDocs(exact, page.scoreDocs), facets, countingNanos, stories);
  }
}
