package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;

/** The facet counts of a search as the API shows them, one view per dimension of the catalog, in its order. */
final class FacetViews {
  private FacetViews() {}

  static List<FacetView> of(Catalog catalog, Facets facets, SearchRequest request) throws IOException {
    List<FacetView> views = new ArrayList<>();
    for (Dimension dim : catalog.dimensions()) {
      if (dim.hierarchical()) {
        views.add(hierarchical(dim, facets, request.datePath()));
      } else {
        views.add(flat(dim, facets, request.filters().getOrDefault(dim.name(), List.of()), request.facetLimit()));
      }
    }
    return views;
  }

  private static FacetView flat(Dimension dim, Facets facets, List<String> selected, int limit) throws IOException {
    FacetResult result = facets.getTopChildren(limit, dim.name());
    List<FacetCount> values = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    if (result != null) {
      for (LabelAndValue lv : result.labelValues) {
        values.add(new FacetCount(lv.label, lv.value.longValue(), selected.contains(lv.label)));
        shown.add(lv.label);
      }
    }
    // A selected value stays listed even when it is not among the top values, so it can be unselected.
    for (String value : selected) {
      if (shown.add(value)) {
        long count = Math.max(0, facets.getSpecificValue(dim.name(), value).longValue());
        values.add(new FacetCount(value, count, true));
      }
    }
    return new FacetView(dim.name(), dim.label(), false, List.of(), values);
  }

  /** The children of the selected date path (years, then months, then days), in calendar order. */
  private static FacetView hierarchical(Dimension dim, Facets facets, List<String> path) throws IOException {
    FacetResult result = facets.getAllChildren(dim.name(), path.toArray(String[]::new));
    List<FacetCount> values = new ArrayList<>();
    if (result != null) {
      Arrays.stream(result.labelValues)
          .sorted(Comparator.comparing((LabelAndValue lv) -> lv.label))
          .forEach(lv -> values.add(new FacetCount(lv.label, lv.value.longValue(), false)));
    }
    return new FacetView(dim.name(), dim.label(), true, path, values);
  }
}
