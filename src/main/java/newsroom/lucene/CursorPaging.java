package newsroom.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SortOrder;
import newsroom.config.SearchSettings;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Deep paging past the result window: {@code searchAfter} with a cursor that holds the sort values of the last
 * hit of the page before. The sort is the request's (relevance or date) with the article id as tie-breaker (the
 * {@link ArticleDocuments#ID_ORDER} doc values), so a cursor names one position in the order of the whole
 * collection and stays valid across refreshes and live writes: no article is skipped or repeated unless it was
 * changed meanwhile.
 *
 * <p>An index built before the tie-breaker field existed has no id values: ties then fall back to Lucene's
 * document numbers (also in the cursor), which hold while the served generation is unchanged (a read-only server)
 * but may shift after live writes merge segments. Re-indexing ({@code reindex}) adds the field.
 *
 * <p>A cursor page has hits and the exact total, but no facet counts (ask {@code /api/facets} once).
 */
final class CursorPaging {
  private static final String VERSION = "c1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private CursorPaging() {}

  static SearchResponse search(
      Generation gen, IndexSearcher searcher, SearchRequest request, SearchSettings settings,
      RequestQueries.Selection selection)
      throws IOException {
    long start = System.nanoTime();
    Query text = selection.text().highlight();
    Query query = selection.matches();
    FieldDoc after = SearchRequest.FIRST_CURSOR.equals(request.cursor()) ? null : decode(request.cursor(), request.sort());
    ScoreDoc[] docs = new ScoreDoc[0];
    String next = null;
    if (request.size() > 0) {
      TopFieldDocs top = searcher.searchAfter(after, query, request.size(), sort(request.sort()), true);
      docs = top.scoreDocs;
      if (docs.length == request.size()) {
        next = encode((FieldDoc) docs[docs.length - 1], request.sort());
      }
    }
    long total = searcher.count(query);
    return new SearchResponse(
        request.query(),
        total,
        (System.nanoTime() - start) / 1_000_000,
        1,
        request.size(),
        request.sort().param(),
        Highlighting.hits(gen, searcher, text, docs, settings),
        List.of(),
        selection.text().syntax().param(),
        List.of(),
        next);
  }

  static Sort sort(SortOrder order) {
    SortField byId = new SortField(ArticleDocuments.ID_ORDER, SortField.Type.STRING);
    byId.setMissingValue(SortField.STRING_LAST);
    return switch (order) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byId);
      case DATE -> new Sort(Exporter.byDate(false).getSort()[0], byId);
      case NEWEST -> new Sort(Exporter.byDate(true).getSort()[0], byId);
    };
  }

  /** {@code c1|sort|primary value|id in base64url or -|document number}, in base64url. */
  static String encode(FieldDoc last, SortOrder order) {
    Object primary = last.fields[0];
    BytesRef id = (BytesRef) last.fields[1];
    String raw =
        String.join(
            "|",
            VERSION,
            order.param(),
            String.valueOf(primary),
            id == null ? "-" : ENCODER.encodeToString(BytesRef.deepCopyOf(id).bytes),
            String.valueOf(last.doc));
    return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static FieldDoc decode(String cursor, SortOrder order) {
    String[] parts;
    try {
      parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw invalid("it is not a cursor this server gave");
    }
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw invalid("it is not a cursor this server gave");
    }
    if (!parts[1].equals(order.param())) {
      throw invalid("it continues a walk sorted by " + parts[1] + ", not " + order.param() + ": keep the sort");
    }
    try {
      Object primary =
          order == SortOrder.RELEVANCE ? (Object) Float.parseFloat(parts[2]) : (Object) Long.parseLong(parts[2]);
      BytesRef id = parts[3].equals("-") ? null : new BytesRef(DECODER.decode(parts[3]));
      int doc = Integer.parseInt(parts[4]);
      float score = primary instanceof Float f ? f : Float.NaN;
      return new FieldDoc(doc, score, new Object[] {primary, id});
    } catch (IllegalArgumentException e) {
      throw invalid("it is not a cursor this server gave");
    }
  }

  private static InvalidRequestException invalid(String why) {
    return new InvalidRequestException("Invalid cursor", "cursor: " + why + "; start a walk with cursor=*");
  }
}
