package newsroom.lucene;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import newsroom.config.RankingSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * A boost for articles in which consecutive words of a plain-word query occur close together ("viet" near "nam",
 * "security" near "council"), as a sequential-dependence model does: each pair of consecutive words is an
 * unordered window of {@code window} words in the body, scored by a saturating function of how often and how
 * tightly the pair occurs (Lucene's IntervalQuery: {@code freq / (freq + pivot)}, each occurrence counting one over
 * its width), times {@code weight}. It only adds to articles that have both words: it never adds a match.
 */
final class Proximity {
  private Proximity() {}

  /** Null when the query has fewer than two distinct consecutive words, or proximity is off. */
  static Query of(PlainWords words, RankingSettings.Proximity settings) {
    if (!settings.enabled()) {
      return null;
    }
    List<String> terms = words.terms();
    Set<List<String>> pairs = new LinkedHashSet<>();
    for (int i = 1; i < terms.size(); i++) {
      if (!terms.get(i - 1).equals(terms.get(i))) {
        pairs.add(List.of(terms.get(i - 1), terms.get(i)));
      }
    }
    if (pairs.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (List<String> pair : pairs) {
      if (settings.weight() > 0) {
        Query window =
            new IntervalQuery(
                ArticleFields.BODY,
                Intervals.maxwidth(
                    settings.window(), Intervals.unordered(Intervals.term(pair.get(0)), Intervals.term(pair.get(1)))),
                settings.pivot());
        b.add(new BoostQuery(window, settings.weight()), BooleanClause.Occur.SHOULD);
      }
      if (settings.phraseWeight() > 0) {
        Query phrase =
            new IntervalQuery(
                ArticleFields.BODY,
                Intervals.phrase(Intervals.term(pair.get(0)), Intervals.term(pair.get(1))),
                settings.pivot());
        b.add(new BoostQuery(phrase, settings.phraseWeight()), BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }
}
