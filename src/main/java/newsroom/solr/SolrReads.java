package newsroom.solr;

import newsroom.backend.BackendUnavailableException;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.response.QueryResponse;

/**
 * Requests to the cluster that may be sent again: reads, and idempotent writes (upserts and deletes by id). A node
 * that has just gone away is still in the cluster state for a moment, and a request routed to it fails although
 * its replicas can answer, or a shard's leadership is changing hands: such a request is tried again, with pauses
 * that add up to under two seconds before the failure is reported (503).
 */
final class SolrReads {
  private static final long[] RETRY_PAUSES_MS = {100, 500, 1000};

  private final SolrCluster cluster;

  SolrReads(SolrCluster cluster) {
    this.cluster = cluster;
  }

  /** A request that may be sent again. */
  interface Read<T> {
    T run() throws Exception;
  }

  /** A search of {@code collection}, sent as a POST (queries and facet requests can be long). */
  QueryResponse query(String collection, SolrQuery q) {
    return read(() -> cluster.client.query(collection, q, SolrRequest.METHOD.POST));
  }

  static <T> T read(Read<T> read) {
    RuntimeException last;
    for (long pause : RETRY_PAUSES_MS) {
      try {
        return read.run();
      } catch (Exception e) {
        last = SolrErrors.failure(e);
        if (!(last instanceof BackendUnavailableException)) {
          throw last;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      return read.run();
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
  }
}
