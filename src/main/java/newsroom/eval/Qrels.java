package newsroom.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments in TREC qrels format, one per line: {@code query iteration document relevance}, e.g.
 * {@code 1 0 017 1}. The iteration column is ignored, as trec_eval does. A relevance of 1 or more means relevant
 * (binary or graded); 0 means judged not relevant; a negative value (trec_eval's "in the pool but unjudged") is
 * kept but counts as not relevant. A document that is not listed for a query is not relevant.
 *
 * @param judgments query id to (document id to relevance), in file order
 */
public record Qrels(Map<String, Map<String, Integer>> judgments) {

  public Qrels {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach((query, docs) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
    judgments = Collections.unmodifiableMap(copy);
  }

  public static Qrels read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.getFileName().toString());
    }
  }

  public static Qrels parse(String text) {
    try {
      return parse(new StringReader(text), "qrels");
    } catch (IOException e) {
      throw new AssertionError(e); // a StringReader does not fail
    }
  }

  /**
   * Reads qrels lines; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line, when a line has not four fields, its relevance is no
   *     integer, or it judges a document the query already judged (trec_eval refuses such files too)
   */
  public static Qrels parse(Reader reader, String name) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      if (f.length != 4) {
        throw new IllegalArgumentException(
            name + ":" + lineNo + ": expected 'query iteration document relevance', got '" + line.strip() + "'");
      }
      int relevance;
      try {
        relevance = Integer.parseInt(f[3]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": relevance '" + f[3] + "' is no integer");
      }
      Map<String, Integer> docs = judgments.computeIfAbsent(f[0], q -> new LinkedHashMap<>());
      if (docs.putIfAbsent(f[2], relevance) != null) {
        throw new IllegalArgumentException(
            name + ":" + lineNo + ": query " + f[0] + " judges document " + f[2] + " a second time");
      }
    }
    return new Qrels(judgments);
  }

  /** The judged queries, in file order; a query may have judgments and still no relevant document. */
  public Set<String> queries() {
    return judgments.keySet();
  }

  /** The query's judgments (document id to relevance); empty for a query that was not judged. */
  public Map<String, Integer> judgments(String query) {
    return judgments.getOrDefault(query, Map.of());
  }

  /** The relevance of the document for the query: 0 when it was not judged. */
  public int relevance(String query, String document) {
    return judgments(query).getOrDefault(document, 0);
  }

  /** The documents judged relevant (relevance 1 or more) to the query, in file order. */
  public Set<String> relevant(String query) {
    Set<String> relevant = new LinkedHashSet<>();
    judgments(query).forEach((doc, rel) -> {
      if (rel > 0) {
        relevant.add(doc);
      }
    });
    return relevant;
  }

  /** The number of (query, document) pairs judged relevant. */
  public int relevantPairs() {
    return judgments.values().stream().mapToInt(d -> (int) d.values().stream().filter(r -> r > 0).count()).sum();
  }
}
