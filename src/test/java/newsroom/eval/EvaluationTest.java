package newsroom.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Evaluating a search function on judged topics, and the trec_eval-like table. */
class EvaluationTest {
  static final Topics TOPICS = Topics.parse("1\tnuclear test ban\n2\tbuddhists\n3\tnot judged\n");
  static final Qrels QRELS = Qrels.parse("1 0 017 1\n1 0 020 1\n2 0 031 1\n");

  /* Topic 1: 017 at rank 1, 020 at rank 3: AP = (1 + 2/3) / 2 = 5/6. Topic 2: 031 not found: AP 0. MAP = 5/12. */
  static final Map<String, List<String>> RESULTS =
      Map.of("nuclear test ban", List.of("017", "018", "020"), "buddhists", List.of("040"));

  @Test
  void eachJudgedTopicIsSearchedOnceByItsText() {
    List<String> asked = new ArrayList<>();
    Function<String, List<String>> search =
        text -> {
          asked.add(text);
          return RESULTS.get(text);
        };
    Evaluation e = Evaluation.of(TOPICS, QRELS, search);
    assertEquals(List.of("nuclear test ban", "buddhists"), asked); // topic 3 has no judgments: not asked
    assertEquals(5.0 / 12, e.mean().map(), 1e-12);
    assertEquals(List.of("017", "018", "020"), e.run().ranking("1"));
    assertEquals(Evaluation.DEFAULT_TAG, e.run().tag());
    assertEquals(5.0 / 6, e.perQuery().get(0).averagePrecision(), 1e-12);
  }

  @Test
  void formatPrintsTheMeansAsTrecEvalDoesAndEachQueryOnRequest() {
    Evaluation e = Evaluation.of(TOPICS, QRELS, RESULTS::get);
    // P_10 = (2/10 + 0) / 2; recall_100 = (1 + 0) / 2; nDCG@10 of topic 1 = (1 + 1/2) / (1 + 1/log2(3)) = 0.9197
    String all =
        """
        num_q                 \tall\t2
        num_ret               \tall\t4
        num_rel               \tall\t3
        num_rel_ret           \tall\t2
        map                   \tall\t0.4167
        P_10                  \tall\t0.1000
        recall_100            \tall\t0.5000
        ndcg_cut_10           \tall\t0.4599
        """;
    assertEquals(all, e.format());
    String perQuery = e.format(true);
    assertEquals(2 * 7 + 8, perQuery.lines().count());
    assertEquals("map                   \t1\t0.8333", perQuery.lines().toList().get(3));
    assertEquals("ndcg_cut_10           \t1\t0.9197", perQuery.lines().toList().get(6));
    assertEquals(true, perQuery.endsWith(all));
  }

  @Test
  void aJudgedQueryWithoutATopicCannotBeEvaluated() {
    Qrels more = Qrels.parse("1 0 017 1\n9 0 017 1\n");
    assertThrows(IllegalArgumentException.class, () -> Evaluation.of(TOPICS, more, text -> List.of()));
  }

  @Test
  void aSearchThatFindsNothingScoresZeroAndOneThatReturnsADocumentTwiceIsRefused() {
    assertEquals(0, Evaluation.of(TOPICS, QRELS, text -> List.of()).mean().map());
    assertThrows(IllegalArgumentException.class, () -> Evaluation.of(TOPICS, QRELS, text -> List.of("017", "017")));
  }

  @Test
  void valuesAreRoundedAsCsPrintfRoundsThem() {
    // 0.00015 is stored as 0.000149999...: printf gives 0.0001 where String.format gives 0.0002.
    assertEquals("0.0001", Evaluation.decimal(0.00015));
    // 0.03125 is exact, a true tie: printf rounds it to even.
    assertEquals("0.0312", Evaluation.decimal(0.03125));
    assertEquals("1.0000", Evaluation.decimal(1));
    assertEquals("0.0000", Evaluation.decimal(0));
  }
}
