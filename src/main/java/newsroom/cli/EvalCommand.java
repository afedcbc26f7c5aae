package newsroom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import newsroom.config.EntityNames;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.enrich.Enricher;
import newsroom.eval.Evaluation;
import newsroom.eval.Qrels;
import newsroom.eval.Topics;
import newsroom.lucene.LuceneBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code eval}: ranking quality on judged queries. Indexes a collection through the corpus readers and a profile
 * (as {@code index} does), puts each topic to the same {@link SearchBackend#search} the API answers with, its
 * text as plain words, and prints trec_eval's figures (MAP, P@10, Recall@100, nDCG@10; per query on request); it
 * can write the TREC run file too.
 *
 * <pre>
 * eval --corpus ../shared/relevance-time1963/TIME.ALL --profile time1963 \
 *      --topics ../shared/relevance-time1963/topics.dev.tsv --qrels ../shared/relevance-time1963/qrels.dev.txt \
 *      [--hits 100] [--per-query true] [--syntax plain|auto|lucene] [--run run.txt] [--tag NAME] [--index DIR] [--config DIR]
 *      [--set ranking.bm25.k1=0.9 --set ranking.feedback.method=none ...]
 * </pre>
 *
 * {@code --set} replaces one setting of search.json for this run (see {@link SearchSettings#load(Path, Map)}), so
 * each ranking change can be measured alone.
 */
public final class EvalCommand {
  private static final Logger log = LoggerFactory.getLogger(EvalCommand.class);
  /** Hits asked per topic: the API's largest page, and the depth the TIME 1963 reference figures use. */
  public static final int DEFAULT_HITS = 100;

  private EvalCommand() {}

  static void run(Options options) throws IOException {
    Path config = options.path("config", "index-config");
    SearchSettings settings = SearchSettings.load(config, overrides(options.all("set")));
    Topics topics = Topics.read(required(options, "topics"));
    Qrels qrels = Qrels.read(required(options, "qrels"));
    String given = options.get("index", null);
    Path index = given != null ? Path.of(given) : Files.createTempDirectory("newsroom-eval");
    try {
      required(options, "corpus");
      if (Main.index(options, index).indexed() == 0) {
        throw new IllegalArgumentException("nothing could be indexed from " + options.get("corpus", null));
      }
      try (SearchBackend backend = LuceneBackend.open(index, false, settings, entityNames(config))) {
        Evaluation e =
            evaluate(
                backend,
                topics,
                qrels,
                options.integer("hits", DEFAULT_HITS),
                options.get("tag", Evaluation.DEFAULT_TAG),
                QuerySyntax.parse(options.get("syntax", "plain")));
        System.out.print(e.format(options.flag("per-query")));
        String run = options.get("run", null);
        if (run != null) {
          e.run().write(Path.of(run));
          log.info("run file written to {}", run);
        }
      }
    } finally {
      if (given == null) {
        deleteTree(index);
      }
    }
  }

  /**
   * Puts each judged topic to {@code backend.search} as plain words, first {@code hits} hits by relevance, and
   * evaluates the rankings.
   */
  public static Evaluation evaluate(SearchBackend backend, Topics topics, Qrels qrels, int hits, String tag) {
    return evaluate(backend, topics, qrels, hits, tag, QuerySyntax.PLAIN);
  }

  /**
   * As {@link #evaluate(SearchBackend, Topics, Qrels, int, String)}, the topics read in {@code syntax} ({@code
   * auto} reads words such as AND in a topic as operators, as the API did before plain words existed).
   */
  public static Evaluation evaluate(
      SearchBackend backend, Topics topics, Qrels qrels, int hits, String tag, QuerySyntax syntax) {
    return Evaluation.of(
        topics,
        qrels,
        text -> {
          SearchResponse r =
              backend.search(SearchRequest.of(text).withSyntax(syntax).withPage(1, hits).withFacetLimit(1));
          return r.hits().stream().map(SearchResponse.Hit::id).toList();
        },
        tag);
  }

  /** The entity names of a catalog's dictionaries in {@code config}, for query expansion; none if they cannot be read. */
  static Function<Catalog, EntityNames> entityNames(Path config) {
    return catalog -> {
      try {
        return Enricher.forCatalog(config, catalog).entityNames();
      } catch (RuntimeException e) {
        log.warn("no entity names for query expansion: {}", e.getMessage());
        return EntityNames.none();
      }
    };
  }

  /** {@code key=value} pairs of {@code --set}. */
  static Map<String, String> overrides(List<String> sets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set takes path=value (ranking.bm25.k1=0.9), not '" + s + "'");
      }
      out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
    }
    return out;
  }

  private static Path required(Options options, String name) {
    String value = options.get(name, null);
    if (value == null) {
      throw new IllegalArgumentException("eval needs --" + name);
    }
    return Path.of(value);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }

}
