package newsroom.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;

/**
 * A Lucene analysis chain written as data: a tokenizer and token filters named by their Lucene factory names
 * ("standard", "lowercase", "stop", "kStem", ...), so a newsroom can change it in index-config/analysis.json.
 */
public record AnalyzerSpec(Component tokenizer, List<Component> filters) {

  /** A tokenizer or filter by its Lucene SPI name, with the factory's own parameters. */
  public record Component(String name, Map<String, String> params) {
    public Component {
      params = params == null ? Map.of() : Map.copyOf(params);
    }
  }

  public AnalyzerSpec {
    filters = filters == null ? List.of() : List.copyOf(filters);
  }

  public Analyzer build() {
    try {
      CustomAnalyzer.Builder builder =
          CustomAnalyzer.builder().withTokenizer(tokenizer.name(), new HashMap<>(tokenizer.params()));
      for (Component filter : filters) {
        builder.addTokenFilter(filter.name(), new HashMap<>(filter.params()));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad analyzer settings: " + e.getMessage(), e);
    }
  }
}
