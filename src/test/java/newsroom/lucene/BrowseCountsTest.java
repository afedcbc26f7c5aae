package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import newsroom.TestIndexes;
import newsroom.backend.ExportRow;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.backend.SortOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browsing without text is counted apart from drill-sideways ({@link BrowseCounts}): its counts must be what
 * drill-sideways means, checked here against a plain count over every article of the Reuters sample, exported
 * with its labels: each dimension counted over the articles matching every selection but its own.
 */
class BrowseCountsTest {
  private static final Path SAMPLE = Path.of("src/test/resources/regressions/reuters-sample");

  @TempDir static Path work;
  private static LuceneBackend backend;
  private static final List<ExportRow> rows = new ArrayList<>();

  @BeforeAll
  static void index() throws Exception {
    TestIndexes.build(SAMPLE, work.resolve("index"), "reuters");
    backend = TestIndexes.open(work.resolve("index"), false);
    backend.export(SearchRequest.of(""), rows::add);
    assertEquals(300, rows.size());
  }

  @Test
  void everySelectionCountsLikeAPlainCountOverTheArticles() {
    String month = busiestMonth();
    List<SearchRequest> requests =
        List.of(
            browse(),
            browse().withFilter("place", "usa"),
            browse().withFilter("place", "usa", "canada"),
            browse().withFilter("topic", "earn").withFilter("place", "usa"),
            browse().withFilter("place", "usa").withDate("1987", month),
            browse().withDate("1987", month),
            browse().withFilter("topic", "acq").withFilter("source", "Reuters").withDate("1987"),
            browse().withFilter("place", "no-such-place"));
    for (SearchRequest request : requests) {
      SearchResponse r = backend.search(request);
      String what = request.filters() + " " + request.datePath();
      assertEquals(rows.stream().filter(row -> matches(row, request, null)).count(), r.total(), what);
      for (FacetView view : r.facets()) {
        assertEquals(expected(request, view), shown(view), what + " " + view.name());
      }
    }
    assertTrue(backend.search(browse().withFilter("place", "usa")).total() > 50, "the sample is mostly about the US");
  }

  private static SearchRequest browse() {
    return SearchRequest.of("").withSort(SortOrder.NEWEST).withFacetLimit(SearchRequest.MAX_FACET_LIMIT);
  }

  /** What the view should list: its values counted over the articles matching every selection but its own. */
  private static Map<String, Long> expected(SearchRequest request, FacetView view) {
    Map<String, Long> counts = new TreeMap<>();
    for (ExportRow row : rows) {
      if (!matches(row, request, view.name())) {
        continue;
      }
      if (view.hierarchical()) {
        List<String> date = datePath(row.published());
        if (date.subList(0, view.path().size()).equals(view.path()) && date.size() > view.path().size()) {
          counts.merge(date.get(view.path().size()), 1L, Long::sum);
        }
      } else {
        for (String value : values(row, view.name())) {
          counts.merge(value, 1L, Long::sum);
        }
      }
    }
    // A selected value is listed even when no article has it.
    request.filters().getOrDefault(view.name(), List.of()).forEach(v -> counts.putIfAbsent(v, 0L));
    return counts;
  }

  private static Map<String, Long> shown(FacetView view) {
    Map<String, Long> shown = new TreeMap<>();
    view.values().forEach(v -> shown.put(v.value(), v.count()));
    return shown;
  }

  /** Whether the article meets every selection of the request, leaving out the one of dimension {@code except}. */
  private static boolean matches(ExportRow row, SearchRequest request, String except) {
    for (Map.Entry<String, List<String>> f : request.filters().entrySet()) {
      if (!f.getKey().equals(except) && !f.getValue().isEmpty()) {
        Predicate<String> selected = f.getValue()::contains;
        if (values(row, f.getKey()).stream().noneMatch(selected)) {
          return false;
        }
      }
    }
    List<String> path = request.datePath();
    if (!path.isEmpty() && !"date".equals(except)) {
      List<String> date = datePath(row.published());
      return date.size() >= path.size() && date.subList(0, path.size()).equals(path);
    }
    return true;
  }

  private static List<String> values(ExportRow row, String dim) {
    if (dim.equals("source")) {
      return row.source() == null ? List.of() : List.of(row.source());
    }
    return row.labels().getOrDefault(dim, List.of());
  }

  private static List<String> datePath(Instant published) {
    if (published == null) {
      return List.of();
    }
    ZonedDateTime t = published.atZone(ZoneOffset.UTC);
    return List.of(
        String.valueOf(t.getYear()), String.format("%02d", t.getMonthValue()), String.format("%02d", t.getDayOfMonth()));
  }

  private static String busiestMonth() {
    Map<String, Long> byMonth = new TreeMap<>();
    rows.forEach(r -> byMonth.merge(datePath(r.published()).get(1), 1L, Long::sum));
    return byMonth.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
