package newsroom.solr;

import java.io.IOException;
import newsroom.backend.BackendUnavailableException;
import newsroom.backend.InvalidRequestException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/**
 * Solr's failures as the seam reports them: a request Solr refuses is the client's {@link
 * InvalidRequestException}; a cluster that cannot be reached or cannot answer is a {@link
 * BackendUnavailableException} (503). Only the first line of Solr's message is kept: never a remote stack trace.
 */
final class SolrErrors {
  private SolrErrors() {}

  static RuntimeException failure(Exception e) {
    if (e instanceof SolrException se && se.code() >= 400 && se.code() < 500 && se.code() != 404) {
      String msg = firstLine(se);
      if (msg.contains("too many boolean clauses") || msg.contains("maxClauseCount")) {
        return new InvalidRequestException(
            "Query too broad", "a wildcard, prefix or fuzzy term matches too many words; make it more specific");
      }
      return new InvalidRequestException("Invalid query", msg);
    }
    // SolrJ reports a cluster none of whose nodes answers ("Failed fetching live_nodes") as a bare RuntimeException.
    if (e instanceof SolrServerException || e instanceof IOException || e instanceof SolrException
        || e.getClass() == RuntimeException.class) {
      return new BackendUnavailableException("the search cluster did not answer: " + firstLine(e), e);
    }
    if (e instanceof RuntimeException re) {
      return re;
    }
    return new IllegalStateException(firstLine(e), e);
  }

  /** The HTTP status of the first Solr error in the cause chain, or 0. */
  static int remoteCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SolrException se) {
        return se.code();
      }
    }
    return 0;
  }

  /** The first line of the deepest cause that has a message: what actually went wrong ("Connection refused"). */
  static String rootLine(Throwable e) {
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        deepest = t;
      }
    }
    return firstLine(deepest);
  }

  /** The first line of the innermost useful message, without Solr's "Error from server at URL: " prefix. */
  static String firstLine(Throwable e) {
    Throwable t = e;
    String message = t.getMessage();
    while ((message == null || message.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      message = t.getMessage();
    }
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    message = message.replaceFirst("^Error from server at \\S+?: ", "");
    // "java.lang.RuntimeException: ..." when SolrJ wraps a cause: the reader wants what happened, not the class.
    message = message.replaceAll("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    if (message.startsWith("Failed fetching live_nodes")) {
      return "none of the nodes answered";
    }
    int nl = message.indexOf('\n');
    String line = (nl < 0 ? message : message.substring(0, nl)).strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
