package newsroom.solr;

import java.nio.file.Path;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchBackendContract;

/** The whole backend contract, analyst tools included, on SolrCloud: 2 nodes, a collection of 2 shards x 2 replicas. */
class SolrBackendContractTest extends SearchBackendContract {
  @Override
  protected SearchBackend openSeedBackend(Path work) throws Exception {
    return SolrTestCluster.seedBackend("contract");
  }
}
