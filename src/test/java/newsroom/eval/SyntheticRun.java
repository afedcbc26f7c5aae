package newsroom.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A made-up run and judgments with the awkward cases in them, generated from a fixed seed ({@link Random}'s
 * sequence is specified, so every JDK makes the same files): graded judgments (0, 1, 2), a judged query with no
 * relevant document, a judged query the run misses, a query the judgments do not have, a ranking shorter than 10,
 * rankings longer than 100, many tied scores, and query ids whose byte order is not their numeric order.
 *
 * <p>{@link #main} writes the two files (qrels, then run, to the paths given), to put them to trec_eval.
 */
final class SyntheticRun {
  private SyntheticRun() {}

  static String qrels() {
    Random random = new Random(1963);
    StringBuilder out = new StringBuilder();
    for (String query : List.of("1", "2", "3", "4", "5", "10")) {
      List<String> docs = pool();
      Collections.shuffle(docs, random);
      for (String doc : docs.subList(0, 80)) {
        int rel = query.equals("5") ? 0 : random.nextInt(3);
        out.append(query).append(" 0 ").append(doc).append(' ').append(rel).append('\n');
      }
    }
    return out.toString();
  }

  static String run() {
    Random random = new Random(22);
    StringBuilder out = new StringBuilder();
    // Query 4 is judged but not run; query 7 is run but not judged.
    String[] queries = {"1", "2", "3", "5", "7", "10"};
    int[] depth = {150, 9, 120, 30, 20, 60};
    for (int q = 0; q < queries.length; q++) {
      List<String> docs = pool();
      Collections.shuffle(docs, random);
      for (int i = 0; i < depth[q]; i++) {
        // Few distinct scores, so most documents tie with others; the rank column is deliberately wrong.
        out.append(queries[q])
            .append(" Q0 ")
            .append(docs.get(i))
            .append(' ')
            .append(depth[q] - i)
            .append(' ')
            .append(random.nextInt(8) / 2.0)
            .append(" synthetic\n");
      }
    }
    return out.toString();
  }

  /** d000 to d199: few documents, so that a ranking finds relevant ones near its top. */
  private static List<String> pool() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      docs.add(String.format("d%03d", i));
    }
    return docs;
  }

  public static void main(String[] args) throws Exception {
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), qrels());
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), run());
  }
}
