package newsroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The search server started as a separate JVM from this jar, as it runs in production, so that its memory is
 * its own: the benchmark samples the resident set from {@code /proc} while it is under load.
 */
public final class ServerProcess implements AutoCloseable {

  /** Resident memory of the server, in MiB: all of it, anonymous (heap and native), file-backed (mapped index). */
  public record Memory(long rssMb, long anonMb, long fileMb) {}

  private final Process process;
  private final int port;
  private volatile Memory peak = new Memory(0, 0, 0);
  private volatile boolean sampling;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  private static boolean healthy(HttpClient client, int port) {
    try {
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build();
      return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts {@code serve} on the index and waits until it answers {@code /health}. */
  public static ServerProcess start(Path index, Path config, int port, String heap, Path log)
      throws IOException, InterruptedException {
    return start(index, config, port, heap, log, Map.of());
  }

  /** As {@link #start(Path, Path, int, String, Path)}, with environment variables (a write token, say). */
  public static ServerProcess start(
      Path index, Path config, int port, String heap, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(index, config, port, heap, log, environment, System.getProperty("java.class.path"));
  }

  /**
   * As {@link #start(Path, Path, int, String, Path, Map)}, with the server's classes from {@code classpath}
   * (another build's jar, to measure it against this one).
   */
  public static ServerProcess start(
      Path index, Path config, int port, String heap, Path log, Map<String, String> environment, String classpath)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap));
    command.addAll(List.of(
        "--enable-native-access=ALL-UNNAMED",
        "-cp", classpath,
        "newsroom.cli.Main", "serve",
        "--index", index.toString(), "--config", config.toString(), "--port", String.valueOf(port)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(environment);
    // The access log line per request is part of the server's real cost, so it stays on (into the log file).
    ServerProcess server = new ServerProcess(pb.start(), port);
    try (HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!healthy(probe, port)) {
        if (!server.process.isAlive()) {
          throw new IOException("the server exited with " + server.process.exitValue() + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
          server.close();
          throw new IOException("the server did not answer /health within 5 minutes; see " + log);
        }
        Thread.sleep(200);
      }
    }
    return server;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Samples the resident set every 100 ms until {@link #stopSampling()}; keeps the largest. */
  public void startSampling() {
    sampling = true;
    Thread t = new Thread(() -> {
      while (sampling && process.isAlive()) {
        Memory m = memory();
        if (m.rssMb() > peak.rssMb()) {
          peak = m;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    t.setDaemon(true);
    t.start();
  }

  public Memory stopSampling() {
    sampling = false;
    return peak;
  }

  /** The current resident set, read from /proc (Linux). */
  public Memory memory() {
    try {
      long rss = 0;
      long anon = 0;
      long file = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        } else if (line.startsWith("RssAnon:")) {
          anon = kb(line);
        } else if (line.startsWith("RssFile:")) {
          file = kb(line);
        }
      }
      return new Memory(rss >> 10, anon >> 10, file >> 10);
    } catch (IOException e) {
      return new Memory(0, 0, 0);
    }
  }

  private static long kb(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("\\D", ""));
  }

  /** SIGKILL: no shutdown hook runs, nothing is committed on the way out (for crash tests). */
  public void killHard() throws InterruptedException {
    sampling = false;
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    sampling = false;
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
