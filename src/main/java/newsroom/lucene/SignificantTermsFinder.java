package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchRequest;
import newsroom.backend.SignificantTerms;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Significant terms, as Elasticsearch's {@code significant_text} finds them: a sample of the matches (the
 * foreground) is re-analyzed with the index's own analyzer, and each word and each pair of adjacent words (no
 * stop word between them) that enough sampled articles share is scored by JLH against its document frequency in
 * the whole index (the background: the body field's document frequency for a word, a phrase query's count for a
 * pair).
 *
 * <p>The sample: every match when there are at most {@link #SAMPLE} of them; otherwise the {@link #SAMPLE}
 * best-ranked ones for a query with text (the sampler Elasticsearch recommends), or matches spread evenly over the
 * index for filters alone. Pairs are many and counting each in the index costs a phrase query, so only the
 * {@link #PHRASE_CANDIDATES} pairs with the best score bound (the rarer word's frequency bounds the pair's) are
 * counted exactly.
 */
final class SignificantTermsFinder {
  /** Articles read for the foreground. */
  static final int SAMPLE = 500;
  /** A term must be in at least this many sampled articles (Elasticsearch's default min_doc_count). */
  static final int MIN_SAMPLE_COUNT = 3;
  static final int PHRASE_CANDIDATES = 25;
  static final int MAX_SIZE = 100;
  static final String FIELD = ArticleFields.BODY;

  private SignificantTermsFinder() {}

  static SignificantTerms find(
      Generation gen, IndexSearcher searcher, SearchRequest request, SearchSettings settings, int size,
      RequestQueries.Selection selection)
      throws IOException {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + MAX_SIZE);
    }
    Query query = selection.matches();
    long matches = searcher.count(query);
    String sampling;
    int[] sample;
    if (matches <= SAMPLE) {
      sample = docs(searcher.search(query, SAMPLE).scoreDocs);
      sampling = "every match";
    } else if (!request.query().isBlank()) {
      sample = docs(searcher.search(query, SAMPLE).scoreDocs);
      sampling = "the " + SAMPLE + " best-ranked matches";
    } else {
      long step = (matches + SAMPLE - 1) / SAMPLE;
      sample = evenly(searcher, query, step);
      sampling = "every " + step + (step == 2 ? "nd" : step == 3 ? "rd" : "th") + " match in index order";
    }

    Map<String, int[]> words = new HashMap<>();
    Map<String, int[]> pairs = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    Set<String> only = Set.of(FIELD);
    for (int doc : sample) {
      String body = stored.document(doc, only).get(FIELD);
      if (body != null) {
        countTerms(gen.analyzer, body, words, pairs);
      }
    }

    IndexReader reader = searcher.getIndexReader();
    CollectionStatistics stats = searcher.collectionStatistics(FIELD);
    long background = stats == null ? 0 : stats.docCount();
    Set<String> asked = request.query().isBlank() ? Set.of() : analyzedTerms(gen.analyzer, request.query());
    List<SignificantTerms.Term> scored = new ArrayList<>();
    Map<String, Long> wordFreq = new HashMap<>();
    for (Map.Entry<String, int[]> w : words.entrySet()) {
      int fg = w.getValue()[0];
      if (fg < MIN_SAMPLE_COUNT) {
        continue;
      }
      long bg = Math.max(fg, reader.docFreq(new Term(FIELD, w.getKey())));
      wordFreq.put(w.getKey(), bg);
      if (!asked.contains(w.getKey())) {
        add(scored, w.getKey(), false, fg, sample.length, bg, background);
      }
    }

    record Candidate(String a, String b, int fg, double bound) {}
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<String, int[]> p : pairs.entrySet()) {
      int fg = p.getValue()[0];
      if (fg < MIN_SAMPLE_COUNT) {
        continue;
      }
      String[] ab = p.getKey().split(" ", 2);
      // Both words are in every sampled article with the pair, so both passed the threshold and have a frequency.
      long rarer = Math.min(wordFreq.getOrDefault(ab[0], Long.MAX_VALUE), wordFreq.getOrDefault(ab[1], Long.MAX_VALUE));
      double bound = SignificantTerms.jlh(fg, sample.length, Math.max(fg, rarer), background);
      if (bound > 0) {
        candidates.add(new Candidate(ab[0], ab[1], fg, bound));
      }
    }
    candidates.sort(Comparator.comparingDouble(Candidate::bound).reversed());
    for (Candidate c : candidates.subList(0, Math.min(PHRASE_CANDIDATES, candidates.size()))) {
      long bg = Math.max(c.fg(), searcher.count(new PhraseQuery(FIELD, c.a(), c.b())));
      add(scored, c.a() + " " + c.b(), true, c.fg(), sample.length, bg, background);
    }
    scored.sort(
        Comparator.comparingDouble(SignificantTerms.Term::score).reversed().thenComparing(SignificantTerms.Term::term));
    return new SignificantTerms(
        matches,
        sample.length,
        sampling,
        FIELD,
        background,
        "jlh",
        List.copyOf(scored.subList(0, Math.min(size, scored.size()))));
  }

  private static void add(
      List<SignificantTerms.Term> scored, String term, boolean phrase, long fg, int sampleSize, long bg, long background) {
    double score = SignificantTerms.jlh(fg, sampleSize, bg, background);
    if (score > 0) {
      scored.add(new SignificantTerms.Term(term, phrase, score, fg, bg));
    }
  }

  /** Adds one to the count of every word, and of every pair of adjacent words, the text has (once per text). */
  static void countTerms(Analyzer analyzer, String text, Map<String, int[]> words, Map<String, int[]> pairs)
      throws IOException {
    Set<String> seenWords = new HashSet<>();
    Set<String> seenPairs = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      String previous = null;
      while (ts.incrementToken()) {
        String t = term.toString();
        if (!isWord(t)) {
          previous = null;
          continue;
        }
        seenWords.add(t);
        if (previous != null && increment.getPositionIncrement() == 1) {
          seenPairs.add(previous + " " + t);
        }
        previous = t;
      }
      ts.end();
    }
    seenWords.forEach(w -> words.computeIfAbsent(w, k -> new int[1])[0]++);
    seenPairs.forEach(p -> pairs.computeIfAbsent(p, k -> new int[1])[0]++);
  }

  /** Numbers and single letters say little about a topic: a term needs two characters and a letter. */
  private static boolean isWord(String t) {
    return t.length() >= 2 && t.codePoints().anyMatch(Character::isLetter);
  }

  private static Set<String> analyzedTerms(Analyzer analyzer, String text) throws IOException {
    Set<String> terms = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    }
    return terms;
  }

  private static int[] docs(ScoreDoc[] scoreDocs) {
    int[] docs = new int[scoreDocs.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = scoreDocs[i].doc;
    }
    return docs;
  }

  /** Every {@code step}-th match in index order (at most {@link #SAMPLE}). */
  private static int[] evenly(IndexSearcher searcher, Query query, long step) throws IOException {
    List<Integer> picked = new ArrayList<>();
    searcher.search(
        query,
        new SimpleCollector() {
          private long seen;
          private int docBase;

          @Override
          protected void doSetNextReader(org.apache.lucene.index.LeafReaderContext context) {
            docBase = context.docBase;
          }

          @Override
          public void collect(int doc) {
            if (seen++ % step == 0 && picked.size() < SAMPLE) {
              picked.add(docBase + doc);
            }
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }
}
