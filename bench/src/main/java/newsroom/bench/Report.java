package newsroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.ServerProcess;

/** Collects a benchmark's figures and writes them as the Markdown tables of docs/benchmarks.md. */
public final class Report {

  /** A table row: the figures of a run, its per-request results when the benchmark client made them (else null). */
  private record Run(
      String name,
      long requests,
      long failures,
      double qps,
      double[] percentilesMs,
      LoadRunner.Result result,
      ServerProcess.Memory memory) {}

  private final StringBuilder head = new StringBuilder();
  private final List<Run> runs = new ArrayList<>();
  private final String loadAtStart = loadAverage();
  private List<BenchQuery> mix = List.of();
  private ServerProcess.Memory idle;
  private String postgresLoad;

  public Report(String title) {
    head.append("### ").append(title).append("\n\n");
    line("run at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    line("machine", machine());
  }

  /** A fact for the head of the report ("indexing", "2,000 articles in 1.2 s"). */
  public void line(String what, String value) {
    head.append("- ").append(what).append(": ").append(value).append('\n');
  }

  public void indexing(long articles, Duration elapsed, int threads, long indexBytes) {
    line(
        "indexing",
        String.format(
            Locale.ROOT,
            "%,d articles in %.1f s = **%,d articles/s** (%d enrich+index threads, enrichment included); index %,d MB",
            articles,
            elapsed.toMillis() / 1000.0,
            Math.round(articles / Math.max(elapsed.toMillis() / 1000.0, 1e-3)),
            threads,
            indexBytes >> 20));
  }

  private final List<String> gcLines = new ArrayList<>();

  void mix(List<BenchQuery> queries) {
    this.mix = queries;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    QueryMix.KINDS.forEach(k -> kinds.put(k, 0));
    queries.forEach(q -> kinds.merge(q.kind(), 1, Integer::sum));
    StringBuilder s = new StringBuilder().append(queries.size()).append(" queries (");
    kinds.forEach((k, n) -> s.append(k).append(' ').append(n).append(", "));
    s.setLength(s.length() - 2);
    line("query mix", s.append("), each with a page of 10 hits, highlighting and all facet counts").toString());
  }

  void idleMemory(ServerProcess.Memory memory) {
    this.idle = memory;
  }

  void postgresLoad(long rows, Duration elapsed) {
    postgresLoad = String.format(Locale.ROOT, "%,d rows (load and index %d s, or 0 if already loaded)", rows, elapsed.toSeconds());
  }

  void run(String name, LoadRunner.Result result, ServerProcess.Memory memory) {
    double[] p = {result.percentileMs(50), result.percentileMs(95), result.percentileMs(99), result.percentileMs(100)};
    runs.add(new Run(name, result.requests(), result.failures(), result.qps(), p, result, memory));
  }

  /** Garbage collection in the server during a run. */
  void gc(String name, double gcSeconds, Duration elapsed) {
    gcLines.add(String.format(Locale.ROOT, "- server garbage collection (%s): %.2f s in %d s of run (%.1f%%)%n",
        name, gcSeconds, elapsed.toSeconds(), 100 * gcSeconds / Math.max(1e-9, elapsed.toNanos() / 1e9)));
  }

  void wrk(String name, WrkRun.Figures f, ServerProcess.Memory memory) {
    double[] p = {f.p50(), f.p95(), f.p99(), f.max()};
    runs.add(new Run(name, f.requests(), f.errors(), f.qps(), p, null, memory));
  }

  public String markdown() {
    StringBuilder md = new StringBuilder(head);
    if (postgresLoad != null) {
      md.append("- PostgreSQL table: ").append(postgresLoad).append('\n');
    }
    md.append("- load average at start: ").append(loadAtStart).append("; at end: ").append(loadAverage()).append("\n\n");

    md.append("| run | requests | failed | QPS | median ms | p95 ms | p99 ms | max ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      double[] p = r.percentilesMs();
      md.append(String.format(
          Locale.ROOT,
          "| %s | %,d | %d | %.0f | %.2f | %.2f | %.2f | %.1f |%n",
          r.name(), r.requests(), r.failures(), r.qps(), p[0], p[1], p[2], p[3]));
    }
    md.append('\n');
    for (Run r : runs) {
      if (r.memory() != null) {
        md.append(String.format(
            Locale.ROOT,
            "- server memory (%s): idle RSS %,d MB; peak RSS under load %,d MB (%,d MB heap and native, %,d MB mapped index files)%n",
            r.name(), idle == null ? 0 : idle.rssMb(), r.memory().rssMb(), r.memory().anonMb(), r.memory().fileMb()));
      }
    }
    gcLines.forEach(md::append);
    ratios(md);
    kinds(md);
    agreement(md);
    return md.toString();
  }

  private void ratios(StringBuilder md) {
    Run inProcess = concurrentRun("in-process");
    Run http = concurrentRun("HTTP, ");
    Run wrk = concurrentRun("HTTP (wrk)");
    Run pg = concurrentRun("PostgreSQL");
    for (Run h : new Run[] {http, wrk}) {
      if (inProcess != null && h != null) {
        md.append(String.format(
            Locale.ROOT,
            "- %s / %s: median %.2fx, p99 %.2fx%n",
            h.name(), inProcess.name(), h.percentilesMs()[0] / inProcess.percentilesMs()[0],
            h.percentilesMs()[2] / inProcess.percentilesMs()[2]));
      }
    }
    if (http != null && pg != null) {
      md.append(String.format(
          Locale.ROOT,
          "- %s / %s: median %.1fx, p95 %.1fx, p99 %.1fx slower; %.1fx fewer queries per second%n",
          pg.name(), http.name(),
          pg.percentilesMs()[0] / http.percentilesMs()[0],
          pg.percentilesMs()[1] / http.percentilesMs()[1],
          pg.percentilesMs()[2] / http.percentilesMs()[2],
          http.qps() / pg.qps()));
    }
    md.append('\n');
  }

  /** The last run (the concurrent one) whose name starts so. */
  private Run concurrentRun(String namePrefix) {
    Run last = null;
    for (Run r : runs) {
      if (r.name().startsWith(namePrefix)) {
        last = r;
      }
    }
    return last;
  }

  /** Median and p99 by kind of query, for every run that kept its samples (not wrk's). */
  private void kinds(StringBuilder md) {
    List<Run> sampled = runs.stream().filter(r -> r.result() != null).toList();
    md.append("Latency by kind of query, median / p99 (ms):\n\n| kind |");
    sampled.forEach(r -> md.append(' ').append(r.name()).append(" |"));
    md.append("\n|---|");
    sampled.forEach(r -> md.append("---:|"));
    md.append('\n');
    for (String kind : QueryMix.KINDS) {
      md.append("| ").append(kind).append(" |");
      for (Run r : sampled) {
        md.append(String.format(
            Locale.ROOT, " %.1f / %.1f |", r.result().percentileMs(mix, kind, 50), r.result().percentileMs(mix, kind, 99)));
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** How often the engines agree on the number of matching articles, query by query. */
  private void agreement(StringBuilder md) {
    Run in = concurrentRun("in-process");
    if (in == null) {
      return;
    }
    LoadRunner.Result reference = in.result();
    for (String target : List.of("HTTP, ", "PostgreSQL")) {
      Run run = concurrentRun(target);
      if (run == null) {
        continue;
      }
      LoadRunner.Result other = run.result();
      int compared = 0;
      int equal = 0;
      int close = 0;
      for (int i = 0; i < mix.size(); i++) {
        LoadRunner.Answer a = reference.answers().get(i);
        LoadRunner.Answer b = other.answers().get(i);
        if (a != null && b != null && a.ok() && b.ok()) {
          compared++;
          equal += a.total() == b.total() ? 1 : 0;
          close += Math.abs(a.total() - b.total()) <= Math.max(1, 0.1 * a.total()) ? 1 : 0;
        }
      }
      md.append(String.format(
          Locale.ROOT,
          "- total hits, %s vs in-process: %d of %d queries equal, %d within 10%%%n",
          target.replace(", ", ""), equal, compared, close));
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown());
  }

  private static String machine() {
    return String.format(
        Locale.ROOT,
        "%d cores, %s memory, JDK %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say so below
    }
    return "unknown";
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
