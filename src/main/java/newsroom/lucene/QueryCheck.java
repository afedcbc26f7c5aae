package newsroom.lucene;

import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import org.apache.lucene.analysis.Analyzer;

/**
 * Reads a query in Lucene's classic syntax exactly as the embedded index does, for a backend that runs it
 * elsewhere (SolrCloud) but must refuse the same malformed input with the same 400s. Thread-safe.
 */
public final class QueryCheck {
  private final Analyzer analyzer;

  public QueryCheck(Catalog catalog) {
    this.analyzer = new LuceneSchema(catalog).analyzer();
  }

  /** Throws the embedded index's {@code InvalidRequestException} for a Lucene-syntax query it would refuse. */
  public void check(SearchRequest request, SearchSettings settings) {
    if (request.resolvedSyntax() == QuerySyntax.LUCENE) {
      QueryParsing.parse(request.query(), analyzer, settings);
    }
  }
}
