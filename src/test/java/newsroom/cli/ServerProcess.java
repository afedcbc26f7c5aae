package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import newsroom.TestIndexes;
import newsroom.http.HttpTestClient;

/** The real server in its own JVM, as an operator runs it, so a test can kill it with SIGKILL or read its RSS. */
record ServerProcess(Process process, HttpTestClient client, Path log) {

  static ServerProcess start(Path index, Path logDir, String token) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = logDir.resolve("server-" + port + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "newsroom.cli.Main",
            "serve",
            "--index", index.toString(),
            "--corpus", TestIndexes.SEED_CORPUS.toString(),
            "--config", TestIndexes.CONFIG.toString(),
            "--port", String.valueOf(port));
    pb.environment().put("NEWSROOM_WRITE_TOKEN", token);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    HttpTestClient client = new HttpTestClient(port);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.get("/health").status() == 200) {
          return new ServerProcess(p, client, log);
        }
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
      assertTrue(p.isAlive(), "server died at start: " + Files.readString(log));
    }
    p.destroyForcibly();
    throw new AssertionError("server did not start: " + Files.readString(log));
  }

  /** SIGKILL: no shutdown hook runs, nothing is committed on the way out. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Resident memory of the server process, from /proc (Linux), in MiB; -1 where unknown. */
  long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux, or the process is gone
    }
    return -1;
  }
}
