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
 * @param maxClauses the most term clauses a query may make, counting each word once per field it searches
 * @param maxExpensiveTerms the most fuzzy, regex, wildcard, prefix and range terms in one query (also once per
 *     field searched): each one walks the term dictionary
 * @param maxExpansions the most index words one wildcard, prefix, regex or range term may match
 * @param maxRegexStates how complex a regular expression may be (Lucene's determinize work limit)
 * @param searchTimeoutMs a search still running after this long is stopped and answered with an error
 * @param speed threads and caches: how fast answers come, never what they are
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
    RankingSettings ranking,
    Integer maxClauses,
    Integer maxExpensiveTerms,
    Integer maxExpansions,
    Integer maxRegexStates,
    Integer searchTimeoutMs,
    SpeedSettings speed) {

  public static final int DEFAULT_MAX_CLAUSES = 1024;
  public static final int DEFAULT_MAX_EXPENSIVE_TERMS = 20;
  public static final int DEFAULT_MAX_EXPANSIONS = 1000;
  public static final int DEFAULT_MAX_REGEX_STATES = 10_000;
  public static final int DEFAULT_SEARCH_TIMEOUT_MS = 500;

  /** Settings a search.json leaves out take their defaults. */
  public SearchSettings {
    ranking = ranking == null ? RankingSettings.classic() : ranking;
    maxClauses = maxClauses == null ? DEFAULT_MAX_CLAUSES : maxClauses;
    maxExpensiveTerms = maxExpensiveTerms == null ? DEFAULT_MAX_EXPENSIVE_TERMS : maxExpensiveTerms;
    maxExpansions = maxExpansions == null ? DEFAULT_MAX_EXPANSIONS : maxExpansions;
    maxRegexStates = maxRegexStates == null ? DEFAULT_MAX_REGEX_STATES : maxRegexStates;
    searchTimeoutMs = searchTimeoutMs == null ? DEFAULT_SEARCH_TIMEOUT_MS : searchTimeoutMs;
    speed = speed == null ? SpeedSettings.defaults() : speed;
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
        snippetPassages, snippetMaxChars, maxQueryLength, null, null, null, null, null, null, null);
  }

  /** These settings with another per-search time limit. */
  public SearchSettings withSearchTimeoutMs(int ms) {
    return new SearchSettings(fieldBoosts, defaultOperator, defaultPageSize, maxPageSize, maxResultWindow,
        facetValuesShown, snippetPassages, snippetMaxChars, maxQueryLength, ranking, maxClauses, maxExpensiveTerms,
        maxExpansions, maxRegexStates, ms, speed);
  }

  /** These settings with other threads and caches. */
  public SearchSettings withSpeed(SpeedSettings newSpeed) {
    return new SearchSettings(fieldBoosts, defaultOperator, defaultPageSize, maxPageSize, maxResultWindow,
        facetValuesShown, snippetPassages, snippetMaxChars, maxQueryLength, ranking, maxClauses, maxExpensiveTerms,
        maxExpansions, maxRegexStates, searchTimeoutMs, newSpeed);
  }

  /** Reads and checks search.json: a value that cannot work is refused with one line naming it. */
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
    SearchSettings settings;
    if (overrides.isEmpty()) {
      try {
        settings = Json.readFile(file, SearchSettings.class);
      } catch (UncheckedIOException e) {
        throw new ConfigException(e.getMessage());
      }
    } else {
      try {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
        overrides.forEach((path, value) -> set(tree, path, value));
        settings = Json.MAPPER.treeToValue(tree, SearchSettings.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " with " + overrides + ": " + e.getMessage(), e);
      }
    }
    if (settings == null) {
      throw new ConfigException(file + " is empty");
    }
    settings.check(file);
    return settings;
  }

  private void check(Path file) {
    if (fieldBoosts == null || fieldBoosts.isEmpty()) {
      throw new ConfigException(file + ": field_boosts must give a weight to title and body");
    }
    fieldBoosts.forEach(
        (field, boost) -> {
          if (boost == null || !(boost > 0) || boost.isInfinite()) {
            throw new ConfigException(file + ": field_boosts." + field + " must be a number above 0, not " + boost);
          }
        });
    if (!"AND".equalsIgnoreCase(defaultOperator) && !"OR".equalsIgnoreCase(defaultOperator)) {
      throw new ConfigException(file + ": default_operator must be \"AND\" or \"OR\", not " + quoted(defaultOperator));
    }
    range(file, "max_page_size", maxPageSize, 1, 10_000);
    range(file, "default_page_size", defaultPageSize, 1, maxPageSize);
    range(file, "max_result_window", maxResultWindow, maxPageSize, 1_000_000);
    range(file, "facet_values_shown", facetValuesShown, 1, 1000);
    range(file, "snippet_passages", snippetPassages, 1, 100);
    range(file, "snippet_max_chars", snippetMaxChars, 1, 10_000_000);
    range(file, "max_query_length", maxQueryLength, 1, 100_000);
    range(file, "max_clauses", maxClauses, 1, 100_000);
    range(file, "max_expensive_terms", maxExpensiveTerms, 0, 10_000);
    range(file, "max_expansions", maxExpansions, 1, 1_000_000);
    range(file, "max_regex_states", maxRegexStates, 1, 1_000_000);
    range(file, "search_timeout_ms", searchTimeoutMs, 1, 3_600_000);
    speed.check(file);
  }

  /** Refuses a setting outside [min, max], naming the file and the setting. */
  static void range(Path file, String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(
          file + ": " + name + " must be between " + min + " and " + max + ", not " + value);
    }
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
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
