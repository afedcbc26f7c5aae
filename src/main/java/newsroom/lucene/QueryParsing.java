package newsroom.lucene;

import java.util.HashMap;
import java.util.Map;
import newsroom.backend.InvalidRequestException;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/** Lucene classic syntax over title and body: terms, "phrases", AND/OR/NOT, field:term, fuzzy~, prefix*. */
final class QueryParsing {
  private QueryParsing() {}

  static Query parse(String text, Analyzer analyzer, SearchSettings settings) {
    if (text.isBlank()) {
      return new MatchAllDocsQuery();
    }
    if (text.length() > settings.maxQueryLength()) {
      throw new InvalidRequestException(
          "Query too long",
          "q has " + text.length() + " characters; at most " + settings.maxQueryLength() + " are allowed");
    }
    String[] fields = ArticleFields.TEXT.toArray(String[]::new);
    Map<String, Float> boosts = new HashMap<>(settings.fieldBoosts());
    MultiFieldQueryParser parser = QueryBudget.parser(fields, analyzer, boosts, settings);
    parser.setDefaultOperator(
        "AND".equalsIgnoreCase(settings.defaultOperator())
            ? QueryParser.Operator.AND
            : QueryParser.Operator.OR);
    // A leading wildcard scans the whole term dictionary: on a large index one query could stall the service.
    parser.setAllowLeadingWildcard(false);
    try {
      Query query = parser.parse(text);
      QueryBudget.check(query, settings);
      return query;
    } catch (TooComplexToDeterminizeException e) {
      throw new InvalidRequestException(
          "Regular expression too complex",
          "a /regex/ in q would need more than " + settings.maxRegexStates() + " automaton states; simplify it");
    } catch (ParseException e) {
      throw new InvalidRequestException("Invalid query syntax", firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Invalid query", firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
