package newsroom.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import newsroom.TestIndexes;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchBackendContract;

/** The backend contract on the embedded Lucene index. */
class LuceneBackendContractTest extends SearchBackendContract {
  @Override
  protected SearchBackend openSeedBackend(Path work) throws Exception {
    var summary = TestIndexes.build(TestIndexes.SEED_CORPUS, work.resolve("index"));
    assertEquals(5, summary.indexed());
    assertEquals(List.of(), summary.skipped());
    return TestIndexes.open(work.resolve("index"), true);
  }
}
