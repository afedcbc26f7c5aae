package newsroom.config;

import java.util.List;
import java.util.Map;

/**
 * A text analysis chain written as data: a tokenizer and token filters named by their Lucene factory names
 * ("standard", "lowercase", "stop", "kStem", ...), so a newsroom can change it in index-config/analysis.json.
 * A backend builds its analyzer from it (embedded Lucene directly; a Solr configset from the same names).
 */
public record AnalyzerSpec(Component tokenizer, List<Component> filters) {

  /** A tokenizer or filter by its factory name, with the factory's own parameters. */
  public record Component(String name, Map<String, String> params) {
    public Component {
      params = params == null ? Map.of() : Map.copyOf(params);
    }
  }

  public AnalyzerSpec {
    filters = filters == null ? List.of() : List.copyOf(filters);
  }
}
