package newsroom.regression;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import newsroom.TestIndexes;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.Hit;
import newsroom.cli.EvalCommand;
import newsroom.config.Json;
import newsroom.eval.Evaluation;
import newsroom.eval.Qrels;
import newsroom.eval.Topics;
import newsroom.pipeline.CorpusIndexer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression specs, one file per corpus under {@code src/test/resources/regressions/}: the corpus, the profile,
 * and the figures an index of it must give (articles, chosen facet counts, totals and first hits of chosen
 * queries). Each spec indexes its corpus the way the CLI does and checks every figure; a change of tagging,
 * analysis or ranking that moves one shows up here with the spec's name. A spec of data outside the repository
 * (the full Reuters collection) is skipped where the data is missing, except in CI.
 */
class RegressionSpecsTest {
  static final Path SPECS = Path.of("src/test/resources/regressions");

  /**
   * @param corpus relative to the repository root
   * @param optional the corpus lives outside the repository and may be missing on a developer's machine
   * @param facets dimension -> value -> articles, over the whole corpus
   * @param queries query text -> what it must find
   */
  record Spec(
      String description,
      String corpus,
      String profile,
      boolean optional,
      long articles,
      long skipped,
      Map<String, Map<String, Long>> facets,
      List<QuerySpec> queries,
      EvalSpec eval) {}

  /**
   * Ranking quality on judged topics, measured as the {@code eval} command measures it (each topic as plain words,
   * first {@code hits} hits): each of {@code expected}'s measures (trec_eval's names: map, P_10, recall_100,
   * ndcg_cut_10) within {@code tolerance}.
   */
  record EvalSpec(String topics, String qrels, int hits, double tolerance, Map<String, Double> expected) {}

  /** @param first the id of the first hit by relevance, when the spec pins it */
  record QuerySpec(String q, long total, String first) {}

  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> everySpecHoldsItsFigures() throws IOException {
    try (Stream<Path> files = Files.list(SPECS)) {
      List<Path> specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertEquals(true, specs.size() >= 4, "specs: " + specs);
      return specs.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }
  }

  private void check(Path file) throws IOException {
    Spec spec = Json.readFile(file, Spec.class);
    Path corpus = Path.of(spec.corpus());
    if (spec.optional() && !"true".equals(System.getenv("CI"))) {
      assumeTrue(Files.exists(corpus), corpus + " is not on this machine");
    }
    Path index = work.resolve(file.getFileName().toString());
    CorpusIndexer.Summary summary = TestIndexes.build(corpus, index, spec.profile());
    assertEquals(spec.articles(), summary.indexed(), "articles indexed");
    assertEquals(spec.skipped(), summary.skipped().size(), "articles skipped: " + summary.skipped());
    try (SearchBackend backend = TestIndexes.open(index, false)) {
      assertEquals(spec.articles(), backend.status().articles(), "articles served");
      SearchResponse all = backend.facets(SearchRequest.of("").withFacetLimit(SearchRequest.MAX_FACET_LIMIT));
      spec.facets().forEach((dim, expected) -> assertEquals(expected, counts(all, dim, expected), "facet " + dim));
      if (spec.eval() != null) {
        checkEval(spec.eval(), backend);
      }
      // Every query is checked and every miss reported at once, so a ranking change shows its whole effect.
      assertAll(
          spec.queries().stream()
              .map(q -> () -> {
                SearchResponse r = backend.search(SearchRequest.of(q.q()));
                String first = r.hits().stream().findFirst().map(Hit::id).orElse(null);
                assertEquals(q.total(), r.total(), "total of q=" + q.q() + " (first hit " + first + ")");
                if (q.first() != null) {
                  assertEquals(q.first(), first, "first hit of q=" + q.q());
                }
              }));
    }
  }

  private static void checkEval(EvalSpec spec, SearchBackend backend) throws IOException {
    Evaluation e =
        EvalCommand.evaluate(
            backend, Topics.read(Path.of(spec.topics())), Qrels.read(Path.of(spec.qrels())), spec.hits(), "regression");
    Map<String, Double> actual =
        Map.of(
            "map", e.mean().map(),
            "P_10", e.mean().precisionAt10(),
            "recall_100", e.mean().recallAt100(),
            "ndcg_cut_10", e.mean().ndcgAt10());
    assertAll(
        spec.expected().entrySet().stream()
            .map(
                x ->
                    () ->
                        assertEquals(
                            x.getValue(),
                            actual.get(x.getKey()),
                            spec.tolerance(),
                            x.getKey() + " (all measures: " + actual + ")")));
  }

  /** The counts of the values the spec names (0 for a value the index lacks), in the spec's order. */
  private static Map<String, Long> counts(SearchResponse r, String dim, Map<String, Long> expected) {
    Map<String, Long> actual =
        r.facets().stream()
            .filter(f -> f.name().equals(dim))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no facet " + dim))
            .values()
            .stream()
            .collect(Collectors.toMap(FacetCount::value, FacetCount::count));
    Map<String, Long> chosen = new LinkedHashMap<>();
    expected.keySet().forEach(v -> chosen.put(v, actual.getOrDefault(v, 0L)));
    return chosen;
  }
}
