package newsroom.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a body and their shingles (runs of k consecutive words), as story grouping compares them. Words are
 * runs of letters and digits, lower-cased: punctuation, spacing and case edits do not make a copy look different,
 * while a changed figure ("12 cts" for "10 cts") does.
 */
public final class Shingles {
  private Shingles() {}

  /** The lower-cased words of {@code text} in order; none for null. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= lower.length(); i++) {
      boolean wordChar = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
    }
    return words;
  }

  /**
   * A 64-bit hash of every shingle of {@code k} words (repeats included; a text shorter than k words has none).
   * Each shingle is hashed from its words' own hashes, so no shingle string is built.
   */
  public static long[] hashes(String text, int k) {
    List<String> words = words(text);
    int n = words.size() - k + 1;
    if (n <= 0) {
      return new long[0];
    }
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) {
      wordHashes[i] = mix(words.get(i).hashCode() * 0x9E3779B97F4A7C15L + words.get(i).length());
    }
    long[] shingles = new long[n];
    for (int i = 0; i < n; i++) {
      long h = 0x632BE59BD9B4E019L;
      for (int j = 0; j < k; j++) {
        h = mix(h * 31 + wordHashes[i + j]);
      }
      shingles[i] = h;
    }
    return shingles;
  }

  /** A strong 64-bit mixer (the finaliser of SplitMix64 / MurmurHash3). */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85EC5L;
    return z ^ (z >>> 33);
  }
}
