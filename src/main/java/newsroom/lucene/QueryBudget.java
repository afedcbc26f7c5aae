package newsroom.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import newsroom.backend.InvalidRequestException;
import newsroom.config.SearchSettings;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What one query may cost, checked before it runs: how many term clauses it makes, how many of them walk the
 * term dictionary (fuzzy, regex, wildcard, prefix and range terms), how many index words each of those may match,
 * and how complex a regular expression may be. Every limit comes from search.json; a query over one is a 400 that
 * says which. What the budget cannot see coming, the per-search time limit ({@link SearchDeadline}) stops.
 *
 * <p>Clauses are counted as written, before Lucene merges repeated ones: {@code ab~2} written 399 times costs 399
 * fuzzy expansions in the highlighter and elsewhere, even if the search merges them.
 */
final class QueryBudget {
  private QueryBudget() {}

  /**
   * The classic parser over {@code fields}, with the budget's limits: it stops as soon as the query has more
   * expensive terms than allowed (before compiling another regular expression, which is what parsing spends its
   * time on), bounds a regular expression's complexity, and expands multi-term queries with a rewrite that
   * refuses one matching too many index words.
   */
  static MultiFieldQueryParser parser(
      String[] fields, Analyzer analyzer, Map<String, Float> boosts, SearchSettings settings) {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(fields, analyzer, boosts) {
          private int expensive;
          /** A regular expression repeated in a query is compiled once for each field. */
          private final Map<Term, Query> regexps = new HashMap<>();

          private void spend() {
            if (++expensive > settings.maxExpensiveTerms()) {
              throw tooExpensive("more than " + settings.maxExpensiveTerms(), settings);
            }
          }

          @Override
          protected Query newFuzzyQuery(Term term, float minimumSimilarity, int prefixLength) {
            spend();
            // As the classic parser builds it, with its expansion (50 words at most) behind a deadline check.
            int edits = FuzzyQuery.floatToEdits(minimumSimilarity, term.text().codePointCount(0, term.text().length()));
            return new FuzzyQuery(
                term,
                edits,
                prefixLength,
                FuzzyQuery.defaultMaxExpansions,
                FuzzyQuery.defaultTranspositions,
                new DeadlineChecked(FuzzyQuery.defaultRewriteMethod(FuzzyQuery.defaultMaxExpansions)));
          }

          @Override
          protected Query newPrefixQuery(Term prefix) {
            spend();
            return super.newPrefixQuery(prefix);
          }

          @Override
          protected Query newWildcardQuery(Term t) {
            spend();
            return super.newWildcardQuery(t);
          }

          @Override
          protected Query newRegexpQuery(Term regexp) {
            spend();
            Query compiled = regexps.get(regexp);
            if (compiled == null) {
              compiled = super.newRegexpQuery(regexp);
              regexps.put(regexp, compiled);
            }
            return compiled;
          }

          @Override
          protected Query newRangeQuery(
              String field, String part1, String part2, boolean startInclusive, boolean endInclusive) {
            spend();
            return super.newRangeQuery(field, part1, part2, startInclusive, endInclusive);
          }
        };
    parser.setDeterminizeWorkLimit(settings.maxRegexStates());
    parser.setMultiTermRewriteMethod(new BoundedRewrite(settings.maxExpansions()));
    return parser;
  }

  private static InvalidRequestException tooExpensive(String count, SearchSettings settings) {
    return new InvalidRequestException(
        "Query too expensive",
        "q has " + count + " fuzzy, regex, wildcard, prefix or range terms (each counts once for every field it"
            + " is searched in); at most " + settings.maxExpensiveTerms() + " are allowed");
  }

  /** Refuses a parsed query that makes too many clauses or too many expensive terms. */
  static void check(Query query, SearchSettings settings) {
    Counter counter = new Counter();
    query.visit(counter);
    if (counter.clauses > settings.maxClauses()) {
      throw new InvalidRequestException(
          "Query too long",
          "q makes " + counter.clauses + " term clauses (each word counts once for every field it is searched in);"
              + " at most " + settings.maxClauses() + " are allowed: use fewer words");
    }
    if (counter.expensive > settings.maxExpensiveTerms()) {
      throw tooExpensive(String.valueOf(counter.expensive), settings);
    }
  }

  /** Counts leaf clauses, and among them those that match terms by automaton (fuzzy, regex, wildcard, ...). */
  private static final class Counter extends QueryVisitor {
    int clauses;
    int expensive;

    @Override
    public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
      return this; // MUST_NOT clauses cost as much as the others
    }

    @Override
    public void visitLeaf(Query query) {
      clauses++;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
      clauses += Math.max(1, terms.length); // a phrase costs one postings list per word
    }

    @Override
    public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
      clauses++;
      expensive++;
    }
  }

  /** A rewrite that first looks at the search's deadline: a query with many terms stops between them. */
  static final class DeadlineChecked extends MultiTermQuery.RewriteMethod {
    private final MultiTermQuery.RewriteMethod delegate;

    DeadlineChecked(MultiTermQuery.RewriteMethod delegate) {
      this.delegate = delegate;
    }

    @Override
    public Query rewrite(IndexSearcher searcher, MultiTermQuery query) throws IOException {
      SearchDeadline.check(searcher);
      return delegate.rewrite(searcher, query);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DeadlineChecked other && other.delegate.equals(delegate);
    }

    @Override
    public int hashCode() {
      return delegate.hashCode() * 31 + 7;
    }
  }

  /**
   * Lucene's default rewrite for wildcard, prefix, regex and range terms (constant score, blended), after
   * checking in each segment that the term matches at most {@code maxExpansions} index words.
   */
  static final class BoundedRewrite extends MultiTermQuery.RewriteMethod {
    private final int maxExpansions;

    BoundedRewrite(int maxExpansions) {
      this.maxExpansions = maxExpansions;
    }

    @Override
    public Query rewrite(IndexSearcher searcher, MultiTermQuery query) throws IOException {
      SearchDeadline.check(searcher);
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Terms terms = leaf.reader().terms(query.getField());
        if (terms == null) {
          continue;
        }
        TermsEnum matching = getTermsEnum(query, terms, new AttributeSource());
        int n = 0;
        while (matching.next() != null) {
          if (++n > maxExpansions) {
            throw new InvalidRequestException(
                "Query too broad",
                "'" + query + "' matches more than " + maxExpansions + " words of the index; make it more"
                    + " specific (a longer prefix, a narrower pattern)");
          }
        }
        SearchDeadline.check(searcher);
      }
      return MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE.rewrite(searcher, query);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BoundedRewrite other && other.maxExpansions == maxExpansions;
    }

    @Override
    public int hashCode() {
      return Integer.hashCode(maxExpansions) * 31 + BoundedRewrite.class.hashCode();
    }
  }
}
