package newsroom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The words of the generated corpus, ranked by frequency, drawn with a Zipf law (the word of rank r has weight
 * 1/r^s): English function words first, then content words of business news, then a long tail of made-up words
 * that behaves like the rare words, names and typos of real text. Deterministic for a seed.
 */
final class Vocabulary {
  private static final String[] ONSETS = {
    "b", "br", "c", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "qu", "r", "s",
    "sh", "st", "t", "tr", "v", "w", "z"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou"};
  private static final String[] CODAS = {"", "", "", "n", "r", "l", "m", "x", "nd", "rt", "sk"};

  private final String[] words;
  private final int functionWords;
  private final int contentWords;
  private final ZipfSampler sampler;

  /**
   * @param size total number of distinct words
   * @param exponent the Zipf exponent; about 1 for English
   * @param forbidden made-up words that must not be generated (words of dictionary phrases, say)
   */
  Vocabulary(long seed, int size, double exponent, Predicate<String> forbidden) {
    List<String> function = resourceWords("bench/function-words.txt");
    List<String> content = resourceWords("bench/content-words.txt");
    Set<String> all = new LinkedHashSet<>(function);
    all.addAll(content);
    this.functionWords = function.size();
    this.contentWords = all.size() - functionWords;
    SplittableRandom rng = new SplittableRandom(seed);
    while (all.size() < size) {
      String w = madeUpWord(rng);
      if (!forbidden.test(w)) {
        all.add(w);
      }
    }
    this.words = all.toArray(String[]::new);
    this.sampler = new ZipfSampler(words.length, exponent);
  }

  /** A pronounceable made-up word of two to four syllables. */
  static String madeUpWord(SplittableRandom rng) {
    StringBuilder w = new StringBuilder();
    int syllables = 2 + rng.nextInt(3);
    for (int i = 0; i < syllables; i++) {
      w.append(ONSETS[rng.nextInt(ONSETS.length)]).append(VOWELS[rng.nextInt(VOWELS.length)]);
    }
    return w.append(CODAS[rng.nextInt(CODAS.length)]).toString();
  }

  String sample(SplittableRandom rng) {
    return words[sampler.sample(rng)];
  }

  int size() {
    return words.length;
  }

  /** The word of a rank (0 = most frequent). */
  String word(int rank) {
    return words[rank];
  }

  /** First rank that is not a function word: queries pick their terms from here on. */
  int firstContentRank() {
    return functionWords;
  }

  /** First made-up word. */
  int firstMadeUpRank() {
    return functionWords + contentWords;
  }

  private static List<String> resourceWords(String name) {
    InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          out.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Draws ranks 0..n-1 with probability proportional to 1/(r+1)^s in constant time (Vose's alias method): a
   * million articles need close to a billion draws.
   */
  static final class ZipfSampler {
    private final double[] probability;
    private final int[] alias;

    ZipfSampler(int n, double exponent) {
      double[] weight = new double[n];
      double total = 0;
      for (int r = 0; r < n; r++) {
        weight[r] = 1 / Math.pow(r + 1, exponent);
        total += weight[r];
      }
      probability = new double[n];
      alias = new int[n];
      int[] small = new int[n];
      int[] large = new int[n];
      int smallCount = 0;
      int largeCount = 0;
      double[] scaled = new double[n];
      for (int r = 0; r < n; r++) {
        scaled[r] = weight[r] * n / total;
        if (scaled[r] < 1) {
          small[smallCount++] = r;
        } else {
          large[largeCount++] = r;
        }
      }
      while (smallCount > 0 && largeCount > 0) {
        int s = small[--smallCount];
        int l = large[--largeCount];
        probability[s] = scaled[s];
        alias[s] = l;
        scaled[l] = scaled[l] + scaled[s] - 1;
        if (scaled[l] < 1) {
          small[smallCount++] = l;
        } else {
          large[largeCount++] = l;
        }
      }
      while (largeCount > 0) {
        probability[large[--largeCount]] = 1;
      }
      while (smallCount > 0) {
        probability[small[--smallCount]] = 1;
      }
    }

    int sample(SplittableRandom rng) {
      int column = rng.nextInt(probability.length);
      return rng.nextDouble() < probability[column] ? column : alias[column];
    }
  }
}
