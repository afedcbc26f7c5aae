package newsroom.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import newsroom.eval.Metrics.MeanMetrics;
import newsroom.eval.Metrics.QueryMetrics;

/**
 * A search system's ranking quality on a set of judged topics: the run it produced, each query's measures and
 * their means (see {@link Metrics} for what is measured, and how it matches trec_eval).
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(Topics.read(topicsFile), Qrels.read(qrelsFile), text -> searchIds(text, 100));
 * double map = e.mean().map();
 * System.out.print(e.format(false));   // "map                   \tall\t0.6612" ...
 * e.run().write(runFile);              // for trec_eval, or to compare with another run
 * }</pre>
 */
public final class Evaluation {
  public static final String DEFAULT_TAG = "newsroom";

  private final Run run;
  private final List<QueryMetrics> perQuery;
  private final MeanMetrics mean;

  private Evaluation(Run run, List<QueryMetrics> perQuery) {
    this.run = run;
    this.perQuery = perQuery;
    this.mean = Metrics.mean(perQuery);
  }

  /**
   * Puts each judged topic's text to {@code search} and evaluates the rankings it returns. Topics without
   * judgments are not asked (trec_eval would ignore them). The search decides how deep its rankings go; MAP
   * counts every document returned (on TIME 1963 the reference figures use the first 100).
   *
   * @param search a topic's text to the ids of the documents found, best first, each id once
   * @throws IllegalArgumentException when a judged query has no topic, so nothing could be asked for it, or when
   *     a ranking has the same document twice
   */
  public static Evaluation of(Topics topics, Qrels qrels, Function<String, List<String>> search) {
    return of(topics, qrels, search, DEFAULT_TAG);
  }

  /** As {@link #of(Topics, Qrels, Function)}, the run named {@code tag}. */
  public static Evaluation of(Topics topics, Qrels qrels, Function<String, List<String>> search, String tag) {
    List<String> missing = qrels.queries().stream().filter(q -> topics.text(q) == null).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("judged queries without a topic text: " + missing);
    }
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    for (String id : topics.ids()) {
      if (qrels.queries().contains(id)) {
        List<String> found = search.apply(topics.text(id));
        rankings.put(id, Objects.requireNonNull(found, () -> "the search returned null for topic " + id));
      }
    }
    return of(new Run(tag, rankings), qrels);
  }

  /** Evaluates a run that was made before, read from a run file, say. */
  public static Evaluation of(Run run, Qrels qrels) {
    return new Evaluation(run, Metrics.perQuery(run, qrels));
  }

  /** The rankings evaluated. */
  public Run run() {
    return run;
  }

  /** Each judged query's measures, in trec_eval's order of queries. */
  public List<QueryMetrics> perQuery() {
    return perQuery;
  }

  public MeanMetrics mean() {
    return mean;
  }

  /** The means only; see {@link #format(boolean)}. */
  public String format() {
    return format(false);
  }

  /**
   * A table as {@code trec_eval -c -m num_q -m num_ret -m num_rel -m num_rel_ret -m map -m P.10 -m recall.100
   * -m ndcg_cut.10} prints it ({@code -q} for {@code perQuery}), character for character: {@code
   * name<TAB>query<TAB>value} with the name padded to 22 and values to 4 decimals, each query's lines first, then
   * the {@code all} lines.
   */
  public String format(boolean perQuery) {
    StringBuilder out = new StringBuilder();
    if (perQuery) {
      for (QueryMetrics q : this.perQuery) {
        line(out, "num_ret", q.query(), Long.toString(q.retrieved()));
        line(out, "num_rel", q.query(), Long.toString(q.relevant()));
        line(out, "num_rel_ret", q.query(), Long.toString(q.relevantRetrieved()));
        line(out, "map", q.query(), decimal(q.averagePrecision()));
        line(out, "P_10", q.query(), decimal(q.precisionAt10()));
        line(out, "recall_100", q.query(), decimal(q.recallAt100()));
        line(out, "ndcg_cut_10", q.query(), decimal(q.ndcgAt10()));
      }
    }
    line(out, "num_q", "all", Integer.toString(mean.queries()));
    line(out, "num_ret", "all", Long.toString(mean.retrieved()));
    line(out, "num_rel", "all", Long.toString(mean.relevant()));
    line(out, "num_rel_ret", "all", Long.toString(mean.relevantRetrieved()));
    line(out, "map", "all", decimal(mean.map()));
    line(out, "P_10", "all", decimal(mean.precisionAt10()));
    line(out, "recall_100", "all", decimal(mean.recallAt100()));
    line(out, "ndcg_cut_10", "all", decimal(mean.ndcgAt10()));
    return out.toString();
  }

  private static void line(StringBuilder out, String measure, String query, String value) {
    out.append(String.format("%-22s", measure)).append('\t').append(query).append('\t').append(value).append('\n');
  }

  /**
   * Four decimals rounded as C's printf rounds: from the double's exact binary value, an exact tie to even.
   * ({@code String.format} rounds the shortest decimal form half up, which differs now and then in the last digit.)
   */
  static String decimal(double value) {
    return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }
}
