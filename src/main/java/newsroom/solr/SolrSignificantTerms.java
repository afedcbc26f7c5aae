package newsroom.solr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchRequest;
import newsroom.backend.SignificantTerms;
import newsroom.lucene.TextTerms;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;

/**
 * Significant terms on SolrCloud, by the embedded index's definition (lucene's {@code SignificantTermsFinder}):
 * the same sample size, the same re-analysis of the sampled bodies (the catalog's analysis chain, which the
 * collection's configset also has), the same thresholds, and JLH against the same background.
 *
 * <p>Why not Solr's own {@code relatedness()}: it scores with another statistic (a z-score of foreground against
 * background), and counting the terms of a text field in a facet needs that field uninverted on every shard. So
 * the background is taken as the embedded index takes it: a word's document frequency in the body field, from
 * the terms component ({@code /terms?terms.list=...}, summed over the shards by Solr), and a pair's from a
 * phrase of exactly those two indexed terms (an XML query's {@code SpanNear}, which, unlike a quoted phrase, does
 * not analyse the already analysed terms again), counted as query facets over the whole collection; the
 * background size is the articles with a body term (an existence query on the body's norms).
 *
 * <p>The sample: every match when there are at most {@link TextTerms#SAMPLE}; else the best-ranked ones for a
 * query with text; for filters alone, the matches whose id hashes into one of N partitions ({@code {!hash}}), N
 * chosen so that about {@link TextTerms#SAMPLE} are in it: spread over the collection as the embedded index's
 * "every Nth match in index order" is, which a distributed collection has no single order for.
 */
final class SolrSignificantTerms {
  /** Words asked per terms-component request. */
  private static final int TERMS_PER_REQUEST = 500;

  private SolrSignificantTerms() {}

  static SignificantTerms find(
      SolrReads reads, String collection, TextTerms text, SearchRequest request, SolrQuery matching, int size) {
    if (size < 1 || size > TextTerms.MAX_SIZE) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + TextTerms.MAX_SIZE);
    }
    int limit = TextTerms.SAMPLE;
    SolrQuery first = matching.getCopy();
    first.setFields(TextTerms.FIELD);
    first.set("sort", SolrQueries.sort(newsroom.backend.SortOrder.RELEVANCE));
    first.setRows(request.query().isBlank() ? 0 : limit);
    QueryResponse rsp = reads.query(collection, first);
    long matches = rsp.getResults().getNumFound();
    String sampling;
    if (matches <= limit) {
      sampling = "every match";
      if (request.query().isBlank() && matches > 0) {
        first.setRows(limit);
        rsp = reads.query(collection, first);
      }
    } else if (!request.query().isBlank()) {
      sampling = "the " + limit + " best-ranked matches";
    } else {
      long partitions = (matches + limit - 1) / limit;
      SolrQuery hashed = first.getCopy();
      hashed.addFilterQuery("{!hash workers=" + partitions + " worker=0 partitionKeys=id}");
      hashed.set("sort", "id asc");
      hashed.setRows(limit);
      rsp = reads.query(collection, hashed);
      sampling = "the matches in one of " + partitions + " partitions by a hash of their id";
    }

    Map<String, int[]> words = new HashMap<>();
    Map<String, int[]> pairs = new HashMap<>();
    int sampleSize = 0;
    for (SolrDocument d : rsp.getResults()) {
      String body = SolrDocuments.string(d, TextTerms.FIELD);
      sampleSize++;
      if (body != null) {
        text.count(body, words, pairs);
      }
    }

    List<String> counted = words.entrySet().stream()
        .filter(w -> w.getValue()[0] >= TextTerms.MIN_SAMPLE_COUNT).map(Map.Entry::getKey).sorted().toList();
    Map<String, Long> wordFreq = documentFrequencies(reads, collection, counted);
    Set<String> asked = request.query().isBlank() ? Set.of() : new HashSet<>(text.words(request.query()));

    // The background size, with no pair counted yet; the pairs worth counting depend on it.
    Map<String, Long> phraseFreq = new HashMap<>();
    long background = phraseFrequencies(reads, collection, List.of(), phraseFreq);
    record Candidate(String pair, double bound) {}
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<String, int[]> p : pairs.entrySet()) {
      int fg = p.getValue()[0];
      if (fg < TextTerms.MIN_SAMPLE_COUNT) {
        continue;
      }
      String[] ab = p.getKey().split(" ", 2);
      // Both words are in every sampled article with the pair, so both passed the threshold and have a frequency;
      // the rarer word's bounds the pair's, and so the pair's score.
      long rarer = Math.min(wordFreq.getOrDefault(ab[0], Long.MAX_VALUE), wordFreq.getOrDefault(ab[1], Long.MAX_VALUE));
      double bound = SignificantTerms.jlh(fg, sampleSize, Math.max(fg, rarer), background);
      if (bound > 0) {
        candidates.add(new Candidate(p.getKey(), bound));
      }
    }
    candidates.sort(Comparator.comparingDouble(Candidate::bound).reversed());
    List<String> exact = candidates.subList(0, Math.min(TextTerms.PHRASE_CANDIDATES, candidates.size())).stream()
        .map(Candidate::pair).toList();
    if (!exact.isEmpty()) {
      phraseFrequencies(reads, collection, exact, phraseFreq);
    }

    // Every word and counted pair with its counts in the sample and in the whole collection, scored by JLH.
    List<SignificantTerms.Term> found = new ArrayList<>();
    for (String w : counted) {
      if (!asked.contains(w)) {
        int fg = words.get(w)[0];
        found.add(new SignificantTerms.Term(w, false, 0, fg, Math.max(fg, wordFreq.getOrDefault(w, 0L))));
      }
    }
    for (String pair : exact) {
      int fg = pairs.get(pair)[0];
      found.add(new SignificantTerms.Term(pair, true, 0, fg, Math.max(fg, phraseFreq.getOrDefault(pair, 0L))));
    }
    int n = sampleSize;
    List<SignificantTerms.Term> best = found.stream()
        .map(t -> new SignificantTerms.Term(t.term(), t.phrase(),
            SignificantTerms.jlh(t.sampleCount(), n, t.backgroundCount(), background), t.sampleCount(), t.backgroundCount()))
        .filter(t -> t.score() > 0)
        .sorted(Comparator.comparingDouble(SignificantTerms.Term::score).reversed()
            .thenComparing(SignificantTerms.Term::term))
        .limit(size)
        .toList();
    return new SignificantTerms(matches, sampleSize, sampling, TextTerms.FIELD, background, "jlh", best);
  }

  /** Each word's document frequency in the body field over the whole collection (the terms component). */
  private static Map<String, Long> documentFrequencies(SolrReads reads, String collection, List<String> words) {
    Map<String, Long> df = new HashMap<>();
    for (int from = 0; from < words.size(); from += TERMS_PER_REQUEST) {
      SolrQuery q = new SolrQuery();
      q.setRequestHandler("/terms");
      q.set("terms", true);
      q.set("terms.fl", TextTerms.FIELD);
      List<String> batch = words.subList(from, Math.min(words.size(), from + TERMS_PER_REQUEST));
      // A comma separates the listed terms; one inside a term (and a backslash) is escaped with a backslash.
      q.set("terms.list", String.join(",", batch.stream().map(w -> w.replace("\\", "\\\\").replace(",", "\\,")).toList()));
      // Merging the shards' answers keeps terms.limit terms (10 unless said): all of them are wanted.
      q.set("terms.limit", batch.size());
      TermsResponse terms = reads.query(collection, q).getTermsResponse();
      if (terms != null && terms.getTerms(TextTerms.FIELD) != null) {
        terms.getTerms(TextTerms.FIELD).forEach(t -> df.merge(t.getTerm(), t.getFrequency(), Long::sum));
      }
    }
    return df;
  }

  /**
   * How many articles of the whole collection have each pair as a phrase (into {@code counts}), in one request of
   * query facets; returns how many articles have a body term at all.
   */
  private static long phraseFrequencies(
      SolrReads reads, String collection, List<String> pairs, Map<String, Long> counts) {
    SolrQuery q = new SolrQuery("*:*");
    q.setRows(0);
    Map<String, Object> facets = new LinkedHashMap<>();
    facets.put("bodies", Map.of("type", "query", "q", TextTerms.FIELD + ":[* TO *]"));
    for (int i = 0; i < pairs.size(); i++) {
      String[] ab = pairs.get(i).split(" ", 2);
      facets.put("p" + i, Map.of("type", "query", "q",
          "{!xmlparser}<SpanNear fieldName=\"" + TextTerms.FIELD + "\" slop=\"0\" inOrder=\"true\">"
              + "<SpanTerm>" + SolrSchema.xml(ab[0]) + "</SpanTerm><SpanTerm>" + SolrSchema.xml(ab[1]) + "</SpanTerm>"
              + "</SpanNear>"));
    }
    q.set("json.facet", SolrFacets.json(facets));
    NamedList<Object> f = SolrFacets.of(reads.query(collection, q));
    for (int i = 0; i < pairs.size(); i++) {
      @SuppressWarnings("unchecked")
      NamedList<Object> p = f == null ? null : (NamedList<Object>) f.get("p" + i);
      counts.put(pairs.get(i), p == null ? 0 : SolrFacets.count(p));
    }
    @SuppressWarnings("unchecked")
    NamedList<Object> bodies = f == null ? null : (NamedList<Object>) f.get("bodies");
    return bodies == null ? 0 : SolrFacets.count(bodies);
  }
}
