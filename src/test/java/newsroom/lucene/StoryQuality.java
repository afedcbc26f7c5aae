package newsroom.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.config.StorySettings;
import newsroom.ingest.Corpus;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * How well the index's stories match the truth, pair by pair. The truth is computed here on its own, without
 * signatures or band keys: the exact Jaccard similarity of the shingle sets (as strings) of every candidate pair.
 * A pair is a near-duplicate when its similarity is at least the threshold (both bodies having at least {@code
 * min_shingles} distinct shingles, as stories.json defines what can be grouped).
 *
 * <p>Candidates come from prefix filtering, which misses no pair at or above the threshold t: order all
 * shingles by how few bodies have them (rarest first); a body x of |x| shingles indexes its first |x| - ceil(t|x|)
 * + 1. If J(x, y) >= t, they share o >= t|x| (and >= t|y|) shingles, since their union is at least as large as
 * either. The rarest shared shingle z has o - 1 shared shingles after it in x's order, so its rank in x is at most
 * |x| - o + 1 <= |x| - ceil(t|x|) + 1: z is in x's prefix, and likewise in y's. So every such pair shares a prefix
 * shingle and is a candidate, and only the (few) pairs of rare shingles are compared.
 *
 * <p>Run on a corpus and its built index: {@code main(corpusDir, indexGenerationDir, configDir)}.
 */
public final class StoryQuality {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  /**
   * Pairwise figures: {@code truePairs} near-duplicate pairs, {@code groupedPairs} pairs the index puts in one
   * story, {@code both} pairs in both.
   */
  public record Figures(long articles, long candidates, long truePairs, long groupedPairs, long both) {
    public double precision() {
      return groupedPairs == 0 ? 1 : (double) both / groupedPairs;
    }

    public double recall() {
      return truePairs == 0 ? 1 : (double) both / truePairs;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%d articles, %d candidate pairs, %d near-duplicate pairs, %d grouped pairs, %d both:"
              + " precision %.4f, recall %.4f", articles, candidates, truePairs, groupedPairs, both,
          precision(), recall());
    }
  }

  private StoryQuality() {}

  /** The shingles of a body, as strings of {@code k} words. */
  static Set<String> shingles(String body, int k) {
    String text = body == null ? "" : body.toLowerCase(Locale.ROOT).strip();
    List<String> words = text.isEmpty() ? List.of() : Arrays.stream(NON_WORD.split(text)).filter(w -> !w.isEmpty()).toList();
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + k <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + k)));
    }
    return shingles;
  }

  /** Every pair (ids, lower first) whose bodies' exact Jaccard similarity is at least the threshold. */
  static Map<String, Double> nearDuplicates(Map<String, String> bodies, StorySettings settings, long[] candidates) {
    List<String> ids = new ArrayList<>(bodies.keySet());
    List<Set<String>> sets = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    for (String id : ids) {
      Set<String> s = shingles(bodies.get(id), settings.shingleSize());
      sets.add(s.size() >= settings.minShingles() ? s : Set.of());
      sets.get(sets.size() - 1).forEach(sh -> df.merge(sh, 1, Integer::sum));
    }
    Comparator<String> rarestFirst = Comparator.comparing((String sh) -> df.get(sh)).thenComparing(sh -> sh);
    Map<String, List<Integer>> prefixIndex = new HashMap<>();
    Map<String, Double> pairs = new LinkedHashMap<>();
    double t = settings.threshold();
    for (int x = 0; x < ids.size(); x++) {
      Set<String> set = sets.get(x);
      if (set.isEmpty()) {
        continue;
      }
      List<String> ordered = set.stream().sorted(rarestFirst).toList();
      int prefix = ordered.size() - (int) Math.ceil(t * ordered.size() - 1e-9) + 1;
      Set<Integer> seen = new HashSet<>();
      for (String sh : ordered.subList(0, prefix)) {
        for (int y : prefixIndex.getOrDefault(sh, List.of())) {
          if (seen.add(y)) {
            candidates[0]++;
            double j = jaccard(set, sets.get(y));
            if (j >= t) {
              String a = ids.get(x);
              String b = ids.get(y);
              pairs.put(a.compareTo(b) < 0 ? a + " " + b : b + " " + a, j);
            }
          }
        }
        prefixIndex.computeIfAbsent(sh, k -> new ArrayList<>()).add(x);
      }
    }
    return pairs;
  }

  static double jaccard(Set<String> a, Set<String> b) {
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    long shared = small.stream().filter(large::contains).count();
    return (double) shared / (a.size() + b.size() - shared);
  }

  /** The bodies of a corpus by id, as its reader gives them to the indexer. */
  static Map<String, String> bodies(Path corpus) {
    Map<String, String> bodies = new LinkedHashMap<>();
    Corpus.at(corpus, Corpus.defaultFormats()).read(
        (Article a) -> bodies.put(a.id(), a.body()), problem -> {}, (file, bytes) -> {});
    return bodies;
  }

  /** The story of every article of an index generation, by id. */
  static Map<String, String> stories(Path generation) throws IOException {
    Map<String, String> stories = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(generation))) {
      Bits live = MultiBits.getLiveDocs(reader);
      StoredFields stored = reader.storedFields();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        if (live == null || live.get(doc)) {
          Document d = stored.document(doc, Set.of(ArticleFields.ID));
          stories.put(d.get(ArticleFields.ID), StoryFields.story(reader.leaves(), doc));
        }
      }
    }
    return stories;
  }

  /** The index's stories of a corpus measured against its exact near-duplicate pairs. */
  static Figures measure(Path corpus, Path generation, StorySettings settings) throws IOException {
    Map<String, String> bodies = bodies(corpus);
    long[] candidates = new long[1];
    Map<String, Double> truth = nearDuplicates(bodies, settings, candidates);
    Map<String, String> stories = stories(generation);
    Map<String, Long> sizes = new HashMap<>();
    stories.values().forEach(s -> sizes.merge(s, 1L, Long::sum));
    long grouped = sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    long both = 0;
    for (String pair : truth.keySet()) {
      String[] ab = pair.split(" ");
      if (stories.get(ab[0]) != null && stories.get(ab[0]).equals(stories.get(ab[1]))) {
        both++;
      }
    }
    return new Figures(bodies.size(), candidates[0], truth.size(), grouped, both);
  }

  public static void main(String[] args) throws IOException {
    Path config = Path.of(args.length > 2 ? args[2] : "index-config");
    System.out.println(measure(Path.of(args[0]), Path.of(args[1]), StorySettings.load(config)));
  }
}
