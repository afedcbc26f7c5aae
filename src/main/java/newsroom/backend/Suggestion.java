package newsroom.backend;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One completion of what is being typed in the search box: an article's title (choosing it opens the article) or
 * a facet value such as a company (choosing it selects that value as a filter).
 *
 * @param kind {@code title} or {@code value}
 * @param text the title or the value, as shown
 * @param html {@code text} as HTML, escaped, with the typed words in {@code <mark>}
 * @param id the article, for a title
 * @param dimension the facet dimension, for a value
 * @param count articles with the value, for a value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestion(String kind, String text, String html, String id, String dimension, Long count) {
  public static final String TITLE = "title";
  public static final String VALUE = "value";

  public static Suggestion title(String text, String html, String id) {
    return new Suggestion(TITLE, text, html, id, null, null);
  }

  public static Suggestion value(String dimension, String text, String html, long count) {
    return new Suggestion(VALUE, text, html, null, dimension, count);
  }
}
