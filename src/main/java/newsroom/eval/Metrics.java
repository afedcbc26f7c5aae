package newsroom.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranking quality measures computed as trec_eval (version 10.0) computes them, named as it prints them:
 *
 * <ul>
 *   <li>{@code map}: average precision, the sum over the relevant documents retrieved of the precision at their
 *       rank, divided by the number of relevant documents of the query (so a relevant document not retrieved
 *       counts as 0); its mean over the queries is MAP.
 *   <li>{@code P_10}: relevant documents in the first 10, divided by 10 (even when fewer were retrieved).
 *   <li>{@code recall_100}: relevant documents in the first 100, divided by the number of relevant documents.
 *   <li>{@code ndcg_cut_10}: DCG of the first 10, {@code sum gain / log2(rank + 1)}, divided by the DCG of the
 *       ideal ranking of the query's judgments. The gain is the judged relevance, as in trec_eval: with binary
 *       judgments (such as TIME 1963's) that is 1 for a relevant document and 0 otherwise.
 * </ul>
 *
 * <p>A document is relevant when its judgment is 1 or more (trec_eval's default relevance level); unjudged
 * documents are not relevant. Each measure of a query with no relevant document is 0.
 *
 * <p>Which queries count, and in what order the ranking is read, are where this differs from running the trec_eval
 * program on a run file, by design:
 *
 * <ul>
 *   <li>The ranking is evaluated in the order given. trec_eval re-sorts a run file by score (ties by document id,
 *       descending); {@link Run#write} and {@link Run#read} take care that both see the same order.
 *   <li>Every query that has judgments is evaluated, whether the run has documents for it or not (none retrieved
 *       scores 0): trec_eval's {@code -c}. Without {@code -c} trec_eval 10 refuses a run that misses a judged query
 *       (older versions silently left the query out, raising the mean). Queries not in the judgments are ignored,
 *       as trec_eval does. A query listed in the judgments with only non-relevant documents counts, with 0.
 *   <li>Nothing is cut: all retrieved documents count for {@code map}, as trec_eval's default {@code -M} does.
 * </ul>
 */
public final class Metrics {
  public static final int PRECISION_CUTOFF = 10;
  public static final int RECALL_CUTOFF = 100;
  public static final int NDCG_CUTOFF = 10;

  /** trec_eval's order of queries: their ids compared byte-wise (so "11" comes before "3"). */
  public static final Comparator<String> QUERY_ORDER = Run::compareBytes;

  private Metrics() {}

  /**
   * One query's measures.
   *
   * @param retrieved documents in the ranking (trec_eval's num_ret)
   * @param relevant relevant documents in the judgments (num_rel)
   * @param relevantRetrieved relevant documents in the ranking (num_rel_ret)
   */
  public record QueryMetrics(
      String query,
      int retrieved,
      int relevant,
      int relevantRetrieved,
      double averagePrecision,
      double precisionAt10,
      double recallAt100,
      double ndcgAt10) {}

  /** Each measure's mean over the queries; the counts are summed, as trec_eval's {@code all} lines have them. */
  public record MeanMetrics(
      int queries,
      long retrieved,
      long relevant,
      long relevantRetrieved,
      double map,
      double precisionAt10,
      double recallAt100,
      double ndcgAt10) {}

  /**
   * The measures of one query's ranking.
   *
   * @param ranking document ids, best first; the same id twice is refused, as trec_eval does
   * @param judgments the query's judgments, document id to relevance
   */
  public static QueryMetrics of(String query, List<String> ranking, Map<String, Integer> judgments) {
    if (ranking.stream().distinct().count() != ranking.size()) {
      throw new IllegalArgumentException("query " + query + ": the ranking has a document twice");
    }
    int relevant = (int) judgments.values().stream().filter(r -> r > 0).count();
    int relevantSoFar = 0;
    int relevantAt10 = 0;
    int relevantAt100 = 0;
    double precisionSum = 0;
    double dcg = 0;
    for (int i = 0; i < ranking.size(); i++) {
      int rel = judgments.getOrDefault(ranking.get(i), 0);
      if (rel > 0) {
        relevantSoFar++;
        precisionSum += (double) relevantSoFar / (i + 1);
        if (i < PRECISION_CUTOFF) {
          relevantAt10++;
        }
        if (i < RECALL_CUTOFF) {
          relevantAt100++;
        }
        if (i < NDCG_CUTOFF) {
          dcg += rel / log2(i + 2);
        }
      }
    }
    // The ideal ranking: the relevant documents by judged relevance, highest first.
    List<Integer> gains = judgments.values().stream().filter(r -> r > 0).sorted(Comparator.reverseOrder()).toList();
    double idealDcg = 0;
    for (int i = 0; i < Math.min(NDCG_CUTOFF, gains.size()); i++) {
      idealDcg += gains.get(i) / log2(i + 2);
    }
    return new QueryMetrics(
        query,
        ranking.size(),
        relevant,
        relevantSoFar,
        relevantSoFar > 0 ? precisionSum / relevant : 0,
        (double) relevantAt10 / PRECISION_CUTOFF,
        relevant > 0 ? (double) relevantAt100 / relevant : 0,
        idealDcg > 0 ? dcg / idealDcg : 0);
  }

  /**
   * The measures of every judged query (see the class comment), in trec_eval's order of queries.
   *
   * @throws IllegalArgumentException when there are no judgments at all
   */
  public static List<QueryMetrics> perQuery(Run run, Qrels qrels) {
    if (qrels.queries().isEmpty()) {
      throw new IllegalArgumentException("no judged queries to evaluate");
    }
    List<QueryMetrics> all = new ArrayList<>();
    for (String query : qrels.queries().stream().sorted(QUERY_ORDER).toList()) {
      all.add(of(query, run.ranking(query), qrels.judgments(query)));
    }
    return List.copyOf(all);
  }

  /** The means (summed in the order given, as trec_eval sums them, then divided by the number of queries). */
  public static MeanMetrics mean(List<QueryMetrics> queries) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no queries to average over");
    }
    long retrieved = 0;
    long relevant = 0;
    long relevantRetrieved = 0;
    double ap = 0;
    double p10 = 0;
    double recall100 = 0;
    double ndcg10 = 0;
    for (QueryMetrics q : queries) {
      retrieved += q.retrieved();
      relevant += q.relevant();
      relevantRetrieved += q.relevantRetrieved();
      ap += q.averagePrecision();
      p10 += q.precisionAt10();
      recall100 += q.recallAt100();
      ndcg10 += q.ndcgAt10();
    }
    int n = queries.size();
    return new MeanMetrics(n, retrieved, relevant, relevantRetrieved, ap / n, p10 / n, recall100 / n, ndcg10 / n);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
