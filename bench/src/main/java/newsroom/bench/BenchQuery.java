package newsroom.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;

/**
 * One query of the benchmark mix, written independently of any engine so that the same question is put to the
 * searcher, the HTTP API and PostgreSQL: every word of {@code all}, the {@code phrase}, at least one word of
 * {@code any} (when there is no required part, {@code any} alone is a ranked OR), none of {@code none}; then facet
 * filters, a date drill-down and a sort. Each asks for the first page of 10 hits and every facet's counts.
 */
public record BenchQuery(
    String kind,
    List<String> all,
    List<String> any,
    List<String> none,
    String phrase,
    Map<String, List<String>> filters,
    List<String> datePath,
    SortOrder sort) {

  public static final int PAGE_SIZE = 10;
  public static final int FACET_LIMIT = 20;

  public BenchQuery {
    all = List.copyOf(all);
    any = List.copyOf(any);
    none = List.copyOf(none);
    // Insertion order kept, so the same query is always written the same way.
    filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    datePath = List.copyOf(datePath);
  }

  public boolean hasText() {
    return !all.isEmpty() || !any.isEmpty() || phrase != null;
  }

  /** The text part in Lucene classic syntax, as a user would type it. */
  public String luceneQuery() {
    List<String> parts = new ArrayList<>();
    boolean required = !all.isEmpty() || phrase != null;
    all.forEach(w -> parts.add("+" + w));
    if (phrase != null) {
      boolean alone = all.isEmpty() && any.isEmpty() && none.isEmpty();
      parts.add((alone ? "" : "+") + "\"" + phrase + "\"");
    }
    if (!any.isEmpty()) {
      parts.add(required ? "+(" + String.join(" ", any) + ")" : String.join(" ", any));
    }
    none.forEach(w -> parts.add("-" + w));
    return String.join(" ", parts);
  }

  public SearchRequest request() {
    return new SearchRequest(luceneQuery(), filters, datePath, null, null, sort, 1, PAGE_SIZE, FACET_LIMIT);
  }

  /**
   * The same request as {@code /api/search} parameters.
   *
   * @param dateParameter the catalog's date dimension, whose parameter takes the date path
   */
  public String httpQuery(String dateParameter) {
    StringBuilder q = new StringBuilder("q=").append(encode(luceneQuery()));
    filters.forEach((dim, values) -> values.forEach(v -> q.append('&').append(dim).append('=').append(encode(v))));
    if (!datePath.isEmpty()) {
      q.append('&').append(dateParameter).append('=').append(encode(String.join("/", datePath)));
    }
    return q.append("&sort=").append(encode(sort.param()))
        .append("&size=").append(PAGE_SIZE)
        .append("&facet_limit=").append(FACET_LIMIT)
        .toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
