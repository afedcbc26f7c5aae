package newsroom.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ranked list of document ids per query, as a search system returned them, and its TREC run file form: one line
 * per retrieved document, {@code query Q0 document rank score tag}.
 *
 * <p>The order of a ranking is the order evaluated. trec_eval itself ignores the rank column and orders each
 * query's lines by score, highest first, a tie going to the document id that sorts last (byte-wise); so
 * {@link #write} gives the documents strictly decreasing scores (their count down to 1) and trec_eval sees the
 * same order, and {@link #read} orders lines exactly as trec_eval does, so that a run file from elsewhere, ties
 * and all, is evaluated here as trec_eval evaluates it.
 *
 * @param tag the run's name (last column of the file): no white space
 * @param rankings query id to the documents retrieved, best first; no document twice (trec_eval refuses that)
 */
public record Run(String tag, Map<String, List<String>> rankings) {
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  public Run {
    if (tag == null || !NO_SPACE.matcher(tag).matches()) {
      throw new IllegalArgumentException("a run tag is one word, not '" + tag + "'");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    rankings.forEach(
        (query, docs) -> {
          if (query == null || !NO_SPACE.matcher(query).matches()) {
            throw new IllegalArgumentException("a query id is one word, not '" + query + "'");
          }
          Set<String> seen = new HashSet<>();
          for (String doc : docs) {
            if (doc == null || !NO_SPACE.matcher(doc).matches()) {
              throw new IllegalArgumentException("query " + query + ": a document id is one word, not '" + doc + "'");
            }
            if (!seen.add(doc)) {
              throw new IllegalArgumentException("query " + query + " retrieves document " + doc + " twice");
            }
          }
          copy.put(query, List.copyOf(docs));
        });
    rankings = Collections.unmodifiableMap(copy);
  }

  /** The documents retrieved for the query, best first; empty when the run has nothing for it. */
  public List<String> ranking(String query) {
    return rankings.getOrDefault(query, List.of());
  }

  public Set<String> queries() {
    return rankings.keySet();
  }

  public void write(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(out);
    }
  }

  /** Writes the run file: queries in this run's order, each ranking best first with scores counting down to 1. */
  public void write(Appendable out) throws IOException {
    for (Map.Entry<String, List<String>> e : rankings.entrySet()) {
      List<String> docs = e.getValue();
      for (int i = 0; i < docs.size(); i++) {
        out.append(e.getKey())
            .append(" Q0 ")
            .append(docs.get(i))
            .append(' ')
            .append(Integer.toString(i + 1))
            .append(' ')
            .append(Integer.toString(docs.size() - i))
            .append(' ')
            .append(tag)
            .append('\n');
      }
    }
  }

  /** The run file's text. */
  public String format() {
    StringBuilder out = new StringBuilder();
    try {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return out.toString();
  }

  public static Run read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.getFileName().toString());
    }
  }

  public static Run parse(String text) {
    try {
      return parse(new StringReader(text), "run");
    } catch (IOException e) {
      throw new AssertionError(e); // a StringReader does not fail
    }
  }

  /** One line of a run file. */
  private record Line(String doc, double score) {}

  /** trec_eval's order: score descending, then document id descending (byte-wise, as C's strcmp). */
  private static final Comparator<Line> TREC_EVAL_ORDER =
      Comparator.comparingDouble(Line::score)
          .reversed()
          .thenComparing(Line::doc, (a, b) -> compareBytes(b, a));

  /**
   * Reads a TREC run file; blank lines are skipped, the rank column is ignored, and each query's documents are
   * put in trec_eval's order (see the class comment). The tag is the first line's.
   *
   * @throws IllegalArgumentException naming the line, when a line has not six fields or its score is no number,
   *     or when a query retrieves the same document twice; or when the file has no line at all
   */
  public static Run parse(Reader reader, String name) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    Map<String, List<Line>> lines = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    String tag = null;
    long lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      if (f.length != 6) {
        throw new IllegalArgumentException(
            name + ":" + lineNo + ": expected 'query Q0 document rank score tag', got '" + line.strip() + "'");
      }
      double score;
      try {
        score = Double.parseDouble(f[4]);
      } catch (NumberFormatException e) {
        score = Double.NaN;
      }
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": score '" + f[4] + "' is no number");
      }
      if (!seen.computeIfAbsent(f[0], q -> new HashSet<>()).add(f[2])) {
        throw new IllegalArgumentException(
            name + ":" + lineNo + ": query " + f[0] + " retrieves document " + f[2] + " a second time");
      }
      lines.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new Line(f[2], score));
      if (tag == null) {
        tag = f[5];
      }
    }
    if (tag == null) {
      throw new IllegalArgumentException(name + ": no run lines");
    }
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    lines.forEach((query, docs) -> rankings.put(query, docs.stream().sorted(TREC_EVAL_ORDER).map(Line::doc).toList()));
    return new Run(tag, rankings);
  }

  /** Compares as C's strcmp does on the UTF-8 bytes. */
  static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
