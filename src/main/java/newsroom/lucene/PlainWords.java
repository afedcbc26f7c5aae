package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.backend.InvalidRequestException;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A query read as plain words: no character or word is an operator. The text is analysed as the title and body
 * are (lower case, stop words out, stems), and each word searches title and body with their boosts, the words
 * OR'd: what Lucene syntax makes of words without operators, whatever characters the text holds.
 *
 * @param terms the analysed words in the order typed, repeats kept
 */
record PlainWords(List<String> terms) {

  static PlainWords analyze(String text, Analyzer analyzer, SearchSettings settings) {
    if (text.length() > settings.maxQueryLength()) {
      throw new InvalidRequestException(
          "Query too long",
          "q has " + text.length() + " characters; at most " + settings.maxQueryLength() + " are allowed");
    }
    return new PlainWords(tokens(analyzer, ArticleFields.BODY, text));
  }

  /** The words of {@code text} as {@code analyzer} indexes them in {@code field}. */
  static List<String> tokens(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }

  /** Each distinct word with how often it was typed, in order of first use. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    terms.forEach(t -> counts.merge(t, 1, Integer::sum));
    return counts;
  }

  /** The words OR'd, each over title and body with their boosts, a word typed twice counting twice. */
  Query query(SearchSettings settings) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts().forEach((term, count) -> b.add(boosted(textQuery(term, settings), count), BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /** One indexed word in every text field, each with its boost. */
  static Query textQuery(String term, SearchSettings settings) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String field : ArticleFields.TEXT) {
      b.add(boosted(new TermQuery(new Term(field, term)), boost(settings, field)), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  static float boost(SearchSettings settings, String field) {
    Float boost = settings.fieldBoosts().get(field);
    return boost == null ? 1f : boost;
  }

  static Query boosted(Query q, float boost) {
    return boost == 1f ? q : new BoostQuery(q, boost);
  }
}
