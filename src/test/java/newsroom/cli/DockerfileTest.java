package newsroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container image without a container engine: that the Dockerfile builds with the
 * commands CI runs, from files that exist, into the jar the runtime stage copies, and that the runtime stage runs
 * a command the jar has, as a non-root user, with the index on a volume, a health check on /health, and settings
 * the service reads from its environment.
 */
class DockerfileTest {
  private static final Path ROOT = Path.of(".");

  /** One instruction: its keyword and its arguments (continuation lines joined). */
  record Instruction(String keyword, String args) {}

  /** The Dockerfile's stages, in order, each a list of instructions; stage 0 starts at the first FROM. */
  static List<List<Instruction>> stages() throws IOException {
    List<List<Instruction>> stages = new ArrayList<>();
    String joined = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    for (String line : joined.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+", 2);
      Instruction ins = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : "");
      if (ins.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(ins);
    }
    return stages;
  }

  static List<String> all(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
  }

  /** An exec-form instruction's words: {@code ["./newsroom", "health"]}. */
  static List<String> execForm(String args) {
    assertTrue(args.startsWith("[") && args.endsWith("]"), "exec form expected: " + args);
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(args);
    while (m.find()) {
      words.add(m.group(1));
    }
    return words;
  }

  @Test
  void theBuildStageRunsTheCommandsCiRunsOnFilesThatExist() throws IOException {
    List<Instruction> build = stages().get(0);
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    List<String> runs = all(build, "RUN");
    assertFalse(runs.isEmpty());
    for (String run : runs) {
      assertTrue(ci.lines().anyMatch(l -> l.strip().equals(run)), "the Dockerfile runs '" + run + "', CI does not");
    }
    for (String copy : all(build, "COPY")) {
      List<String> words = List.of(copy.split("\\s+"));
      for (String source : words.subList(0, words.size() - 1)) {
        assertTrue(Files.exists(ROOT.resolve(source)), "COPY of a missing file: " + source);
      }
    }
    // The launcher builds the product module of the top-level build, whose modules' poms the stage copies.
    String launcher = Files.readString(ROOT.resolve("newsroom"));
    assertTrue(launcher.contains("package -pl src"), "the launcher builds the src module");
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    String copied = String.join(" ", all(build, "COPY"));
    while (module.find()) {
      String m = module.group(1);
      assertTrue(copied.contains(m + "/pom.xml") || copied.matches(".*(^|\\s)" + m + "(\\s).*"),
          "module " + m + " is in pom.xml but its pom is not copied into the build stage");
    }
  }

  @Test
  void theRuntimeStageCopiesTheJarTheBuildWritesToWhereTheLauncherRunsIt() throws IOException {
    List<List<Instruction>> stages = stages();
    assertEquals(2, stages.size());
    String workdir = all(stages.get(0), "WORKDIR").get(0);
    String copyJar =
        all(stages.get(1), "COPY").stream().filter(c -> c.startsWith("--from=build")).findFirst().orElseThrow();
    String[] words = copyJar.split("\\s+");
    // The shaded jar: ${project.build.directory}/newsroom-search.jar, the build directory being the top's target/.
    String productPom = Files.readString(ROOT.resolve("src/pom.xml"));
    assertTrue(productPom.contains("<directory>${project.basedir}/../target</directory>"));
    Matcher out = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+)</outputFile>").matcher(productPom);
    assertTrue(out.find());
    assertEquals(workdir + "/target/" + out.group(1), words[1]);
    assertTrue(productPom.contains("<mainClass>newsroom.cli.Main</mainClass>"));
    Matcher jar = Pattern.compile("(?m)^JAR=\\$ROOT/(\\S+)$").matcher(Files.readString(ROOT.resolve("newsroom")));
    assertTrue(jar.find());
    assertEquals(jar.group(1), words[2], "the launcher runs " + jar.group(1));
    for (String copy : all(stages.get(1), "COPY")) {
      if (!copy.startsWith("--from")) {
        List<String> w = List.of(copy.split("\\s+"));
        for (String source : w.subList(0, w.size() - 1)) {
          assertTrue(Files.exists(ROOT.resolve(source)), "COPY of a missing file: " + source);
        }
      }
    }
    // What the launcher sources comes along.
    Matcher sourced = Pattern.compile("(?m)^\\. \"\\$ROOT/(\\S+)\"$").matcher(Files.readString(ROOT.resolve("newsroom")));
    assertTrue(sourced.find());
    String file = sourced.group(1);
    assertTrue(all(stages.get(1), "COPY").stream().anyMatch(c -> c.startsWith(file + " ")), file + " is not copied");
  }

  @Test
  void theImageRunsACommandOfTheJarAsNonRootWithTheIndexOnAVolumeAndAHealthCheck() throws IOException {
    List<Instruction> runtime = stages().get(1);
    assertEquals(List.of("./newsroom"), execForm(all(runtime, "ENTRYPOINT").get(0)));
    List<String> cmd = execForm(all(runtime, "CMD").get(0));
    assertTrue(Main.COMMANDS.contains(cmd.get(0)), cmd + " is not a command of the jar: " + Main.COMMANDS);

    String user = all(runtime, "USER").get(all(runtime, "USER").size() - 1);
    assertFalse(user.equals("root") || user.startsWith("0"), "runs as root");
    assertTrue(all(runtime, "RUN").stream().anyMatch(r -> r.contains("useradd") && r.contains(" " + user)));

    Map<String, String> env = env(runtime);
    String index = env.get("NEWSROOM_INDEX");
    assertNotNull(index);
    String volume = all(runtime, "VOLUME").get(0);
    assertTrue(index.startsWith(volume + "/"), "the index " + index + " is not on the volume " + volume);

    String health = all(runtime, "HEALTHCHECK").get(0);
    assertEquals(List.of("./newsroom", "health"), execForm(health.substring(health.indexOf("CMD ") + 4)));
    assertTrue(Files.readString(ROOT.resolve("newsroom")).contains("GET /health HTTP/1.0"));
    assertEquals(env.get("NEWSROOM_PORT"), all(runtime, "EXPOSE").get(0));

    // Every setting is one the service or the launcher reads.
    String launcher = Files.readString(ROOT.resolve("newsroom"));
    for (String name : env.keySet()) {
      String option = name.substring("NEWSROOM_".length()).toLowerCase().replace('_', '-');
      assertTrue(Main.OPTIONS.contains(option) || launcher.contains(name), name + " is read by nothing");
    }
  }

  private static Map<String, String> env(List<Instruction> stage) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String args : all(stage, "ENV")) {
      Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(args);
      while (m.find()) {
        env.put(m.group(1), m.group(2));
      }
    }
    return env;
  }
}
