package newsroom.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import newsroom.TestIndexes;
import newsroom.config.Catalog;
import newsroom.config.ConfigException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;
import org.junit.jupiter.api.Test;

/** What the service refuses to serve, each with one line that says what to do. */
class SolrConfigsetTest {

  @Test
  void unreachableSolrIsOneClearLine() {
    IOException e =
        assertThrows(IOException.class, () -> SolrCluster.connect(List.of("http://127.0.0.1:1/solr")));
    assertEquals("Solr is not reachable at http://127.0.0.1:1/solr (none of the nodes answered)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SolrCluster.connect(List.of("127.0.0.1:8983")));
  }

  @Test
  void aMissingCollectionSaysHowToCreateIt() throws Exception {
    try (SolrCluster cluster = SolrTestCluster.connect()) {
      IOException e = assertThrows(IOException.class,
          () -> SolrBackend.open(cluster, "nothing_here", TestIndexes.settings(), null, 1, 1));
      assertTrue(e.getMessage().contains("index --backend solr --collection nothing_here"), e.getMessage());
    }
  }

  @Test
  void aConfigsetThatDoesNotMatchItsProfileIsRefused() throws Exception {
    Catalog news = Catalog.load(TestIndexes.CONFIG, "news");
    SolrSchema schema = new SolrSchema(news, TestIndexes.settings().ranking().bm25());
    String tampered = schema.managedSchema().replace("<field name=\"_f_company\" type=\"facet_strings\"/>\n", "");
    assertFalse(tampered.equals(schema.managedSchema()));
    try (SolrCluster cluster = SolrTestCluster.connect()) {
      create(cluster, "tampered", Map.of("solrconfig.xml", schema.solrConfig(), "managed-schema.xml", tampered));
      ConfigException e = assertThrows(ConfigException.class,
          () -> SolrBackend.open(cluster, "tampered", TestIndexes.settings(), null, 1, 1));
      assertEquals(
          "the configset of collection tampered does not match profile 'news': field '_f_company' should be of"
              + " type facet_strings but is missing; re-index with `index --backend solr`",
          e.getMessage());

      // A collection some other application made, with no catalog in its configset.
      create(cluster, "foreign", Map.of(
          "solrconfig.xml", schema.solrConfig().replaceAll("(?s)<requestHandler name=\"/newsroom\".*?</requestHandler>", ""),
          "managed-schema.xml", schema.managedSchema()));
      ConfigException foreign = assertThrows(ConfigException.class,
          () -> SolrBackend.open(cluster, "foreign", TestIndexes.settings(), null, 1, 1));
      assertTrue(foreign.getMessage().contains("was not created by newsroom-search"), foreign.getMessage());

      // The right configset, but another profile than the one asked for.
      create(cluster, "other_profile", Map.of("solrconfig.xml", schema.solrConfig(), "managed-schema.xml",
          schema.managedSchema()));
      ConfigException profile = assertThrows(ConfigException.class,
          () -> SolrBackend.open(cluster, "other_profile", TestIndexes.settings(), "reuters", 1, 1));
      assertTrue(profile.getMessage().contains("built with profile 'news', not 'reuters'"), profile.getMessage());
      for (String c : List.of("tampered", "foreign", "other_profile")) {
        cluster.drop(c);
      }
    }
  }

  private static void create(SolrCluster cluster, String name, Map<String, String> files) throws Exception {
    ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
    upload.setConfigSetName(name);
    upload.setUploadStream(new ContentStreamBase.ByteArrayStream(zip(files), name + ".zip", "application/zip"));
    upload.process(cluster.client);
    CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(name, name, 1, 1);
    create.setWaitForFinalState(true);
    create.process(cluster.client);
  }

  private static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
