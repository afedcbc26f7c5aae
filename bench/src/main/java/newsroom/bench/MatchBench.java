package newsroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchRequest;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.lucene.LuceneBackend;
import newsroom.model.Article;
import newsroom.pipeline.CorpusIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What saved searches add to a live write: the time to match one written article against N saved searches (the
 * percolator of the Lucene backend), in-process. The searches are made from the corpus's own titles and labels:
 * a third two words with AND, a third a two-word phrase, a third a word with a facet filter.
 */
final class MatchBench {
  private static final Logger log = LoggerFactory.getLogger(MatchBench.class);
  static final Set<String> OPTIONS = Set.of("corpus", "config", "work", "searches", "articles", "seed");

  private MatchBench() {}

  static void run(Options options) throws Exception {
    Path corpus = options.path("corpus", "corpus");
    Path config = options.path("config", "index-config");
    Path work = options.path("work", Path.of(System.getProperty("java.io.tmpdir"), "newsroom-match-bench").toString());
    int[] levels = Arrays.stream(options.get("searches", "10,100,1000,10000").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    int articles = options.integer("articles", 2000);
    Random random = new Random(options.integer("seed", 42));

    Catalog catalog = Catalog.load(config, Catalog.DEFAULT_PROFILE);
    Enricher enricher = Enricher.forCatalog(config, catalog);
    List<Article> texts = new ArrayList<>();
    Corpus.at(corpus, Corpus.defaultFormats()).read(a -> {
      if (texts.size() < articles) {
        texts.add(enricher.enrich(a));
      }
    }, p -> {}, (f, b) -> {});
    Files.createDirectories(work);
    Path index = work.resolve("index");
    if (!LuceneBackend.exists(index)) {
      new CorpusIndexer(Corpus.at(corpus, Corpus.defaultFormats()), enricher, Runtime.getRuntime().availableProcessors())
          .build(LuceneBackend.newBuild(index, catalog, 256, 1));
    }
    StringBuilder md = new StringBuilder("| saved searches | per article, median | p99 | articles matched by at least one |\n|---:|---:|---:|---:|\n");
    try (LuceneBackend backend = LuceneBackend.open(index, false, SearchSettings.load(config))) {
      SavedSearchMatcher matcher = backend.savedSearches();
      int registered = 0;
      for (int level : levels) {
        while (registered < level) {
          matcher.register("s" + registered, search(texts.get(random.nextInt(texts.size())), registered, random, catalog));
          registered++;
        }
        for (Article a : texts.subList(0, Math.min(200, texts.size()))) {
          matcher.match(List.of(a)); // warm-up and compile
        }
        long[] nanos = new long[texts.size()];
        int matched = 0;
        for (int i = 0; i < texts.size(); i++) {
          long start = System.nanoTime();
          Map<String, List<String>> found = matcher.match(List.of(texts.get(i)));
          nanos[i] = System.nanoTime() - start;
          matched += found.isEmpty() ? 0 : 1;
        }
        Arrays.sort(nanos);
        String line = String.format(Locale.ROOT, "| %,d | %.3f ms | %.3f ms | %d of %d |", level,
            nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, matched, texts.size());
        log.info(line);
        md.append(line).append('\n');
      }
    }
    Files.writeString(work.resolve("match.md"), md.toString());
    log.info("report written to {}:\n{}", work.resolve("match.md"), md);
  }

  /** A search that some articles match: words of this article's title, or one with a label it has. */
  private static SearchRequest search(Article a, int n, Random random, Catalog catalog) {
    String[] words = Arrays.stream(String.valueOf(a.title()).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() > 3).toArray(String[]::new);
    if (words.length < 2) {
      return SearchRequest.of("news");
    }
    int i = random.nextInt(words.length - 1);
    return switch (n % 3) {
      case 0 -> SearchRequest.of(words[i] + " AND " + words[random.nextInt(words.length)]);
      case 1 -> SearchRequest.of("\"" + words[i] + " " + words[i + 1] + "\"");
      default -> a.labels().entrySet().stream()
          .filter(e -> !e.getValue().isEmpty() && catalog.dimension(e.getKey()).isPresent()).findFirst()
          .map(e -> SearchRequest.of(words[i]).withFilter(e.getKey(), e.getValue().get(0)))
          .orElse(SearchRequest.of(words[i]));
    };
  }
}
