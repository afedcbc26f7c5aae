package newsroom.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.eval.Metrics.MeanMetrics;
import newsroom.eval.Metrics.QueryMetrics;
import org.junit.jupiter.api.Test;

/** The measures on rankings small enough to work out by hand, and on a larger one checked with trec_eval itself. */
class MetricsTest {
  static final double EPS = 1e-12;
  static final double LOG2_3 = Math.log(3) / Math.log(2);

  /*
   * Query A: relevant a1, a3, a5 (3). Ranking a1 a2 a3 a4; a5 is not retrieved.
   *   AP         = (1/1 + 2/3) / 3          = 5/9      (a5 counts as 0, but does count in the divisor)
   *   P@10       = 2 / 10                   = 0.2
   *   recall@100 = 2 / 3
   *   DCG@10     = 1/log2(2) + 1/log2(4)    = 1.5
   *   IDCG@10    = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1.5 + 1/log2(3)
   * Query B: relevant b1 (1). Ranking b2 b1.
   *   AP = 1/2, P@10 = 0.1, recall@100 = 1, nDCG@10 = (1/log2(3)) / 1
   * MAP = (5/9 + 1/2) / 2 = 19/36.
   */
  static final Qrels QRELS =
      Qrels.parse(
          """
          A 0 a1 1
          A 0 a2 0
          A 0 a3 1
          A 0 a5 1
          B 0 b1 1
          """);

  @Test
  void averagePrecisionPrecisionRecallAndNdcgWorkedOutByHand() {
    QueryMetrics a = Metrics.of("A", List.of("a1", "a2", "a3", "a4"), QRELS.judgments("A"));
    assertEquals(4, a.retrieved());
    assertEquals(3, a.relevant());
    assertEquals(2, a.relevantRetrieved());
    assertEquals(5.0 / 9, a.averagePrecision(), EPS);
    assertEquals(0.2, a.precisionAt10(), EPS);
    assertEquals(2.0 / 3, a.recallAt100(), EPS);
    assertEquals(1.5 / (1.5 + 1 / LOG2_3), a.ndcgAt10(), EPS);

    QueryMetrics b = Metrics.of("B", List.of("b2", "b1"), QRELS.judgments("B"));
    assertEquals(0.5, b.averagePrecision(), EPS);
    assertEquals(0.1, b.precisionAt10(), EPS);
    assertEquals(1.0, b.recallAt100(), EPS);
    assertEquals(1 / LOG2_3, b.ndcgAt10(), EPS);

    MeanMetrics mean = Metrics.mean(List.of(a, b));
    assertEquals(2, mean.queries());
    assertEquals(19.0 / 36, mean.map(), EPS);
    assertEquals(0.15, mean.precisionAt10(), EPS);
    assertEquals((2.0 / 3 + 1) / 2, mean.recallAt100(), EPS);
    assertEquals(6, mean.retrieved());
    assertEquals(4, mean.relevant());
    assertEquals(3, mean.relevantRetrieved());
  }

  @Test
  void aPerfectRankingScoresOneAndNothingRetrievedScoresZero() {
    QueryMetrics perfect = Metrics.of("A", List.of("a3", "a1", "a5", "x"), QRELS.judgments("A"));
    assertEquals(1.0, perfect.averagePrecision(), EPS);
    assertEquals(1.0, perfect.ndcgAt10(), EPS);
    assertEquals(1.0, perfect.recallAt100(), EPS);
    assertEquals(0.3, perfect.precisionAt10(), EPS); // 3 relevant can fill only 3 of the 10 places

    QueryMetrics none = Metrics.of("A", List.of(), QRELS.judgments("A"));
    assertEquals(new QueryMetrics("A", 0, 3, 0, 0, 0, 0, 0), none);
  }

  @Test
  void cutoffsCountOnlyTheirRanksWhileAveragePrecisionCountsEveryRank() {
    // 2 relevant, at ranks 11 and 101.
    List<String> ranking = new ArrayList<>();
    for (int i = 1; i <= 101; i++) {
      ranking.add(i == 11 ? "r1" : i == 101 ? "r2" : "n" + i);
    }
    QueryMetrics q = Metrics.of("q", ranking, Map.of("r1", 1, "r2", 1));
    assertEquals((1.0 / 11 + 2.0 / 101) / 2, q.averagePrecision(), EPS);
    assertEquals(0, q.precisionAt10(), EPS);
    assertEquals(0, q.ndcgAt10(), EPS);
    assertEquals(0.5, q.recallAt100(), EPS); // r1 is in the first 100, r2 is not
    assertEquals(2, q.relevantRetrieved());
  }

  @Test
  void gradedJudgmentsAreGainsForNdcgAndRelevantAtOneOrMoreForTheRest() {
    // g2 judged 2, g1 judged 1, z judged 0, u judged -1 (trec_eval's "unjudged"). Ranking g1 g2.
    //   DCG  = 1/log2(2) + 2/log2(3);  IDCG = 2/log2(2) + 1/log2(3)  (the ideal puts g2 first)
    Map<String, Integer> judgments = Map.of("g2", 2, "g1", 1, "z", 0, "u", -1);
    QueryMetrics q = Metrics.of("q", List.of("g1", "g2", "z", "u"), judgments);
    assertEquals((1 + 2 / LOG2_3) / (2 + 1 / LOG2_3), q.ndcgAt10(), EPS);
    assertEquals(2, q.relevant());
    assertEquals(1.0, q.averagePrecision(), EPS);
    assertEquals(0.2, q.precisionAt10(), EPS);
  }

  @Test
  void judgedQueriesMissingFromTheRunCountAsZeroAndUnjudgedQueriesAreIgnored() {
    Qrels qrels = Qrels.parse("A 0 a1 1\nB 0 b1 1\nC 0 c1 0\n");
    Run run = new Run("t", Map.of("A", List.of("a1"), "Z", List.of("a1")));
    List<QueryMetrics> all = Metrics.perQuery(run, qrels);
    assertEquals(List.of("A", "B", "C"), all.stream().map(QueryMetrics::query).toList());
    assertEquals(new QueryMetrics("B", 0, 1, 0, 0, 0, 0, 0), all.get(1));
    // C has judgments but no relevant document: it still counts, with 0, as in trec_eval.
    assertEquals(new QueryMetrics("C", 0, 0, 0, 0, 0, 0, 0), all.get(2));
    assertEquals(1.0 / 3, Metrics.mean(all).map(), EPS);
  }

  @Test
  void aDocumentRankedTwiceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Metrics.of("A", List.of("a1", "a1"), QRELS.judgments("A")));
  }

  @Test
  void queriesComeInTrecEvalsByteOrder() {
    Qrels qrels = Qrels.parse("2 0 d 1\n10 0 d 1\n1 0 d 1\n");
    List<QueryMetrics> all = Metrics.perQuery(new Run("t", Map.of()), qrels);
    assertEquals(List.of("1", "10", "2"), all.stream().map(QueryMetrics::query).toList());
  }

  /**
   * {@link SyntheticRun}'s files, tied scores, graded judgments, missing and unjudged queries and all, evaluated
   * here and by trec_eval 10.0 built from its source:
   *
   * <pre>
   * trec_eval -q -c -m num_q -m num_ret -m num_rel -m num_rel_ret -m map -m P.10 -m recall.100 -m ndcg_cut.10 \
   *     synthetic.qrels synthetic.run
   * </pre>
   *
   * whose output, a query to a line (num_ret num_rel num_rel_ret map P_10 recall_100 ndcg_cut_10), was:
   */
  static final String TREC_EVAL_PER_QUERY =
      """
      1 150 54 43 0.2731 0.6000 0.5741 0.2967
      10 60 60 11 0.0354 0.0000 0.1833 0.0000
      2 9 47 5 0.0458 0.5000 0.1064 0.3425
      3 120 50 25 0.1252 0.3000 0.4200 0.2096
      4 0 48 0 0.0000 0.0000 0.0000 0.0000
      5 30 0 0 0.0000 0.0000 0.0000 0.0000
      """;

  /** ... and its all lines (num_q num_ret num_rel num_rel_ret map P_10 recall_100 ndcg_cut_10). */
  static final String TREC_EVAL_ALL = "6 369 259 84 0.0799 0.2333 0.2140 0.1415";

  static final List<String> MEASURES =
      List.of("num_ret", "num_rel", "num_rel_ret", "map", "P_10", "recall_100", "ndcg_cut_10");

  @Test
  void theSyntheticRunScoresWhatTrecEvalPrintsCharacterForCharacter() {
    StringBuilder expected = new StringBuilder();
    for (String row : TREC_EVAL_PER_QUERY.strip().split("\n")) {
      String[] f = row.split(" ");
      for (int m = 0; m < MEASURES.size(); m++) {
        expected.append(String.format("%-22s\t%s\t%s%n", MEASURES.get(m), f[0], f[m + 1]));
      }
    }
    String[] all = TREC_EVAL_ALL.split(" ");
    List<String> allMeasures = new ArrayList<>(List.of("num_q"));
    allMeasures.addAll(MEASURES);
    for (int m = 0; m < allMeasures.size(); m++) {
      expected.append(String.format("%-22s\tall\t%s%n", allMeasures.get(m), all[m]));
    }

    Evaluation evaluation = Evaluation.of(Run.parse(SyntheticRun.run()), Qrels.parse(SyntheticRun.qrels()));
    assertEquals(expected.toString().replace(System.lineSeparator(), "\n"), evaluation.format(true));
  }
}
