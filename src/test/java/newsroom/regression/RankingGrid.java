package newsroom.regression;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.backend.SearchBackend;
import newsroom.cli.EvalCommand;
import newsroom.config.SearchSettings;
import newsroom.eval.Evaluation;
import newsroom.eval.Qrels;
import newsroom.eval.Topics;
import newsroom.lucene.LuceneBackend;

/**
 * Measures many ranking settings on one judged collection in one process (the {@code eval} command indexes anew
 * each run): the collection is indexed once, then each line of standard input, a list of {@code path=value}
 * overrides of search.json separated by spaces (an empty line: search.json as it is), is evaluated as {@code eval
 * --set ...} would, and printed with its MAP, P@10, Recall@100 and nDCG@10. How docs/ranking.md's grids were run:
 *
 * <pre>
 * mvn -B -q test-compile -pl src
 * printf 'ranking.bm25.k1=0.9 ranking.bm25.b=0.4\n...' | java -cp "$(cat cp.txt):target/classes:target/test-classes" \
 *     newsroom.regression.RankingGrid CORPUS_FILE PROFILE TOPICS QRELS
 * </pre>
 */
public final class RankingGrid {
  private RankingGrid() {}

  public static void main(String[] args) throws Exception {
    Path index = Files.createTempDirectory("ranking-grid");
    TestIndexes.build(Path.of(args[0]), index, args[1]);
    Topics topics = Topics.read(Path.of(args[2]));
    Qrels qrels = Qrels.read(Path.of(args[3]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      Map<String, String> overrides = new LinkedHashMap<>();
      for (String kv : line.strip().split("\\s+")) {
        if (!kv.isEmpty()) {
          overrides.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      SearchSettings settings = SearchSettings.load(TestIndexes.CONFIG, overrides);
      try (SearchBackend backend = LuceneBackend.open(index, false, settings, TestIndexes.entityNames())) {
        Evaluation e = EvalCommand.evaluate(backend, topics, qrels, EvalCommand.DEFAULT_HITS, "grid");
        System.out.printf(
            "map=%.4f P_10=%.4f recall_100=%.4f ndcg_cut_10=%.4f  %s%n",
            e.mean().map(), e.mean().precisionAt10(), e.mean().recallAt100(), e.mean().ndcgAt10(), line.strip());
        System.out.flush();
      }
    }
  }
}
