package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.Hit;
import newsroom.backend.SearchResponse.ScoreContribution;
import newsroom.backend.SearchResponse.ScoreExplanation;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * What each hit's score is made of ({@code explain=true}): the query is split into its scored parts ({@link
 * RankedQuery#parts}) and, inside them, into the words, phrases and word pairs it sums; each is explained by Lucene
 * for the hit and the largest are listed, with the part they come from.
 */
final class Explanations {
  /** Contributions listed per hit; the rest is summed up. */
  static final int SHOWN = 10;

  private static final Pattern WEIGHT = Pattern.compile("^weight\\((?:Synonym\\()?([^:\\s]+):(.*?)\\)? in \\d+\\)");

  private Explanations() {}

  /** One piece of the query that Lucene scores as a whole: a word in a field, a phrase, a word pair. */
  private record Piece(String kind, Query query, Weight weight) {}

  static List<Hit> explain(IndexSearcher searcher, RankedQuery ranked, SearchRequest request, List<Hit> hits, ScoreDoc[] docs)
      throws IOException {
    List<Piece> pieces = new ArrayList<>();
    for (RankedQuery.Part part : ranked.parts()) {
      split(part.kind(), part.query(), 1f, pieces, searcher);
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Hit> out = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      int doc = docs[i].doc;
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      Map<List<String>, Float> sums = new LinkedHashMap<>();
      for (Piece p : pieces) {
        Explanation e = p.weight().explain(leaf, doc - leaf.docBase);
        if (e.isMatch() && e.getValue().floatValue() != 0f) {
          List<String> key = label(p, e);
          sums.merge(key, e.getValue().floatValue(), Float::sum);
        }
      }
      float score = hits.get(i).score() == null ? 0f : hits.get(i).score();
      List<ScoreContribution> listed =
          sums.entrySet().stream()
              .sorted(Map.Entry.<List<String>, Float>comparingByValue().reversed())
              .limit(SHOWN)
              .map(e -> new ScoreContribution(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()))
              .toList();
      float shown = (float) listed.stream().mapToDouble(ScoreContribution::value).sum();
      out.add(hits.get(i).withExplanation(new ScoreExplanation(score, listed, Math.max(0f, score - shown))));
    }
    return out;
  }

  /**
   * Splits a query into the pieces its score sums: a Boolean query's scoring clauses, the best of a disjunction
   * (an entity's names), down to the words and phrases; boosts are carried down.
   */
  private static void split(String kind, Query query, float boost, List<Piece> out, IndexSearcher searcher)
      throws IOException {
    if (query instanceof BoostQuery b) {
      split(kind, b.getQuery(), boost * b.getBoost(), out, searcher);
      return;
    }
    if (query instanceof BooleanQuery bq && bq.getMinimumNumberShouldMatch() == 0) {
      for (BooleanClause c : bq.clauses()) {
        if (c.occur() == BooleanClause.Occur.SHOULD || c.occur() == BooleanClause.Occur.MUST) {
          split(kind, c.query(), boost, out, searcher);
        }
      }
      return;
    }
    Query q = boost == 1f ? query : new BoostQuery(query, boost);
    Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE, 1f);
    out.add(new Piece(kind, query, w));
  }

  /** kind, field, match: read from Lucene's "weight(body:troop in 12)", else from the query itself. */
  private static List<String> label(Piece p, Explanation e) {
    Explanation leaf = e;
    // A disjunction (an entity's names) scores its best name: name that one.
    if (p.query() instanceof DisjunctionMaxQuery) {
      leaf = best(e);
    }
    Matcher m = WEIGHT.matcher(leaf.getDescription());
    if (m.find()) {
      return List.of(p.kind(), m.group(1), m.group(2).replace("\"", ""));
    }
    Explanation inner = firstWeight(leaf);
    if (inner != null) {
      Matcher im = WEIGHT.matcher(inner.getDescription());
      if (im.find()) {
        return List.of(p.kind(), im.group(1), im.group(2).replace("\"", ""));
      }
    }
    if (p.query() instanceof IntervalQuery iq) {
      return List.of(p.kind(), iq.getField(), describe(iq.toString(iq.getField())));
    }
    return List.of(p.kind(), "", p.query().toString());
  }

  /**
   * The words of an interval source's description: {@code MAXWIDTH/8(UNORDERED(viet,nam))} -> {@code viet nam
   * (within 8)}, {@code PHRASE(viet,nam)} -> {@code "viet nam"}.
   */
  static String describe(String intervals) {
    Matcher m = Pattern.compile("\\(([^()]*)\\)").matcher(intervals);
    if (!m.find()) {
      return intervals;
    }
    String words = m.group(1).replace(",", " ");
    Matcher width = Pattern.compile("MAXWIDTH/(\\d+)").matcher(intervals);
    return width.find() ? words + " (within " + width.group(1) + ")" : "\"" + words + "\"";
  }

  private static Explanation best(Explanation e) {
    Explanation best = e;
    float max = -1;
    for (Explanation d : e.getDetails()) {
      if (d.isMatch() && d.getValue().floatValue() > max) {
        max = d.getValue().floatValue();
        best = d;
      }
    }
    return best == e ? e : descend(best);
  }

  /** Down a chain of "sum of" nodes to the first weight(...) node, if any. */
  private static Explanation descend(Explanation e) {
    return e.getDescription().startsWith("weight(") ? e : firstWeightOr(e, e);
  }

  private static Explanation firstWeightOr(Explanation e, Explanation fallback) {
    Explanation w = firstWeight(e);
    return w == null ? fallback : w;
  }

  private static Explanation firstWeight(Explanation e) {
    Map<Explanation, Boolean> seen = new HashMap<>();
    List<Explanation> queue = new ArrayList<>(List.of(e));
    while (!queue.isEmpty()) {
      Explanation x = queue.remove(0);
      if (seen.put(x, true) != null) {
        continue;
      }
      if (x.getDescription().startsWith("weight(")) {
        return x;
      }
      List<Explanation> details = new ArrayList<>(List.of(x.getDetails()));
      details.sort(Comparator.comparingDouble((Explanation d) -> d.getValue().doubleValue()).reversed());
      queue.addAll(details);
    }
    return null;
  }
}
