package newsroom.solr;

import java.nio.file.Path;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchBackendContract;

/** The backend contract on SolrCloud: 2 nodes, a collection of 2 shards x 2 replicas. */
class SolrBackendContractTest extends SearchBackendContract {
  @Override
  protected SearchBackend openSeedBackend(Path work) throws Exception {
    return SolrTestCluster.seedBackend("contract");
  }

  /** Not yet on SolrCloud: cursorMark paging and export, range-facet timelines, significant terms. */
  @Override
  protected boolean hasAnalystTools() {
    return false;
  }
}
