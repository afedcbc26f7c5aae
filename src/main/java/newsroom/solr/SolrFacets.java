package newsroom.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import org.apache.solr.common.util.NamedList;

/**
 * The facet counts of a search as JSON facets: one terms facet per dimension, each counted without its own
 * dimension's filter (drill-sideways), and the date hierarchy as a terms facet on the date field one level below
 * the selected path.
 */
final class SolrFacets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OVERREQUEST = 1000;

  private SolrFacets() {}

  /** The {@code json.facet} parameter for a request. */
  static String request(Catalog catalog, SearchRequest request) {
    Map<String, Object> facets = new LinkedHashMap<>();
    for (Dimension dim : catalog.dimensions()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "terms");
      f.put("domain", Map.of("excludeTags", SolrQueries.tag(dim.name())));
      f.put("mincount", 1);
      if (dim.hierarchical()) {
        List<String> path = request.datePath();
        if (path.size() >= 3) {
          continue;
        }
        f.put("field", SolrSchema.dateField(path.size() + 1));
        if (!path.isEmpty()) {
          f.put("prefix", String.join("/", path) + "/");
        }
        f.put("limit", -1);
        f.put("sort", "index asc");
      } else {
        f.put("field", SolrSchema.facetField(dim.name()));
        f.put("limit", request.facetLimit());
        f.put("sort", "count desc");
        // Counts of the values shown are exact (refined on every shard). Which values make the top is exact as
        // long as each shard has fewer than limit + OVERREQUEST values in the matching articles; beyond that a
        // value tied at the cut-off could be missed, as with any distributed top-N.
        f.put("refine", true);
        f.put("overrequest", OVERREQUEST);
        List<String> selected = request.filters().getOrDefault(dim.name(), List.of());
        for (int i = 0; i < selected.size(); i++) {
          facets.put(
              selectedKey(dim, i),
              Map.of(
                  "type", "query",
                  "q", SolrSchema.facetField(dim.name()) + ":" + SolrQueries.quote(selected.get(i)),
                  "domain", Map.of("excludeTags", SolrQueries.tag(dim.name()))));
        }
      }
      facets.put(dim.name(), f);
    }
    return json(facets);
  }

  /** The facet views of a response to {@link #request}. */
  static List<FacetView> views(Catalog catalog, NamedList<Object> facets, SearchRequest request) {
    List<FacetView> views = new ArrayList<>();
    for (Dimension dim : catalog.dimensions()) {
      List<FacetCount> values = new ArrayList<>();
      if (dim.hierarchical()) {
        for (NamedList<Object> b : buckets(facets, dim.name())) {
          String value = String.valueOf(b.get("val"));
          values.add(new FacetCount(value.substring(value.lastIndexOf('/') + 1), count(b), false));
        }
        views.add(new FacetView(dim.name(), dim.label(), true, request.datePath(), values));
      } else {
        List<String> selected = request.filters().getOrDefault(dim.name(), List.of());
        Set<String> shown = new HashSet<>();
        for (NamedList<Object> b : buckets(facets, dim.name())) {
          String value = String.valueOf(b.get("val"));
          values.add(new FacetCount(value, count(b), selected.contains(value)));
          shown.add(value);
        }
        // A selected value stays listed even when it is not among the top values, so it can be unselected.
        for (int i = 0; i < selected.size(); i++) {
          if (shown.add(selected.get(i))) {
            Object f = facets == null ? null : facets.get(selectedKey(dim, i));
            @SuppressWarnings("unchecked")
            long c = f instanceof NamedList<?> nl ? count((NamedList<Object>) nl) : 0;
            values.add(new FacetCount(selected.get(i), c, true));
          }
        }
        views.add(new FacetView(dim.name(), dim.label(), false, List.of(), values));
      }
    }
    return views;
  }

  /** The buckets of the facet {@code name} in a JSON facet response, none if it is absent. */
  @SuppressWarnings("unchecked")
  static List<NamedList<Object>> buckets(NamedList<Object> facets, String name) {
    if (facets == null || !(facets.get(name) instanceof NamedList<?> f)) {
      return List.of();
    }
    Object b = ((NamedList<Object>) f).get("buckets");
    return b instanceof List<?> list ? (List<NamedList<Object>>) list : List.of();
  }

  /** A bucket's (or a query facet's) count. */
  static long count(NamedList<Object> bucket) {
    return bucket.get("count") instanceof Number n ? n.longValue() : 0;
  }

  /** The facets of a response, or null when it has none. */
  @SuppressWarnings("unchecked")
  static NamedList<Object> of(org.apache.solr.client.solrj.response.QueryResponse rsp) {
    return (NamedList<Object>) rsp.getResponse().get("facets");
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String selectedKey(Dimension dim, int i) {
    return "selected__" + dim.name() + "__" + i;
  }
}
