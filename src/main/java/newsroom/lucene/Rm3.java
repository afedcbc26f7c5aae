package newsroom.lucene;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Pseudo-relevance feedback with relevance model 3, as Anserini's RM3 re-ranker computes it: the first
 * {@code docs} hits of the query are taken as relevant; in each, the {@code terms} most frequent words (of 2 to 20
 * letters and digits, and in at most {@code maxDocShare} of all articles, so that no stop-like word is added) form
 * a document model, weighted by the hit's score; the {@code terms} heaviest words of their sum, normalised, are
 * the relevance model, mixed with the query's own words ({@code originalWeight} for the query).
 *
 * <p>Anserini reads the feedback documents' term vectors; this index stores none, so their stored title and body
 * are analysed again with the index's analyzer, which gives the same words.
 */
final class Rm3 {
  private static final Pattern KEPT = Pattern.compile("[\\p{L}\\p{N}]{2,20}");

  private Rm3() {}

  /**
   * The feedback words and their weights (summing to 1), from the first hits of {@code first}, or an empty map
   * when there are none.
   */
  static Map<String, Float> relevanceModel(
      IndexSearcher searcher, Query first, Analyzer analyzer, RankingSettings.Feedback settings) throws IOException {
    TopDocs top = searcher.search(first, settings.docs());
    if (top.scoreDocs.length == 0) {
      return Map.of();
    }
    IndexReader reader = searcher.getIndexReader();
    int numDocs = Math.max(1, reader.numDocs());
    StoredFields stored = searcher.storedFields();
    Map<String, Boolean> allowed = new HashMap<>();
    Map<String, Float> model = new HashMap<>();
    for (ScoreDoc sd : top.scoreDocs) {
      Document doc = stored.document(sd.doc);
      Map<String, Integer> tf = new HashMap<>();
      for (String field : ArticleFields.TEXT) {
        String text = doc.get(field);
        if (text == null || text.isEmpty()) {
          continue;
        }
        for (String t : PlainWords.tokens(analyzer, ArticleFields.BODY, text)) {
          boolean keep =
              allowed.computeIfAbsent(
                  t,
                  w -> {
                    if (!KEPT.matcher(w).matches()) {
                      return false;
                    }
                    try {
                      return (float) reader.docFreq(new Term(ArticleFields.BODY, w)) / numDocs <= settings.maxDocShare();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
          if (keep) {
            tf.merge(t, 1, Integer::sum);
          }
        }
      }
      Map<String, Integer> pruned = top(tf, settings.terms());
      float norm = pruned.values().stream().mapToInt(Integer::intValue).sum();
      if (norm < 0.001f) {
        continue;
      }
      pruned.forEach((t, f) -> model.merge(t, f / norm * sd.score, Float::sum));
    }
    Map<String, Float> kept = top(model, settings.terms());
    float sum = (float) kept.values().stream().mapToDouble(Float::doubleValue).sum();
    if (sum <= 0) {
      return Map.of();
    }
    Map<String, Float> normalised = new LinkedHashMap<>();
    kept.forEach((t, w) -> normalised.put(t, w / sum));
    return normalised;
  }

  /** The {@code n} heaviest entries, heaviest first (ties by word, so the result never depends on hash order). */
  private static <N extends Number> Map<String, N> top(Map<String, N> weights, int n) {
    Map<String, N> out = new LinkedHashMap<>();
    weights.entrySet().stream()
        .sorted(
            Comparator.comparingDouble((Map.Entry<String, N> e) -> e.getValue().doubleValue())
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * The feedback words as a query over title and body, weighted so that, beside the query's own words (each
   * counting its number of uses), they make up {@code 1 - originalWeight} of the mixture as in Anserini: the
   * query's word weights there are its counts over its length, so the feedback words are scaled by that length.
   */
  static Query feedbackQuery(Map<String, Float> model, PlainWords words, RankingSettings.Feedback fb, SearchSettings settings) {
    float alpha = fb.originalWeight();
    if (model.isEmpty() || alpha >= 1f) {
      return null;
    }
    float scale = (1f - alpha) * words.terms().size() / Math.max(alpha, 1e-6f);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    List<Map.Entry<String, Float>> entries = List.copyOf(model.entrySet());
    for (Map.Entry<String, Float> e : entries) {
      b.add(new BoostQuery(PlainWords.textQuery(e.getKey(), settings), e.getValue() * scale), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }
}
