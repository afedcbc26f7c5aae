package newsroom.cli;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.http.HttpTestClient;

/**
 * The real server in its own JVM with live writes enabled, as an operator runs it, so a test can kill it with
 * SIGKILL or read its RSS. Starting and watching the process is {@link newsroom.ServerProcess}'s business.
 */
record LiveServer(newsroom.ServerProcess server, HttpTestClient client) {

  static LiveServer start(Path index, Path logDir, String token) throws Exception {
    return start(index, logDir, token, Map.of());
  }

  /** As {@link #start(Path, Path, String)}, with these files written into its copy of index-config. */
  static LiveServer start(Path index, Path logDir, String token, Map<String, String> configFiles) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // With no index yet, serve builds one from the default corpus folder: the seed corpus.
    // The project's index-config with a generous search time limit: these tests are about crashes and load, and a
    // first search on a busy machine must not be taken for a failure.
    Path config = logDir.resolve("config-" + port);
    try (var walk = java.nio.file.Files.walk(TestIndexes.CONFIG)) {
      for (Path p : walk.toList()) {
        Path target = config.resolve(TestIndexes.CONFIG.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
    Path search = config.resolve("search.json");
    java.nio.file.Files.writeString(search, java.nio.file.Files.readString(search)
        .replaceAll("\"search_timeout_ms\":\\s*\\d+", "\"search_timeout_ms\": 10000"));
    for (Map.Entry<String, String> file : configFiles.entrySet()) {
      java.nio.file.Files.writeString(config.resolve(file.getKey()), file.getValue());
    }
    newsroom.ServerProcess server =
        newsroom.ServerProcess.start(
            index, config, port, "512m", logDir.resolve("server-" + port + ".log"),
            Map.of("NEWSROOM_WRITE_TOKEN", token));
    return new LiveServer(server, new HttpTestClient(port));
  }

  void killHard() throws InterruptedException {
    server.killHard();
  }

  /** Resident memory of the server process, in MiB. */
  long rssMiB() {
    return server.memory().rssMb();
  }
}
