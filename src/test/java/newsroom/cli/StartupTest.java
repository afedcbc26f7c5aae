package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.TestIndexes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} checks every setting before it builds, opens or binds anything, and a failure is one line that
 * says what to change: no index is built for a configuration that cannot serve it.
 */
class StartupTest {
  @TempDir Path tmp;

  Options options(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    return new Options(all.toArray(String[]::new), Set.of("corpus", "index", "config", "profile", "threads", "port",
        "keep", "write-token-file", "max-body-mb", "reload-seconds", "ram-buffer-mb"), Set.of(), Map.of());
  }

  Path config(String searchJson) throws Exception {
    Path config = tmp.resolve("config");
    copyTree(TestIndexes.CONFIG, config);
    if (searchJson != null) {
      Files.writeString(config.resolve("search.json"), searchJson);
    }
    return config;
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Runs serve and returns its one-line failure; the index folder must still not exist. */
  String refused(Path index, String... args) {
    Exception e = assertThrows(Exception.class, () -> Main.serve(options(args)));
    assertFalse(Files.exists(index), "an index was built before the failure: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "more than one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void aMalformedOrOutOfRangeSearchConfigBuildsNoIndex() throws Exception {
    Path index = tmp.resolve("index");
    String bad = Files.readString(TestIndexes.CONFIG.resolve("search.json")).replace("\"max_page_size\": 100",
        "\"max_page_size\": 0");
    String message = refused(index, "--index", index.toString(), "--config", config(bad).toString());
    assertTrue(message.contains("max_page_size must be between 1 and"), message);

    bad = Files.readString(TestIndexes.CONFIG.resolve("search.json")).replaceFirst("\"search_threads\": \\d+",
        "\"search_threads\": -1");
    Files.writeString(tmp.resolve("config/search.json"), bad);
    message = refused(index, "--index", index.toString(), "--config", tmp.resolve("config").toString());
    assertTrue(message.endsWith("search.json: speed.search_threads must be between 0 and 256, not -1"), message);

    Files.writeString(tmp.resolve("config/search.json"), "{\"field_boosts\": ");
    message = refused(index, "--index", index.toString(), "--config", tmp.resolve("config").toString());
    assertTrue(message.contains("search.json"), message);
  }

  @Test
  void portOutOfRangeOrInUseIsOneLineBeforeAnyIndexIsBuilt() throws Exception {
    Path index = tmp.resolve("index");
    String message = refused(index, "--index", index.toString(), "--port", "70000");
    assertEquals("--port must be between 1 and 65535, not 70000", message);
    try (ServerSocket taken = new ServerSocket(0)) {
      message = refused(index, "--index", index.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertTrue(message.startsWith("port " + taken.getLocalPort() + " is in use"), message);
    }
  }

  @Test
  void writeTokenFileMissingEmptyOrShortIsRefused() throws Exception {
    Path index = tmp.resolve("index");
    Path missing = tmp.resolve("no-such-token");
    String message = refused(index, "--index", index.toString(), "--write-token-file", missing.toString());
    assertTrue(message.contains(missing.toString()) && message.contains("no such file"), message);

    Path shortToken = Files.writeString(tmp.resolve("short-token"), "secret\n");
    message = refused(index, "--index", index.toString(), "--write-token-file", shortToken.toString());
    assertTrue(message.contains("at least 16"), message);

    Path empty = Files.writeString(tmp.resolve("empty-token"), "  \n");
    message = refused(index, "--index", index.toString(), "--write-token-file", empty.toString());
    assertTrue(message.contains("is empty"), message);
  }

  @Test
  void numericOptionsAreRangeChecked() throws Exception {
    Path index = tmp.resolve("index");
    assertTrue(refused(index, "--index", index.toString(), "--max-body-mb", "0").contains("--max-body-mb"));
    assertTrue(refused(index, "--index", index.toString(), "--reload-seconds", "-1").contains("--reload-seconds"));
  }
}
