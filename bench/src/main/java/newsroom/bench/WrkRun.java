package newsroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP run again with wrk (a C load generator, Debian package {@code wrk}) when it is installed: it costs the
 * two shared cores far less than a Java client, so it shows what the server itself does. Each connection cycles
 * through the same query mix; the Lua script is part of the jar.
 */
final class WrkRun {

  /** wrk's figures for one run; latencies in milliseconds. */
  record Figures(long requests, long errors, double seconds, double p50, double p95, double p99, double max) {
    double qps() {
      return requests / Math.max(seconds, 1e-9);
    }
  }

  private WrkRun() {}

  static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs wrk with {@code connections} connections (on 2 threads) for {@code seconds} against the local server.
   *
   * @param dateParameter the served catalog's date dimension (see {@link BenchQuery#httpQuery})
   */
  static Figures run(List<BenchQuery> mix, String dateParameter, int port, int connections, long seconds, Path work)
      throws IOException, InterruptedException {
    Path paths = work.resolve("wrk-paths.txt");
    StringBuilder lines = new StringBuilder();
    mix.forEach(q -> lines.append("/api/search?").append(q.httpQuery(dateParameter)).append('\n'));
    Files.writeString(paths, lines);
    Path script = work.resolve("wrk-mix.lua");
    try (InputStream in = WrkRun.class.getClassLoader().getResourceAsStream("bench/wrk-mix.lua")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "wrk", "-t", String.valueOf(Math.min(2, connections)), "-c", String.valueOf(connections),
                "-d", seconds + "s", "--timeout", "30s", "-s", script.toString(), "http://127.0.0.1:" + port)
            .redirectErrorStream(true);
    pb.environment().put("WRK_PATHS", paths.toString());
    Process wrk = pb.start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IOException("wrk failed: " + out);
    }
    Map<String, Long> values = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 3 && parts[0].equals("bench")) {
        values.put(parts[1], Long.parseLong(parts[2]));
      }
    }
    if (!values.containsKey("requests")) {
      throw new IOException("no figures in wrk's output: " + out);
    }
    return new Figures(
        values.get("requests"),
        values.get("errors"),
        values.get("duration_us") / 1e6,
        values.get("p50_us") / 1e3,
        values.get("p95_us") / 1e3,
        values.get("p99_us") / 1e3,
        values.get("max_us") / 1e3);
  }
}
