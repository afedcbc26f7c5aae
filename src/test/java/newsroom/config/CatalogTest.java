package newsroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newsroom.TestIndexes;
import newsroom.enrich.Enricher;
import newsroom.ingest.ReutersSgmlFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles as shipped, and profiles that cannot work refused with one line naming the file. */
class CatalogTest {
  @TempDir Path config;

  @Test
  void theNewsProfileDeclaresEachDimensionOnceWithWhereItsValuesComeFrom() {
    Catalog news = Catalog.load(TestIndexes.CONFIG, "news");
    assertEquals(List.of("company", "regulator", "action", "source", "date"), news.names());
    assertEquals(List.of("company", "regulator", "action"), news.dictionaryDimensions().stream().map(Dimension::name).toList());
    assertEquals("source", news.sourceDimension().orElseThrow().name());
    assertTrue(news.dateDimension().orElseThrow().hierarchical());
    assertFalse(news.sourceDimension().orElseThrow().multiValued());
    assertEquals(3, Enricher.forCatalog(TestIndexes.CONFIG, news).taggers().size());
  }

  @Test
  void theReutersProfileTakesEveryLabelListTheReutersReaderGives() {
    Catalog reuters = Catalog.load(TestIndexes.CONFIG, "reuters");
    for (String list : new ReutersSgmlFormat().labelLists()) {
      assertEquals(Dimension.From.CORPUS, reuters.dimension(list).orElseThrow().from(), list);
    }
  }

  @Test
  void aDimensionNamedLikeARequestParameterIsRefused() throws IOException {
    String message = refused("{\"name\": \"size\", \"from\": \"corpus\"}");
    assertTrue(message.contains("profiles/bad.json") && message.contains("'size'") && message.contains("reserved"), message);
  }

  @Test
  void aDimensionDeclaredTwiceIsRefused() throws IOException {
    String message = refused("{\"name\": \"topic\", \"from\": \"corpus\"}, {\"name\": \"topic\", \"from\": \"corpus\"}");
    assertTrue(message.contains("declared twice"), message);
  }

  @Test
  void aDictionaryDimensionWithoutItsFileIsRefused() throws IOException {
    String message = refused("{\"name\": \"company\", \"from\": \"dictionary\", \"dictionary\": \"entities/none.json\"}");
    assertTrue(message.contains("entities/none.json") && message.contains("does not exist"), message);
    message = refused("{\"name\": \"company\", \"from\": \"dictionary\"}");
    assertTrue(message.contains("names none"), message);
  }

  @Test
  void twoDateDimensionsAndBadNamesAreRefused() throws IOException {
    assertTrue(refused("{\"name\": \"date\", \"from\": \"date\"}, {\"name\": \"date2\", \"from\": \"date\"}")
        .contains("name it 'date'"));
    assertTrue(refused("{\"name\": \"source\", \"from\": \"source\"}, {\"name\": \"outlet\", \"from\": \"source\"}")
        .contains("at most one"));
    assertTrue(refused("{\"name\": \"Has Space\", \"from\": \"corpus\"}").contains("no valid name"));
  }

  @Test
  void anUnknownOriginIsRefusedNamingTheFile() throws IOException {
    assertTrue(refused("{\"name\": \"topic\", \"from\": \"magic\"}").contains("profiles/bad.json"));
  }

  @Test
  void aBrokenDictionaryIsRefusedNamingItsFile() throws IOException {
    Files.createDirectories(config.resolve("profiles"));
    Files.copy(TestIndexes.CONFIG.resolve("analysis.json"), config.resolve("analysis.json"));
    Files.writeString(config.resolve("broken.json"), "{\"values\": [{\"name\": \"X\", \"patterns\": [\"(\"]}]}");
    Files.writeString(config.resolve("profiles/bad.json"),
        "{\"dimensions\": [{\"name\": \"company\", \"from\": \"dictionary\", \"dictionary\": \"broken.json\"}]}");
    Catalog catalog = Catalog.load(config, "bad");
    ConfigException e = assertThrows(ConfigException.class, () -> Enricher.forCatalog(config, catalog));
    assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
  }

  @Test
  void aMissingProfileIsRefusedNamingTheFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> Catalog.load(TestIndexes.CONFIG, "nosuch"));
    assertTrue(e.getMessage().contains("nosuch.json"), e.getMessage());
  }

  private String refused(String dimensions) throws IOException {
    Files.createDirectories(config.resolve("profiles"));
    Files.copy(TestIndexes.CONFIG.resolve("analysis.json"), config.resolve("analysis.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(config.resolve("profiles/bad.json"), "{\"dimensions\": [" + dimensions + "]}");
    ConfigException e = assertThrows(ConfigException.class, () -> Catalog.load(config, "bad"));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }
}
