package newsroom.backend;

import java.util.List;

/**
 * The words and two-word phrases over-represented in a search's matches compared with the whole index.
 *
 * @param matches how many articles the search matches
 * @param sampleSize how many of them were read (the foreground)
 * @param sampling how the sample was taken
 * @param field the text field the terms come from
 * @param backgroundSize the articles of the whole index with that field (the background)
 * @param heuristic the statistic that scores a term
 * @param terms the most significant first
 */
public record SignificantTerms(
    long matches,
    int sampleSize,
    String sampling,
    String field,
    long backgroundSize,
    String heuristic,
    List<Term> terms) {

  /**
   * One word or phrase, as the index's analysis has it (lower case, stemmed): usable as query text.
   *
   * @param phrase whether it is two words in a row
   * @param sampleCount sampled articles that have it
   * @param backgroundCount articles of the whole index that have it
   */
  public record Term(String term, boolean phrase, double score, long sampleCount, long backgroundCount) {}

  /**
   * JLH, as Elasticsearch's significant_terms computes it: (fg - bg) * (fg / bg), where fg is the share of the
   * sample with the term and bg the share of the whole index; zero when the term is not more frequent in the
   * sample.
   */
  public static double jlh(long subsetFreq, long subsetSize, long supersetFreq, long supersetSize) {
    if (subsetSize == 0 || supersetSize == 0 || supersetFreq == 0) {
      return 0;
    }
    double fg = (double) subsetFreq / subsetSize;
    double bg = (double) supersetFreq / supersetSize;
    return fg > bg ? (fg - bg) * (fg / bg) : 0;
  }
}
