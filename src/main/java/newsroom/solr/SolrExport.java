package newsroom.solr;

import java.io.IOException;
import newsroom.backend.ExportRow;
import newsroom.backend.ExportSink;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.Hit;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Every match of a request, page after page with Solr's {@code cursorMark}, in the request's order with ties by
 * id ({@link SolrQueries#sort}): memory holds one page, however many match, and no result window applies. Each row
 * has the first body passage of the highlighter, asked for as plain text. Each page is a search of its own, so an
 * article written while the export runs may or may not be listed, and one changed meanwhile may move (never
 * listed twice in the same place): what the embedded index's export does across a refresh.
 */
final class SolrExport {
  /** Articles read per page: the export's memory. */
  static final int PAGE = 1000;

  private SolrExport() {}

  static long export(
      SolrReads reads, String collection, Catalog catalog, SearchSettings settings, SearchRequest request,
      SolrQuery matching, ExportSink sink)
      throws IOException {
    SolrQuery q = matching.getCopy();
    q.setRows(PAGE);
    q.set("sort", SolrQueries.sort(request.sort()));
    SolrHits.requestPlain(q, catalog, settings);
    String mark = CursorMarkParams.CURSOR_MARK_START;
    long rows = 0;
    boolean first = true;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, mark);
      QueryResponse rsp = reads.query(collection, q);
      if (first) {
        sink.begin(rsp.getResults().getNumFound());
        first = false;
      }
      for (Hit hit : SolrHits.of(rsp, catalog)) {
        sink.row(new ExportRow(hit.id(), hit.published(), hit.source(), hit.url(), hit.title(), hit.labels(),
            hit.snippets().isEmpty() ? null : hit.snippets().get(0)));
        rows++;
      }
      String next = rsp.getNextCursorMark();
      if (rsp.getResults().size() < PAGE || next == null || next.equals(mark)) {
        return rows;
      }
      mark = next;
    }
  }
}
