package newsroom.solrcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link TestCluster} in a child JVM and speaks its stdin/stdout protocol, exactly as the
 * product's tests will: classes plus the classpath file that the build writes, nothing shared with
 * the caller's classpath. Knows nothing of Solr's classes, so the product can copy it as it is.
 */
final class ClusterProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  final String zkHost;
  final List<String> nodeUrls;

  /**
   * @param moduleDir the solr-cluster module, built at least to the compile phase, which writes
   *     target/classes and target/classpath.txt
   */
  static ClusterProcess start(Path moduleDir, int nodes, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    String classpath =
        moduleDir.resolve("target/classes")
            + java.io.File.pathSeparator
            + Files.readString(moduleDir.resolve("target/classpath.txt")).strip();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx1g",
            // A short-lived test JVM on a 2-core machine: C1 only and one GC thread leave more CPU
            // to the start itself (READY in 7-11 s instead of 12-16 s on a busy machine).
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            // Lucene 9 maps index files through the FFM API; without this the JDK warns on stderr.
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            classpath,
            "newsroom.solrcluster.TestCluster",
            "--nodes",
            Integer.toString(nodes),
            "--dir",
            workDir.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ClusterProcess cluster = null;
    try {
      cluster = new ClusterProcess(p, timeout);
      return cluster;
    } finally {
      if (cluster == null) p.destroyForcibly();
    }
  }

  private ClusterProcess(Process p, Duration timeout) throws IOException, InterruptedException {
    this.process = p;
    this.out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
    String ready = readLine(timeout);
    if (ready == null || !ready.startsWith("READY ")) {
      throw new IOException("cluster did not start, first line: " + ready);
    }
    String zk = null;
    List<String> nodes = List.of();
    for (String field : ready.substring("READY ".length()).split(" ")) {
      if (field.startsWith("zk=")) zk = field.substring(3);
      if (field.startsWith("nodes=")) nodes = Arrays.asList(field.substring(6).split(","));
    }
    this.zkHost = zk;
    this.nodeUrls = List.copyOf(nodes);
  }

  void stopNode(int i) throws IOException, InterruptedException {
    command("stop-node " + i);
  }

  void startNode(int i) throws IOException, InterruptedException {
    command("start-node " + i);
  }

  private void command(String line) throws IOException, InterruptedException {
    in.println(line);
    String answer = readLine(Duration.ofMinutes(2));
    if (!"OK".equals(answer)) throw new IOException(line + ": " + answer);
  }

  private String readLine(Duration timeout) throws IOException, InterruptedException {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("no answer from the cluster within " + timeout);
    }
  }

  /** Asks for a clean shutdown; kills the JVM if it has not exited within a minute. */
  @Override
  public void close() {
    in.println("quit");
    in.close();
    try {
      if (process.waitFor(60, TimeUnit.SECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
