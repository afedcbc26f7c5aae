package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import newsroom.config.EntityNames;
import newsroom.backend.Feedback;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * What a request's {@code q} searches for, and how its hits are scored.
 *
 * <ul>
 *   <li>Lucene syntax: the parsed query, as it always was ({@link QueryParsing}).
 *   <li>Plain words ({@link PlainWords}): the words OR'd, plus, as search.json's {@code ranking} says, the other
 *       names of the entities the words name ({@link EntityExpansion}: these add matches), a boost for consecutive
 *       words close together ({@link Proximity}) and words from pseudo-relevance feedback ({@link Rm3}); these
 *       two only reorder the articles the words (and names) match.
 * </ul>
 *
 * The score is the sum of the {@link #parts}: each has a kind ({@code query}, {@code entity}, {@code proximity},
 * {@code feedback}) that explanations name.
 *
 * @param query to search with (before facet filters and date range)
 * @param highlight what snippets mark: the query words and entity names, not the feedback words
 * @param parts the scored parts, summing to the score of {@code query}
 * @param words the plain words (null for Lucene syntax)
 */
record RankedQuery(QuerySyntax syntax, Query query, Query highlight, List<Part> parts, PlainWords words) {

  /** A scored part of the query. */
  record Part(String kind, Query query) {}

  static final String QUERY = "query";
  static final String ENTITY = "entity";
  static final String PROXIMITY = "proximity";
  static final String FEEDBACK = "feedback";

  /**
   * Reads the request's query.
   *
   * @param filtered the query narrowed by the request's filters, as the search will run it: the first pass of
   *     feedback runs that
   */
  static RankedQuery of(
      SearchRequest request,
      Analyzer analyzer,
      SearchSettings settings,
      EntityExpansion entities,
      IndexSearcher searcher,
      UnaryOperator<Query> filtered)
      throws IOException {
    String text = request.query();
    QuerySyntax syntax = request.resolvedSyntax();
    if (text.isBlank()) {
      Query all = new MatchAllDocsQuery();
      return new RankedQuery(syntax, all, all, List.of(new Part(QUERY, all)), null);
    }
    if (syntax == QuerySyntax.LUCENE) {
      Query q = QueryParsing.parse(text, analyzer, settings);
      return new RankedQuery(syntax, q, q, List.of(new Part(QUERY, q)), null);
    }
    RankingSettings ranking = settings.ranking();
    PlainWords words = PlainWords.analyze(text, analyzer, settings);
    Query base = words.query(settings);
    Query expansion = entities == null || !ranking.entities().enabled() ? null : entities.expand(text, words, settings);
    Query proximity = Proximity.of(words, ranking.proximity());

    // The articles matched: the words, or another name of an entity they name.
    Query matched = base;
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(QUERY, base));
    if (expansion != null) {
      matched =
          new BooleanQuery.Builder()
              .add(base, BooleanClause.Occur.SHOULD)
              .add(expansion, BooleanClause.Occur.SHOULD)
              .build();
      parts.add(new Part(ENTITY, expansion));
    }
    Query highlight = matched;
    BooleanQuery.Builder scored = new BooleanQuery.Builder().add(matched, BooleanClause.Occur.MUST);
    if (proximity != null) {
      scored.add(proximity, BooleanClause.Occur.SHOULD);
      parts.add(new Part(PROXIMITY, proximity));
    }
    Query firstPass = proximity == null ? matched : scored.build();

    Feedback feedback = request.feedback() != null ? request.feedback() : defaultFeedback(ranking);
    if (feedback == Feedback.RM3 && !words.isEmpty()) {
      Map<String, Float> model = Rm3.relevanceModel(searcher, filtered.apply(firstPass), analyzer, ranking.feedback());
      Query fb = Rm3.feedbackQuery(model, words, ranking.feedback(), settings);
      if (fb != null) {
        scored.add(fb, BooleanClause.Occur.SHOULD);
        parts.add(new Part(FEEDBACK, fb));
      }
    }
    Query query = parts.size() == 1 ? base : scored.build();
    return new RankedQuery(syntax, query, highlight, List.copyOf(parts), words);
  }

  private static Feedback defaultFeedback(RankingSettings ranking) {
    return "rm3".equals(ranking.feedback().method()) ? Feedback.RM3 : Feedback.NONE;
  }
}
