package newsroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Query-time settings from index-config/search.json. Unlike analysis they can change without a re-index.
 *
 * @param fieldBoosts weight of a match in each full-text field (a title match counts more than a body match)
 * @param defaultOperator OR (rank by how much matches, as search engines do) or AND (every term must match)
 * @param maxResultWindow how deep paging may go (page * size), as in Elasticsearch
 * @param ranking BM25 parameters and the ranking aids of plain-word queries; missing: plain BM25
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
    int maxQueryLength,
    RankingSettings ranking) {

  public SearchSettings {
    ranking = ranking == null ? RankingSettings.classic() : ranking;
  }

  /** Settings without ranking aids (plain BM25). */
  public SearchSettings(
      Map<String, Float> fieldBoosts,
      String defaultOperator,
      int defaultPageSize,
      int maxPageSize,
      int maxResultWindow,
      int facetValuesShown,
      int snippetPassages,
      int snippetMaxChars,
      int maxQueryLength) {
    this(fieldBoosts, defaultOperator, defaultPageSize, maxPageSize, maxResultWindow, facetValuesShown,
        snippetPassages, snippetMaxChars, maxQueryLength, null);
  }

  public static SearchSettings load(Path configDir) {
    return load(configDir, Map.of());
  }

  /**
   * search.json with some settings replaced, each named by its path in the file ({@code ranking.bm25.k1}): the
   * value is read as JSON ({@code 0.9}, {@code true}, {@code ["company"]}, {@code null}), else taken as text.
   * A path whose objects are missing gets them. The eval command uses this to measure one change at a time.
   */
  public static SearchSettings load(Path configDir, Map<String, String> overrides) {
    Path file = configDir.resolve("search.json");
    if (overrides.isEmpty()) {
      return Json.readFile(file, SearchSettings.class);
    }
    try {
      ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
      overrides.forEach((path, value) -> set(tree, path, value));
      return Json.MAPPER.treeToValue(tree, SearchSettings.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " with " + overrides + ": " + e.getMessage(), e);
    }
  }

  private static void set(ObjectNode tree, String path, String value) {
    String[] keys = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      node = child instanceof ObjectNode o ? o : node.putObject(keys[i]);
    }
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(value);
    } catch (IOException e) {
      parsed = null;
    }
    node.set(keys[keys.length - 1], parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed);
  }
}
