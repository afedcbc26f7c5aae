package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import newsroom.http.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher (./newsroom): which Java it picks where the default one is too old, the flags it starts the JVM
 * with, the one message it prints when no Java fits, and (where the jar is built and up to date) the real service
 * started through it with the machine's default java on the PATH, printing no warning.
 */
class LauncherTest {
  private static final Path ROOT = Path.of(".").toAbsolutePath().normalize();
  private static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

  @TempDir Path tmp;

  /** A stand-in for a Java home: `java` records its arguments and prints what the real JVM prints at start. */
  private Path fakeJava(Path home, String version, boolean jdk) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + home.resolve("args") + "\"\n"
        + "echo '" + INCUBATOR_NOTICE + "' >&2\necho 'other message' >&2\necho started\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (jdk) {
      Files.copy(java, home.resolve("bin/javac"));
    }
    return home;
  }

  /** A copy of the launcher with a jar and no sources beside it (as in the container image): nothing to build. */
  private Path launcherWithJar() throws IOException {
    Path root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("src/bin"));
    Files.createDirectories(root.resolve("target"));
    Files.copy(ROOT.resolve("newsroom"), root.resolve("newsroom"));
    Files.copy(ROOT.resolve("src/bin/find-java.sh"), root.resolve("src/bin/find-java.sh"));
    Files.writeString(root.resolve("target/newsroom-search.jar"), "not really a jar");
    return root;
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Path root, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(root.resolve("newsroom").toString()), Stream.of(args)).toList());
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The JVM's stderr goes through the launcher's filter, which may write a moment after the JVM exited. */
  private String stderrOnceWritten(String expectedEnd) throws Exception {
    Path err = tmp.resolve("err.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.readString(err).endsWith(expectedEnd) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(100); // nothing more comes
    return Files.readString(err);
  }

  @Test
  void picksTheNewestJava21PlusOverAnOlderDefaultAndStartsItWithLucenesFlags() throws Exception {
    Path jvms = tmp.resolve("jvm");
    Path old = fakeJava(jvms.resolve("java-17"), "17.0.15", true);
    fakeJava(jvms.resolve("jdk-21"), "21.0.5", true);
    Path newest = fakeJava(jvms.resolve("temurin-25"), "25.0.3", false); // a JRE is enough to run
    Path root = launcherWithJar();

    Run r = run(root, Map.of("NEWSROOM_JVM_DIRS", jvms.toString(), "PATH", old.resolve("bin") + ":/usr/bin:/bin",
        "NEWSROOM_HEAP", "256m"), "serve", "--port", "7799");
    assertEquals(0, r.exit(), r.err());
    assertEquals("started\n", r.out());
    assertEquals(
        List.of("-Xms256m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.vector", "-jar", root.resolve("target/newsroom-search.jar").toString(),
            "serve", "--port", "7799"),
        Files.readAllLines(newest.resolve("args")));
    // The JVM's notice about the incubator module is dropped; anything else on stderr passes.
    assertEquals("other message\n", stderrOnceWritten("other message\n"));
    assertFalse(Files.exists(old.resolve("args")), "the old default java ran");

    // No command means serve; JAVA_HOME, when it is recent enough, wins over the folders.
    Path home = fakeJava(tmp.resolve("home-21"), "21.0.1", false);
    r = run(root, Map.of("NEWSROOM_JVM_DIRS", jvms.toString(), "JAVA_HOME", home.toString()));
    assertEquals(0, r.exit(), r.err());
    assertEquals("serve", Files.readAllLines(home.resolve("args")).get(Files.readAllLines(home.resolve("args")).size() - 1));
  }

  @Test
  void saysOnceWhatToInstallWhenNoJavaIsRecentEnough() throws Exception {
    Path jvms = tmp.resolve("jvm");
    Path old = fakeJava(jvms.resolve("java-17"), "17.0.15", true);
    Run r = run(launcherWithJar(), Map.of("NEWSROOM_JVM_DIRS", jvms.toString(), "PATH", old.resolve("bin") + ":/usr/bin:/bin"));
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("newsroom: needs Java 21 or newer"), r.err());
    assertTrue(r.err().contains(old + " (17)"), r.err());
    assertTrue(r.err().contains("JDK 21+"), r.err());
  }

  /** Built by `./newsroom build` (as .ci/run does first) and not older than any source. */
  private static boolean jarIsUpToDate() throws IOException {
    Path jar = ROOT.resolve("target/newsroom-search.jar");
    if (!Files.exists(jar)) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(jar);
    try (Stream<Path> sources = Stream.concat(Stream.of(ROOT.resolve("pom.xml"), ROOT.resolve("src/pom.xml")),
        Files.walk(ROOT.resolve("src/main")))) {
      return sources.noneMatch(p -> {
        try {
          return Files.getLastModifiedTime(p).compareTo(built) > 0;
        } catch (IOException e) {
          return true;
        }
      });
    }
  }

  @Test
  void theRealServiceStartsWithTheDefaultJavaOnThePathAndPrintsNoWarning() throws Exception {
    assumeTrue(jarIsUpToDate(), "target/newsroom-search.jar is missing or older than the sources: ./newsroom build");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("newsroom").toString(), "serve");
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin"); // the machine's default java, whatever it is
    pb.environment().put("NEWSROOM_PORT", String.valueOf(port));
    pb.environment().put("NEWSROOM_INDEX", tmp.resolve("index").toString());
    pb.environment().put("NEWSROOM_HEAP", "256m");
    pb.directory(ROOT.toFile());
    Path log = tmp.resolve("server.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process server = pb.start();
    try {
      HttpTestClient client = new HttpTestClient(port);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      int status = 0;
      while (status != 200 && System.nanoTime() < deadline && server.isAlive()) {
        Thread.sleep(250);
        try {
          status = client.get("/health").status();
        } catch (IOException e) {
          // not listening yet
        }
      }
      assertEquals(200, status, Files.readString(log));
      HttpTestClient.Reply page = client.get("/");
      assertEquals(200, page.status());
      assertTrue(page.body().contains("<html"), page.body());
      Run health = run(ROOT, Map.of("NEWSROOM_PORT", String.valueOf(port)), "health");
      assertEquals(0, health.exit(), health.err());
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    assertTrue(output.contains("serving 5 articles"), output);
    assertTrue(output.lines().noneMatch(l -> l.contains("WARNING") || l.contains(" WARN ")), output);
  }
}
