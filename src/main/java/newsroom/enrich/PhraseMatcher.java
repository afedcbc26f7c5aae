package newsroom.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds dictionary phrases in text on word boundaries, in one pass over the words.
 *
 * <p>A phrase is a sequence of words; a word ending in {@code *} matches any word it begins (so
 * {@code regist*} matches "registering" and "registrations"), and {@code *} alone matches any one word. Matching
 * ignores case unless the phrase was added as exact-case (for acronyms such as "FTA" that are common words in
 * lower case).
 */
public final class PhraseMatcher<V> {

  private record Phrase<V>(String[] words, boolean exactCase, V value) {}

  /** First words up to this length are in {@link #firstWordShapes}; longer ones are always looked up. */
  private static final int SHAPE_LENGTHS = 64;

  /** Phrases indexed by their first word, when that word is a plain one: the common, fast case. */
  private final Map<String, List<Phrase<V>>> byFirstWord = new HashMap<>();
  /**
   * Length and lower-case first letter of the plain first words: an ASCII word of the text with another shape
   * cannot start a phrase, so most words are ruled out without being lower-cased (tagging costs one pass over
   * the text; lower-casing and hashing every word was most of it).
   */
  private final boolean[][] firstWordShapes = new boolean[SHAPE_LENGTHS + 1][128];
  /** Phrases whose first word is a prefix ({@code regist*}), by the prefix's lower-case first letter. */
  private final Map<Character, List<Phrase<V>>> prefixStart = new HashMap<>();
  /** Phrases whose first word is {@code *} alone, tried at every position. */
  private final List<Phrase<V>> wildcardStart = new ArrayList<>();

  public void add(String phrase, boolean exactCase, V value) {
    List<String> words = words(phrase);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("empty phrase for " + value);
    }
    String[] ws =
        words.stream()
            .map(w -> exactCase ? w : w.toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
    Phrase<V> p = new Phrase<>(ws, exactCase, value);
    String first = ws[0];
    if (first.equals("*")) {
      wildcardStart.add(p);
    } else if (first.endsWith("*")) {
      prefixStart.computeIfAbsent(Character.toLowerCase(first.charAt(0)), k -> new ArrayList<>()).add(p);
    } else {
      String key = first.toLowerCase(Locale.ROOT);
      byFirstWord.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      if (key.charAt(0) < 128) {
        firstWordShapes[Math.min(key.length(), SHAPE_LENGTHS)][key.charAt(0)] = true;
      }
    }
  }

  /** The values of all phrases found in the text, in order of first appearance. */
  public Set<V> find(String text) {
    Words words = Words.of(text);
    Set<V> found = new LinkedHashSet<>();
    for (int i = 0; i < words.size(); i++) {
      if (mayStartPlainPhrase(words, i)) {
        List<Phrase<V>> candidates = byFirstWord.get(words.lower(i));
        if (candidates != null) {
          for (Phrase<V> p : candidates) {
            if (matchesAt(p, words, i)) {
              found.add(p.value());
            }
          }
        }
      }
      if (!prefixStart.isEmpty()) {
        List<Phrase<V>> candidates = prefixStart.get(Character.toLowerCase(words.firstChar(i)));
        if (candidates != null) {
          for (Phrase<V> p : candidates) {
            if (matchesAt(p, words, i)) {
              found.add(p.value());
            }
          }
        }
      }
      for (Phrase<V> p : wildcardStart) {
        if (matchesAt(p, words, i)) {
          found.add(p.value());
        }
      }
    }
    return found;
  }

  /** False when the word certainly is no plain first word (only decided for ASCII words, whose case maps 1:1). */
  private boolean mayStartPlainPhrase(Words words, int i) {
    if (!words.ascii(i)) {
      return true;
    }
    char first = Character.toLowerCase(words.firstChar(i));
    return firstWordShapes[Math.min(words.length(i), SHAPE_LENGTHS)][first];
  }

  private static boolean matchesAt(Phrase<?> p, Words words, int start) {
    if (start + p.words().length > words.size()) {
      return false;
    }
    for (int k = 0; k < p.words().length; k++) {
      String want = p.words()[k];
      if (want.equals("*")) {
        continue;
      }
      String have = p.exactCase() ? words.original(start + k) : words.lower(start + k);
      if (want.endsWith("*")
          ? !have.regionMatches(0, want, 0, want.length() - 1)
          : !have.equals(want)) {
        return false;
      }
    }
    return true;
  }

  /** Splits a phrase into words the same way text is split, keeping {@code *}. */
  private static List<String> words(String phrase) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < phrase.length(); i++) {
      char c = phrase.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '*') {
        w.append(c);
      } else if (!w.isEmpty()) {
        out.add(w.toString());
        w.setLength(0);
      }
    }
    if (!w.isEmpty()) {
      out.add(w.toString());
    }
    return out;
  }

  /**
   * The words of a text: runs of letters and digits, as written and lower-cased. Only their bounds are found up
   * front; a word's strings are made when a phrase needs them.
   */
  private static final class Words {
    private final String text;
    private int[] starts;
    private int[] ends;
    private boolean[] ascii;
    private String[] original;
    private String[] lower;
    private int size;

    private Words(String text) {
      this.text = text;
      // English averages about six characters a word with its space: this rarely needs to grow.
      int capacity = text.length() / 5 + 16;
      starts = new int[capacity];
      ends = new int[capacity];
      ascii = new boolean[capacity];
      original = new String[capacity];
      lower = new String[capacity];
    }

    static Words of(String text) {
      Words words = new Words(text);
      int start = -1;
      boolean ascii = true;
      for (int i = 0; i <= text.length(); i++) {
        char c = i < text.length() ? text.charAt(i) : ' ';
        boolean inWord = i < text.length() && Character.isLetterOrDigit(c);
        if (inWord) {
          if (start < 0) {
            start = i;
            ascii = true;
          }
          ascii &= c < 128;
        } else if (start >= 0) {
          words.add(start, i, ascii);
          start = -1;
        }
      }
      return words;
    }

    private void add(int start, int end, boolean isAscii) {
      if (size == starts.length) {
        int n = size * 2;
        starts = java.util.Arrays.copyOf(starts, n);
        ends = java.util.Arrays.copyOf(ends, n);
        ascii = java.util.Arrays.copyOf(ascii, n);
        original = java.util.Arrays.copyOf(original, n);
        lower = java.util.Arrays.copyOf(lower, n);
      }
      starts[size] = start;
      ends[size] = end;
      ascii[size++] = isAscii;
    }

    int size() {
      return size;
    }

    int length(int i) {
      return ends[i] - starts[i];
    }

    char firstChar(int i) {
      return text.charAt(starts[i]);
    }

    boolean ascii(int i) {
      return ascii[i];
    }

    String original(int i) {
      if (original[i] == null) {
        original[i] = text.substring(starts[i], ends[i]);
      }
      return original[i];
    }

    String lower(int i) {
      if (lower[i] == null) {
        lower[i] = original(i).toLowerCase(Locale.ROOT);
      }
      return lower[i];
    }
  }
}
