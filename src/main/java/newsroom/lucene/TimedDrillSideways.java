package newsroom.lucene;

import java.io.IOException;
import newsroom.backend.StoryOptions;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;

/**
 * Drill-sideways that keeps the time spent counting facet values apart from matching and ranking, and with
 * {@code count=stories} counts the first run of each story only ({@link FirstRuns}).
 */
final class TimedDrillSideways extends DrillSideways {
  long countingNanos;
  /** With count=stories, how many stories the matches belong to; else null. */
  Long stories;
  private final boolean countStories;

  TimedDrillSideways(IndexSearcher searcher, FacetsConfig config, SortedSetDocValuesReaderState state, StoryOptions options) {
    super(searcher, config, state);
    this.countStories = options.countStories();
  }

  @Override
  protected Facets buildFacetsResult(
      FacetsCollector drillDowns, FacetsCollector[] drillSideways, String[] drillSidewaysDims) throws IOException {
    long start = System.nanoTime();
    try {
      if (countStories) {
        FirstRuns firstRuns = FirstRuns.of(searcher.getIndexReader(), drillDowns);
        stories = firstRuns.stories;
        drillDowns = firstRuns;
        for (int i = 0; drillSideways != null && i < drillSideways.length; i++) {
          drillSideways[i] = FirstRuns.of(searcher.getIndexReader(), drillSideways[i]);
        }
      }
      return super.buildFacetsResult(drillDowns, drillSideways, drillSidewaysDims);
    } finally {
      countingNanos += System.nanoTime() - start;
    }
  }
}
