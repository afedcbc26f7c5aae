package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import newsroom.config.Catalog;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;

/**
 * The words of a text as an index built with a catalog holds them (the catalog's analysis chain), for a backend
 * that keeps its text elsewhere but reads it the same way: SolrCloud's significant terms count the words and word
 * pairs of their sample as the embedded index's do ({@link SignificantTermsFinder}), with the same thresholds.
 * Thread-safe.
 */
public final class TextTerms {
  /** Articles read for the foreground of significant terms. */
  public static final int SAMPLE = SignificantTermsFinder.SAMPLE;
  /** Sampled articles a term must be in to be scored. */
  public static final int MIN_SAMPLE_COUNT = SignificantTermsFinder.MIN_SAMPLE_COUNT;
  /** Word pairs whose frequency in the index is counted exactly (those with the best score bound). */
  public static final int PHRASE_CANDIDATES = SignificantTermsFinder.PHRASE_CANDIDATES;
  /** The most significant terms one answer may list. */
  public static final int MAX_SIZE = SignificantTermsFinder.MAX_SIZE;
  /** The field significant terms come from. */
  public static final String FIELD = SignificantTermsFinder.FIELD;

  private final Analyzer analyzer;

  public TextTerms(Catalog catalog) {
    this.analyzer = new LuceneSchema(catalog).analyzer();
  }

  /** The words of {@code text} as the body field indexes them, in order, repeats kept. */
  public List<String> words(String text) {
    return PlainWords.tokens(analyzer, ArticleFields.BODY, text);
  }

  /**
   * Adds one to the count of every word, and of every pair of adjacent words (no stop word between), that
   * {@code text} has, once per text; numbers and single letters are left out.
   */
  public void count(String text, Map<String, int[]> words, Map<String, int[]> pairs) {
    try {
      SignificantTermsFinder.countTerms(analyzer, text, words, pairs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
