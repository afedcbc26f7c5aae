package newsroom.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.backend.Feedback;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.Spelling;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean": when a query finds little, its words that the index hardly has are checked against the index's
 * own words with Lucene's {@link DirectSpellChecker} (edit distance over the body's terms, preferring the more
 * frequent), and the query with the corrections is offered when it finds more.
 */
final class QueryHelp {
  /** A word as typed: letters and digits, with inner apostrophes. */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*");
  private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "TO");

  private final RankingSettings.Spelling settings;

  QueryHelp(SearchSettings settings) {
    this.settings = settings.ranking().spelling();
  }

  /**
   * The query respelled, when it found fewer than {@code below_hits} articles or has a word the index lacks, and
   * the respelled query finds more; else nothing.
   *
   * @param countQuery the query a request would run, filters included, to count what a respelling finds
   */
  List<Spelling> didYouMean(
      IndexSearcher searcher,
      Analyzer analyzer,
      SearchRequest request,
      RankedQuery ranked,
      long total,
      Function<SearchRequest, Query> countQuery)
      throws IOException {
    String text = request.query();
    if (text.isBlank() || settings.belowHits() == 0) {
      return List.of();
    }
    IndexReader reader = searcher.getIndexReader();
    boolean lucene = ranked.syntax() == QuerySyntax.LUCENE;
    DirectSpellChecker checker = new DirectSpellChecker();
    checker.setMaxEdits(settings.maxEdits());
    StringBuilder respelled = new StringBuilder();
    int last = 0;
    boolean changed = false;
    boolean unknownWord = false;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String word = m.group();
      if (lucene && !correctable(text, m, word)) {
        continue;
      }
      List<String> tokens = PlainWords.tokens(analyzer, ArticleFields.BODY, word);
      if (tokens.size() != 1) {
        continue;
      }
      Term term = new Term(ArticleFields.BODY, tokens.get(0));
      int df = reader.docFreq(term) + reader.docFreq(new Term(ArticleFields.TITLE, tokens.get(0)));
      if (df >= settings.belowHits() || (df > 0 && total >= settings.belowHits())) {
        continue;
      }
      unknownWord |= df == 0;
      SuggestWord[] found =
          checker.suggestSimilar(
              term, 1, reader, df == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR);
      if (found.length > 0 && !found[0].string.equals(tokens.get(0))) {
        respelled.append(text, last, m.start()).append(caseLike(word, found[0].string));
        last = m.end();
        changed = true;
      }
    }
    if (!changed || (total >= settings.belowHits() && !unknownWord)) {
      return List.of();
    }
    respelled.append(text.substring(last));
    SearchRequest other = request.withQuery(respelled.toString()).withFeedback(Feedback.NONE).withExplain(false);
    long found = searcher.count(countQuery.apply(other));
    return found > total ? List.of(new Spelling(respelled.toString(), found)) : List.of();
  }

  /** In Lucene syntax, a word is a search word unless it is an operator, a field name or a wildcard, fuzzy or field value. */
  private static boolean correctable(String text, Matcher m, String word) {
    if (OPERATORS.contains(word)) {
      return false;
    }
    char before = m.start() > 0 ? text.charAt(m.start() - 1) : ' ';
    char after = m.end() < text.length() ? text.charAt(m.end()) : ' ';
    return before != ':' && after != ':' && "*?~".indexOf(after) < 0 && "*?".indexOf(before) < 0;
  }

  /** The suggestion written in the case of the word it replaces (all capitals, a capital first, or lower case). */
  private static String caseLike(String typed, String suggestion) {
    if (typed.length() > 1 && typed.equals(typed.toUpperCase(Locale.ROOT))) {
      return suggestion.toUpperCase(Locale.ROOT);
    }
    if (Character.isUpperCase(typed.charAt(0))) {
      return Character.toUpperCase(suggestion.charAt(0)) + suggestion.substring(1);
    }
    return suggestion;
  }
}
