package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.model.ArticleFields;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;

/**
 * {@code count=stories}: of the documents a query matched, the first run of each story, that is its earliest
 * matching copy (by date, undated last, then id); a document without a story stands for itself. Facets and the
 * timeline count these instead of every match, so each story counts once, under the values and the date of its
 * first run among the matches, and the date facet still agrees with the timeline.
 *
 * <p>Costs one pass over the matches, with two numbers per matching story in memory.
 */
final class FirstRuns extends FacetsCollector {
  private final List<MatchingDocs> docs;
  /** How many stories the matches belong to. */
  final long stories;

  private FirstRuns(List<MatchingDocs> docs, long stories) {
    this.docs = docs;
    this.stories = stories;
  }

  @Override
  public List<MatchingDocs> getMatchingDocs() {
    return docs;
  }

  static FirstRuns of(IndexReader reader, FacetsCollector matches) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    // Story key -> its first run so far: {document, publication time}.
    Map<Long, long[]> first = new HashMap<>();
    FixedBitSet chosen = new FixedBitSet(Math.max(1, reader.maxDoc()));
    for (MatchingDocs m : matches.getMatchingDocs()) {
      if (m.bits() == null) {
        continue;
      }
      int base = m.context().docBase;
      NumericDocValues story = DocValues.getNumeric(m.context().reader(), StoryFields.STORY_KEY);
      SortedNumericDocValues published = DocValues.getSortedNumeric(m.context().reader(), ArticleFields.PUBLISHED);
      DocIdSetIterator it = m.bits().iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        int global = base + doc;
        if (!story.advanceExact(doc)) {
          chosen.set(global);
          continue;
        }
        long date = published.advanceExact(doc) ? published.nextValue() : Long.MAX_VALUE;
        long[] run = first.get(story.longValue());
        if (run == null) {
          first.put(story.longValue(), new long[] {global, date});
        } else if (date < run[1]
            || (date == run[1] && StoryFields.id(leaves, global).compareTo(StoryFields.id(leaves, (int) run[0])) < 0)) {
          run[0] = global;
          run[1] = date;
        }
      }
    }
    long stories = chosen.cardinality() + first.size();
    for (long[] run : first.values()) {
      chosen.set((int) run[0]);
    }
    List<MatchingDocs> docs = new ArrayList<>();
    for (LeafReaderContext leaf : leaves) {
      int maxDoc = leaf.reader().maxDoc();
      FixedBitSet bits = new FixedBitSet(Math.max(1, maxDoc));
      int n = 0;
      for (int doc = leaf.docBase == chosen.length() ? DocIdSetIterator.NO_MORE_DOCS : chosen.nextSetBit(leaf.docBase);
          doc < leaf.docBase + maxDoc;
          doc = doc + 1 >= chosen.length() ? DocIdSetIterator.NO_MORE_DOCS : chosen.nextSetBit(doc + 1)) {
        bits.set(doc - leaf.docBase);
        n++;
      }
      docs.add(new MatchingDocs(leaf, new BitDocIdSet(bits, n), n, null));
    }
    return new FirstRuns(docs, stories);
  }
}
