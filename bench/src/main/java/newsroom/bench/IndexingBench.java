package newsroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the indexer adds to Lucene's own work: the same corpus built by the index command's pipeline three ways,
 * one after the other, at each number of threads: bare (no dictionary, no stories: what is left is reading the
 * file, making the documents and Lucene's IndexWriter with the catalog's analysis chain), with tagging, and as
 * the product indexes (tagging and story grouping, as the configuration says).
 */
final class IndexingBench {
  private static final Logger log = LoggerFactory.getLogger(IndexingBench.class);
  static final Set<String> OPTIONS = Set.of("corpus", "config", "profile", "threads", "runs", "ram-buffer-mb", "work");

  private record Build(String variant, int threads, long articles, double seconds) {
    double rate() {
      return articles / seconds;
    }
  }

  private IndexingBench() {}

  static void run(Options options) throws IOException {
    Path corpusPath = options.path("corpus", "corpus");
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    int[] levels = Arrays.stream(options.get("threads", "1,2").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    int runs = options.integer("runs", 2);
    int ramBufferMb = options.integer("ram-buffer-mb", 1024);
    Path work = options.path("work", Path.of(System.getProperty("java.io.tmpdir"), "newsroom-indexing-bench").toString());
    Enricher tagging = Enricher.forCatalog(config, catalog);
    Enricher none = new Enricher(List.of());
    Catalog withoutStories = new Catalog(catalog.profile(), catalog.description(), catalog.dimensions(), catalog.analysis(), null);
    StringBuilder md =
        new StringBuilder(
            "| threads | run | bare (articles/s) | tagging | tagging / bare | tagging + stories | product / bare |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int threads : levels) {
      for (int run = 1; run <= runs; run++) {
        Build bare = build("bare", corpusPath, none, withoutStories, threads, ramBufferMb, work);
        Build tagged = build("tagging", corpusPath, tagging, withoutStories, threads, ramBufferMb, work);
        Build product = build("tagging and stories", corpusPath, tagging, catalog, threads, ramBufferMb, work);
        md.append(String.format(Locale.ROOT, "| %d | %d | %,.0f | %,.0f | %.1f%% | %,.0f | %.1f%% |%n",
            threads, run, bare.rate(), tagged.rate(), 100 * tagged.rate() / bare.rate(), product.rate(),
            100 * product.rate() / bare.rate()));
      }
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve("indexing.md"), md);
    System.out.println(md);
  }

  private static Build build(
      String variant, Path corpusPath, Enricher enricher, Catalog catalog, int threads, int ramBufferMb, Path work)
      throws IOException {
    Path index = work.resolve("index");
    WriteBench.deleteTree(index);
    CorpusIndexer.Summary s =
        new CorpusIndexer(Corpus.at(corpusPath, Corpus.defaultFormats()), enricher, threads)
            .build(LuceneBackend.newBuild(index, catalog, ramBufferMb, 1));
    Build b = new Build(variant, threads, s.indexed(), s.elapsed().toNanos() / 1e9);
    log.info("{}, {} threads: {} articles in {} s, {} articles/s",
        variant, threads, s.indexed(), String.format(Locale.ROOT, "%.1f", b.seconds()), String.format(Locale.ROOT, "%.0f", b.rate()));
    WriteBench.deleteTree(index);
    return b;
  }
}
