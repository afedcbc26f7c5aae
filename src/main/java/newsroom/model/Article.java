package newsroom.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One news article as the index sees it: the text a reader searches plus the labels it is faceted by.
 *
 * @param labels facet values by dimension name (company, regulator, action, or a corpus's own label lists);
 *     source and date are not labels, they come from {@link #source()} and {@link #published()}.
 * @param published null when the corpus gives no date; such an article has no date facet and sorts last.
 */
public record Article(
    String id,
    String title,
    String body,
    String source,
    String url,
    Instant published,
    Map<String, List<String>> labels) {

  public Article {
    // Insertion order is kept (dimensions as the profile lists them), so JSON output is stable across runs.
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach((dim, values) -> copy.put(dim, List.copyOf(values)));
    }
    labels = Collections.unmodifiableMap(copy);
  }

  /** The same article with more labels; values already present are kept once, in first-seen order. */
  public Article withLabels(Map<String, List<String>> more) {
    Map<String, List<String>> merged = new LinkedHashMap<>(labels);
    more.forEach(
        (dim, values) -> {
          List<String> existing = merged.getOrDefault(dim, List.of());
          merged.put(dim, java.util.stream.Stream.concat(existing.stream(), values.stream()).distinct().toList());
        });
    return new Article(id, title, body, source, url, published, merged);
  }
}
