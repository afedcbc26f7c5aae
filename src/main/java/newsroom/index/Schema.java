package newsroom.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;

/**
 * The one place that names the index's fields and facet dimensions; the indexer and the searcher both use it.
 *
 * <p>{@code profile} names the corpus profile the index was built with, whose dictionaries tag live additions.
 *
 * <p>An index stores its schema in its commit (see {@link #USER_DATA_KEY}), so a searcher opened on it
 * analyzes queries exactly as the documents were analyzed, whatever index-config says today.
 */
public record Schema(String profile, List<FacetDimension> facets, IndexSettings settings) {

  public static final String USER_DATA_KEY = "newsroom.schema";

  // Stored and searched fields.
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final String URL = "url";
  /** Epoch milliseconds: a point for ranges, doc values for sorting, stored for display. */
  public static final String PUBLISHED = "published";

  // Facet dimensions every profile can use; further ones come from the profile's labels.
  public static final String SOURCE = "source";
  public static final String DATE = "date";
  public static final String COMPANY = "company";
  public static final String REGULATOR = "regulator";
  public static final String ACTION = "action";

  /** The full-text fields a plain query searches. */
  public static final List<String> TEXT_FIELDS = List.of(TITLE, BODY);

  public Schema {
    facets = List.copyOf(facets);
  }

  public static Schema of(Profile profile, IndexSettings settings) {
    return new Schema(profile.name(), profile.facets(), settings);
  }

  public Optional<FacetDimension> facet(String name) {
    return facets.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public boolean hasFacet(String name) {
    return facet(name).isPresent();
  }

  /** Facet dimensions whose values come from the article's labels, not from its source or date. */
  public List<FacetDimension> labelFacets() {
    return facets.stream().filter(f -> !f.name().equals(SOURCE) && !f.name().equals(DATE)).toList();
  }

  public FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (FacetDimension f : facets) {
      config.setHierarchical(f.name(), f.hierarchical());
      config.setMultiValued(f.name(), f.multiValued());
    }
    return config;
  }

  /**
   * Title and body go through the configured text chain; facet keyword fields are matched whole but without
   * regard to case ({@code company:kanzhun}); the id is matched exactly.
   */
  public Analyzer analyzer() {
    Map<String, Analyzer> perField = new HashMap<>();
    Analyzer keyword = keywordAnalyzer();
    for (FacetDimension f : facets) {
      if (!f.hierarchical()) {
        perField.put(f.name(), keyword);
      }
    }
    perField.put(ID, new KeywordAnalyzer());
    return new PerFieldAnalyzerWrapper(settings.text().build(), perField);
  }

  private static Analyzer keywordAnalyzer() {
    try {
      return CustomAnalyzer.builder()
          .withTokenizer("keyword")
          .addTokenFilter("lowercase")
          .addTokenFilter("asciiFolding")
          .build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String toJson() {
    return Json.write(this);
  }

  public static Schema fromJson(String json) {
    return Json.read(json, Schema.class);
  }
}
