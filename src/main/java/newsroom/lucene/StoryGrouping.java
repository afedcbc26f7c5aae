package newsroom.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import newsroom.config.StorySettings;
import newsroom.model.ArticleFields;
import newsroom.stories.Signature;
import newsroom.stories.StoryClusters;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the articles of a whole new generation into stories, once all are written and before it is published.
 * Every article was written as a story of its own; articles sharing a band key are candidates, a candidate pair is
 * confirmed by its estimated similarity, confirmed pairs are joined ({@link StoryClusters}), and each article whose
 * story is another article's gets it by a doc-values update. Only candidates are read, and only copies updated.
 */
final class StoryGrouping {
  private static final Logger log = LoggerFactory.getLogger(StoryGrouping.class);

  /** What grouping did: articles that share their story with others, stories they make, articles rewritten. */
  record Result(int grouped, int stories, int rewritten) {}

  private StoryGrouping() {}

  /** A run of documents sharing one band key. */
  private interface BucketWork {
    void run(int[] docs, int n) throws IOException;
  }

  static Result regroup(IndexWriter writer, StorySettings settings) throws IOException {
    long start = System.nanoTime();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      List<LeafReaderContext> leaves = reader.leaves();
      Bits live = MultiBits.getLiveDocs(reader);
      FixedBitSet candidates = new FixedBitSet(Math.max(1, reader.maxDoc()));
      forEachBucket(reader, live, (docs, n) -> {
        for (int i = 0; i < n; i++) {
          candidates.set(docs[i]);
        }
      });
      int[] members = new int[candidates.cardinality()];
      Signature[] signatures = new Signature[members.length];
      StoryClusters.Member[] about = new StoryClusters.Member[members.length];
      int m = 0;
      for (int doc = candidates.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = doc + 1 < candidates.length() ? candidates.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        members[m] = doc;
        signatures[m] = StoryFields.signature(leaves, doc);
        long published = StoryFields.published(leaves, doc);
        about[m] = new StoryClusters.Member(
            StoryFields.id(leaves, doc), published == Long.MAX_VALUE ? null : Instant.ofEpochMilli(published));
        m++;
      }
      StoryClusters clusters = new StoryClusters(about);
      double threshold = settings.threshold();
      forEachBucket(reader, live, (docs, n) -> {
        for (int i = 0; i < n; i++) {
          int a = Arrays.binarySearch(members, docs[i]);
          for (int j = i + 1; j < n; j++) {
            int b = Arrays.binarySearch(members, docs[j]);
            if (!clusters.together(a, b) && signatures[a].similarity(signatures[b]) >= threshold) {
              clusters.join(a, b);
            }
          }
        }
      });
      String[] storyOf = new String[members.length];
      Map<String, Integer> sizes = new HashMap<>();
      for (int i = 0; i < members.length; i++) {
        storyOf[i] = clusters.story(i);
        sizes.merge(storyOf[i], 1, Integer::sum);
      }
      int rewritten = 0;
      for (int i = 0; i < members.length; i++) {
        // The earliest article of a story already names it: only its copies get the story, in place.
        if (!storyOf[i].equals(about[i].id())) {
          writer.updateDocValues(new Term(ArticleFields.ID, about[i].id()), StoryFields.storyOf(storyOf[i]));
          rewritten++;
        }
      }
      int stories = (int) sizes.values().stream().filter(n -> n > 1).count();
      int grouped = sizes.values().stream().filter(n -> n > 1).mapToInt(Integer::intValue).sum();
      log.info(
          "stories: {} articles share their story with others, in {} stories ({} candidates, {} copies updated, {} ms)",
          grouped, stories, members.length, rewritten, (System.nanoTime() - start) / 1_000_000);
      return new Result(grouped, stories, rewritten);
    }
  }

  /** Runs {@code work} on the live documents of every band key that two or more of them share. */
  private static void forEachBucket(DirectoryReader reader, Bits live, BucketWork work) throws IOException {
    Terms terms = MultiTerms.getTerms(reader, StoryFields.BANDS);
    if (terms == null) {
      return;
    }
    TermsEnum keys = terms.iterator();
    PostingsEnum postings = null;
    int[] docs = new int[16];
    while (keys.next() != null) {
      if (keys.docFreq() < 2) {
        continue;
      }
      postings = keys.postings(postings, PostingsEnum.NONE);
      int n = 0;
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (live == null || live.get(doc)) {
          if (n == docs.length) {
            docs = Arrays.copyOf(docs, n * 2);
          }
          docs[n++] = doc;
        }
      }
      if (n >= 2) {
        work.run(docs, n);
      }
    }
  }
}
