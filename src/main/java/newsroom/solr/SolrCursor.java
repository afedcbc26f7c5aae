package newsroom.solr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The service's cursor over Solr's {@code cursorMark}: Solr's mark (the sort values of the last hit of the page
 * before, which Solr encodes and checks itself) with the order it belongs to, so a cursor of one order is refused
 * for another with a message saying why. Solr's sorts end on the unique key ({@link SolrQueries#sort}), as a
 * cursor mark requires: a walk visits every article once, and stays valid across writes and alias switches
 * (an article changed meanwhile may move, as in the embedded index).
 *
 * <p>Opaque to clients: {@code base64url("s1|" + order + "|" + mark)}.
 */
final class SolrCursor {
  private static final String VERSION = "s1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private SolrCursor() {}

  /** Solr's cursor mark for a request's cursor: the start for {@code *}. */
  static String mark(SearchRequest request) {
    if (SearchRequest.FIRST_CURSOR.equals(request.cursor())) {
      return CursorMarkParams.CURSOR_MARK_START;
    }
    String[] parts;
    try {
      parts = new String(DECODER.decode(request.cursor()), StandardCharsets.UTF_8).split("\\|", 3);
    } catch (IllegalArgumentException e) {
      throw invalid("it is not a cursor this server gave");
    }
    if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
      throw invalid("it is not a cursor this server gave");
    }
    if (!parts[1].equals(request.sort().param())) {
      throw invalid(
          "it continues a walk sorted by " + parts[1] + ", not " + request.sort().param() + ": keep the sort");
    }
    return parts[2];
  }

  /** The cursor of the page after one that ended at Solr's {@code next} mark. */
  static String encode(SortOrder order, String next) {
    return ENCODER.encodeToString((VERSION + "|" + order.param() + "|" + next).getBytes(StandardCharsets.UTF_8));
  }

  /** What a cursor mark Solr refuses (one not made for this sort, or damaged) is reported as. */
  static InvalidRequestException invalid(String why) {
    return new InvalidRequestException("Invalid cursor", "cursor: " + why + "; start a walk with cursor=*");
  }
}
