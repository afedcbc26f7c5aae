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

  /** Phrases indexed by their first word, when that word is a plain one: the common, fast case. */
  private final Map<String, List<Phrase<V>>> byFirstWord = new HashMap<>();
  /** Phrases whose first word is a prefix or a wildcard, tried at every position. */
  private final List<Phrase<V>> openStart = new ArrayList<>();

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
    if (first.endsWith("*")) {
      openStart.add(p);
    } else {
      byFirstWord.computeIfAbsent(first.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
    }
  }

  /** The values of all phrases found in the text, in order of first appearance. */
  public Set<V> find(String text) {
    Words words = Words.of(text);
    Set<V> found = new LinkedHashSet<>();
    for (int i = 0; i < words.size(); i++) {
      List<Phrase<V>> candidates = byFirstWord.get(words.lower(i));
      if (candidates != null) {
        for (Phrase<V> p : candidates) {
          if (matchesAt(p, words, i)) {
            found.add(p.value());
          }
        }
      }
      for (Phrase<V> p : openStart) {
        if (matchesAt(p, words, i)) {
          found.add(p.value());
        }
      }
    }
    return found;
  }

  private static boolean matchesAt(Phrase<?> p, Words words, int start) {
    if (start + p.words().length > words.size()) {
      return false;
    }
    for (int k = 0; k < p.words().length; k++) {
      String want = p.words()[k];
      String have = p.exactCase() ? words.original(start + k) : words.lower(start + k);
      if (want.equals("*")) {
        continue;
      }
      if (want.endsWith("*")
          ? !have.startsWith(want.substring(0, want.length() - 1))
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

  /** The words of a text: runs of letters and digits, as written and lower-cased. */
  private record Words(List<String> original, List<String> lower) {
    static Words of(String text) {
      List<String> original = new ArrayList<>();
      List<String> lower = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= text.length(); i++) {
        boolean inWord = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
        if (inWord && start < 0) {
          start = i;
        } else if (!inWord && start >= 0) {
          String w = text.substring(start, i);
          original.add(w);
          lower.add(w.toLowerCase(Locale.ROOT));
          start = -1;
        }
      }
      return new Words(original, lower);
    }

    int size() {
      return original.size();
    }

    String original(int i) {
      return original.get(i);
    }

    String lower(int i) {
      return lower.get(i);
    }
  }
}
