package newsroom.model;

import java.util.List;

/**
 * The fields every article has, by the names the API, the query syntax ({@code title:kanzhun}) and every backend
 * use. Facet dimensions are not here: a profile declares them (see {@code newsroom.config.Catalog}).
 */
public final class ArticleFields {
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final String URL = "url";
  /** The publication instant: ranges, sorting, display. */
  public static final String PUBLISHED = "published";
  /** The outlet; stored whether or not a profile facets by it. */
  public static final String SOURCE = "source";

  /** The full-text fields a plain query searches. */
  public static final List<String> TEXT = List.of(TITLE, BODY);

  private ArticleFields() {}
}
