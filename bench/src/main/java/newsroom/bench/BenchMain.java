package newsroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the benchmark jar (docs/benchmarks.md), which carries the product too: the server it measures
 * is started from the same jar.
 *
 * <pre>
 * generate --articles N --seed S --out FILE.jsonl [--config DIR --profile NAME --threads N --syndicated 0.15]   write a synthetic corpus (a share of syndicated copies)
 * bench    --articles N --work DIR [...]                                                    run the benchmark
 * export   --port N [--query 'format=csv&amp;q=...'] [--runs N]                            time one streamed export
 * writes   [--corpus DIR_OR_FILE --concurrency 1,4,16 --seconds N --server-jar JAR]         live-write latency
 * match    [--corpus DIR_OR_FILE --searches 10,100,1000,10000 --articles N]                  saved-search matching per write
 * indexing --corpus FILE [--threads 1,2 --runs N --ram-buffer-mb N]                   tagging's share of indexing
 * answers  --port N --out FILE [--seed S --mix-seed S --queries N]                       every answer of the mix
 * solr     --corpus FILE.jsonl --index DIR --solr-urls URL[,URL] [--shards 1,2] [...]      embedded vs SolrCloud
 * </pre>
 */
public final class BenchMain {
  private static final Logger log = LoggerFactory.getLogger(BenchMain.class);
  private static final Set<String> GENERATE_OPTIONS = Set.of("articles", "seed", "out", "config", "profile", "threads", "syndicated");

  private BenchMain() {}

  public static void main(String[] args) {
    if (args.length == 0
        || !Set.of("generate", "bench", "export", "writes", "match", "indexing", "answers", "solr").contains(args[0])) {
      System.err.println("usage: newsroom-bench generate --articles N --seed S --out FILE.jsonl [--config DIR]"
          + " [--profile NAME] [--threads N] [--syndicated SHARE (default 0.15)]");
      System.err.println("       newsroom-bench bench --articles N --work DIR [options: docs/benchmarks.md]");
      System.err.println("       newsroom-bench export --port N [--query 'format=csv&q=...'] [--runs N]");
      System.err.println("       newsroom-bench writes [--corpus DIR_OR_FILE] [--concurrency 1,4,16] [--seconds N]"
          + " [--server-jar JAR]");
      System.err.println("       newsroom-bench match [--corpus DIR_OR_FILE] [--searches 10,100,1000] [--articles N]");
      System.err.println("       newsroom-bench indexing --corpus FILE [--threads 1,2] [--runs N]");
      System.err.println("       newsroom-bench answers --port N --out FILE [--seed S] [--mix-seed S] [--queries N]");
      System.err.println("       newsroom-bench solr --corpus FILE.jsonl --index DIR --solr-urls URL[,URL] [--shards 1,2]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      if (args[0].equals("generate")) {
        generate(new Options(rest, GENERATE_OPTIONS, System.getenv()));
      } else if (args[0].equals("export")) {
        ExportBench.run(new Options(rest, ExportBench.OPTIONS, System.getenv()));
      } else if (args[0].equals("writes")) {
        WriteBench.run(new Options(rest, WriteBench.OPTIONS, System.getenv()));
      } else if (args[0].equals("match")) {
        MatchBench.run(new Options(rest, MatchBench.OPTIONS, System.getenv()));
      } else if (args[0].equals("indexing")) {
        IndexingBench.run(new Options(rest, IndexingBench.OPTIONS, System.getenv()));
      } else if (args[0].equals("answers")) {
        AnswersDump.run(new Options(rest, AnswersDump.OPTIONS, System.getenv()));
      } else if (args[0].equals("solr")) {
        SolrBenchmark.run(new Options(rest, SolrBenchmark.OPTIONS, System.getenv()));
      } else {
        BenchmarkRun.run(new Options(rest, BenchmarkRun.OPTIONS, System.getenv()));
      }
    } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
      log.error("{}", e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      log.error("benchmark failed", e);
      System.exit(1);
    }
  }

  private static void generate(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    long articles = options.integer("articles", 100_000);
    Path out = options.path("out", "corpus-" + articles + ".jsonl");
    CorpusGenerator.Summary s =
        new CorpusGenerator(
                config, catalog, options.integer("seed", 42),
                Double.parseDouble(options.get("syndicated", String.valueOf(CorpusGenerator.DEFAULT_SYNDICATED))))
            .generate(articles, out, options.integer("threads", Runtime.getRuntime().availableProcessors()));
    log.info("wrote {} articles ({} MB) to {} in {} s", s.articles(), s.bytes() >> 20, out, s.elapsed().toSeconds());
  }
}
