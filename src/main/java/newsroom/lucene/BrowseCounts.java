package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.backend.SearchRequest;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.MultiFacets;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.search.MatchAllDocsQuery;

/**
 * The drill-sideways counts of a request without text: browsing by facet and date.
 *
 * <p>Drill-sideways walks the base query's matches and sorts each into hit or near miss. With no text the base
 * query is every article, so a browse of one company walked the whole index for every request. Here each
 * selected dimension's counts come from the articles that match the other selections (their postings, a
 * fraction of the index), and where nothing else is selected from the counts over every article, which are
 * counted once per state of the index ({@link FacetedSearcher#countsOfEverything}). The counts are the same
 * as drill-sideways gives: a dimension's values counted over the articles that match every selection but its own.
 */
final class BrowseCounts {
  private BrowseCounts() {}

  record Counted(Facets facets, long total) {}

  static Counted count(Generation gen, FacetedSearcher searcher, SearchRequest request) throws IOException {
    MatchAllDocsQuery everything = new MatchAllDocsQuery();
    if (selectsNothing(request)) {
      return new Counted(searcher.countsOfEverything(), searcher.getIndexReader().numDocs());
    }
    FacetsCollector hits = searcher.search(RequestQueries.matches(gen, everything, request), new FacetsCollectorManager());
    Facets drillDown = new SortedSetDocValuesFacetCounts(searcher.facetState(), hits);
    Map<String, Facets> sideways = new LinkedHashMap<>();
    for (String dim : selectedDimensions(gen, request)) {
      SearchRequest others = dim.equals(dateDimension(gen)) ? request.withDate() : request.withFilter(dim);
      sideways.put(
          dim,
          selectsNothing(others)
              ? searcher.countsOfEverything()
              : new SortedSetDocValuesFacetCounts(
                  searcher.facetState(),
                  searcher.search(RequestQueries.matches(gen, everything, others), new FacetsCollectorManager())));
    }
    long total = 0;
    for (FacetsCollector.MatchingDocs m : hits.getMatchingDocs()) {
      total += m.totalHits();
    }
    return new Counted(sideways.isEmpty() ? drillDown : new MultiFacets(sideways, drillDown), total);
  }

  private static boolean selectsNothing(SearchRequest request) {
    return request.datePath().isEmpty()
        && request.from() == null
        && request.to() == null
        && request.stories().story() == null
        && request.filters().values().stream().allMatch(List::isEmpty);
  }

  /** The dimensions with a selection, the date's drill-down included. */
  private static List<String> selectedDimensions(Generation gen, SearchRequest request) {
    List<String> dims = new ArrayList<>();
    request.filters().forEach((dim, values) -> {
      if (!values.isEmpty()) {
        dims.add(dim);
      }
    });
    if (!request.datePath().isEmpty()) {
      dims.add(dateDimension(gen));
    }
    return dims;
  }

  private static String dateDimension(Generation gen) {
    return gen.schema.catalog().dateDimension().orElseThrow().name();
  }
}
