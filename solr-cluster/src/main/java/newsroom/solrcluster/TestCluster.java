package newsroom.solrcluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs a real SolrCloud (embedded ZooKeeper + N Jetty Solr nodes, all on 127.0.0.1) in this JVM,
 * for the product's tests, which start it as a child process: Solr 9 brings Lucene 9 and cannot
 * share a classpath with the product's Lucene 10.
 *
 * <p>Protocol: stdout carries exactly the lines below, everything else (logs) goes to stderr.
 *
 * <pre>
 *   READY zk=127.0.0.1:PORT/solr nodes=http://127.0.0.1:P0/solr,http://127.0.0.1:P1/solr
 *   stdin "stop-node I"  -> "OK"  (I: 0-based position in nodes=; waits until ZK sees it gone)
 *   stdin "start-node I" -> "OK"  (same port as before, so node URLs stay valid; waits until live)
 *   stdin "quit" or EOF  -> shuts down, exit 0
 *   any failure          -> "ERR message", the cluster keeps running
 * </pre>
 *
 * EOF counts as quit so that a test JVM that dies without saying goodbye takes the cluster with it.
 *
 * <p>Arguments: {@code --nodes N} (default 2), {@code --dir WORKDIR} for ZooKeeper's data and the
 * nodes' cores (default: a fresh temporary directory, deleted on quit).
 */
public final class TestCluster {

  private TestCluster() {}

  public static void main(String[] args) {
    int status;
    try {
      run(args);
      status = 0;
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    }
    // A failed start or shutdown can leave ZooKeeper or Jetty threads running that would keep this
    // JVM, and the parent waiting on it, alive.
    System.exit(status);
  }

  private static void run(String[] args) throws Exception {
    int nodes = 2;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--nodes" -> nodes = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (nodes < 1) usage("--nodes must be at least 1");
    boolean ownDir = dir == null;
    if (ownDir) dir = Files.createTempDirectory("solr-cluster");

    // The protocol owns stdout; anything a library prints there by accident would break it.
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    // Lucene and Jersey log through java.util.logging, at INFO and WARNING, about the JDK they run
    // on (vector API, mmap) and optional providers; nothing a test needs unless it is severe.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);

    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster.Builder(nodes, dir)
            // Its default asks the randomized test runner for a seed, which is absent here.
            .withTraceIdGenerationDisabled()
            .build();
    // Our own fixed list: the cluster drops stopped nodes from its list, which would shift indexes.
    List<JettySolrRunner> jettys = new ArrayList<>(cluster.getJettySolrRunners());

    protocol.println(
        "READY zk="
            + cluster.getZkServer().getZkAddress()
            + " nodes="
            + jettys.stream().map(j -> j.getBaseUrl().toString()).collect(Collectors.joining(",")));

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split("\\s+");
      if (cmd[0].equals("quit")) break;
      if (cmd[0].isEmpty()) continue;
      try {
        switch (cmd[0]) {
          case "stop-node" -> {
            JettySolrRunner jetty = jettys.get(Integer.parseInt(cmd[1]));
            if (!jetty.isRunning()) {
              throw new IllegalStateException("node " + cmd[1] + " is not running");
            }
            cluster.stopJettySolrRunner(jetty);
            cluster.waitForJettyToStop(jetty);
          }
          case "start-node" -> {
            JettySolrRunner jetty = jettys.get(Integer.parseInt(cmd[1]));
            // Starting a running node would build a second server on its port and orphan the first.
            if (jetty.isRunning()) {
              throw new IllegalStateException("node " + cmd[1] + " is running");
            }
            cluster.startJettySolrRunner(jetty, true);
            cluster.waitForNode(jetty, MiniSolrCloudCluster.DEFAULT_TIMEOUT);
          }
          default -> throw new IllegalArgumentException("unknown command: " + line);
        }
        protocol.println("OK");
      } catch (Exception | AssertionError e) {
        e.printStackTrace();
        protocol.println("ERR " + String.valueOf(e).replace('\n', ' '));
      }
    }

    cluster.shutdown();
    if (ownDir) deleteTree(dir);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: TestCluster [--nodes N] [--dir WORKDIR]");
    System.exit(2);
  }
}
