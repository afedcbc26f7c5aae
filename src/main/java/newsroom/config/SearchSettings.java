package newsroom.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Query-time settings from index-config/search.json. Unlike analysis they can change without a re-index.
 *
 * @param fieldBoosts weight of a match in each full-text field (a title match counts more than a body match)
 * @param defaultOperator OR (rank by how much matches, as search engines do) or AND (every term must match)
 * @param maxResultWindow how deep paging may go (page * size), as in Elasticsearch
 */
public record SearchSettings(
    Map<String, Float> fieldBoosts,
    String defaultOperator,
    int defaultPageSize,
    int maxPageSize,
    int maxResultWindow,
    int facetValuesShown,
    int snippetPassages,
    int snippetMaxChars,
    int maxQueryLength) {

  public static SearchSettings load(Path configDir) {
    return Json.readFile(configDir.resolve("search.json"), SearchSettings.class);
  }
}
