package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import newsroom.config.AnalyzerSpec;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.config.Json;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;

/**
 * How a {@link Catalog} is laid out in Lucene: one {@link FacetsConfig} and one analyzer, both derived from the
 * catalog's dimensions and analysis. An index stores its catalog in its commit (see {@link #USER_DATA_KEY}), so
 * a searcher opened on it analyzes queries exactly as the documents were analyzed, whatever index-config says
 * today.
 */
public record LuceneSchema(Catalog catalog) {

  public static final String USER_DATA_KEY = "newsroom.schema";

  public FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (Dimension d : catalog.dimensions()) {
      config.setHierarchical(d.name(), d.hierarchical());
      config.setMultiValued(d.name(), d.multiValued());
    }
    return config;
  }

  /**
   * Title and body go through the configured text chain; dimension keyword fields are matched whole but without
   * regard to case ({@code company:kanzhun}); the id is matched exactly.
   */
  public Analyzer analyzer() {
    Map<String, Analyzer> perField = new HashMap<>();
    Analyzer keyword = keywordAnalyzer();
    perField.put(ArticleFields.SOURCE, keyword);
    for (Dimension d : catalog.dimensions()) {
      if (!d.hierarchical()) {
        perField.put(d.name(), keyword);
      }
    }
    perField.put(ArticleFields.ID, new KeywordAnalyzer());
    return new PerFieldAnalyzerWrapper(textAnalyzer(catalog.analysis().text()), perField);
  }

  static Analyzer textAnalyzer(AnalyzerSpec spec) {
    try {
      CustomAnalyzer.Builder builder =
          CustomAnalyzer.builder().withTokenizer(spec.tokenizer().name(), new HashMap<>(spec.tokenizer().params()));
      for (AnalyzerSpec.Component filter : spec.filters()) {
        builder.addTokenFilter(filter.name(), new HashMap<>(filter.params()));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad analyzer settings in analysis.json: " + e.getMessage(), e);
    }
  }

  private static Analyzer keywordAnalyzer() {
    try {
      return CustomAnalyzer.builder()
          .withTokenizer("keyword")
          .addTokenFilter("lowercase")
          .addTokenFilter("asciiFolding")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String toJson() {
    return Json.write(catalog);
  }

  public static LuceneSchema fromJson(String json) {
    return new LuceneSchema(Json.read(json, Catalog.class));
  }
}
