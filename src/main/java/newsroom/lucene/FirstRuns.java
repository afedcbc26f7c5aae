package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import newsroom.model.ArticleFields;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedDocValues;
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
 * <p>Costs one pass over the matches, with the story values mapped across segments and two numbers per story of
 * the index in memory.
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
    SortedDocValues story = MultiDocValues.getSortedValues(reader, StoryFields.STORY);
    int storyCount = story == null ? 0 : story.getValueCount();
    int[] first = new int[storyCount];
    Arrays.fill(first, -1);
    long[] firstPublished = new long[storyCount];
    FixedBitSet chosen = new FixedBitSet(Math.max(1, reader.maxDoc()));
    List<MatchingDocs> byLeaf = new ArrayList<>(matches.getMatchingDocs());
    // Story values are read in increasing document order across the whole reader.
    byLeaf.sort(Comparator.comparingInt(m -> m.context().docBase));
    for (MatchingDocs m : byLeaf) {
      if (m.bits() == null) {
        continue;
      }
      int base = m.context().docBase;
      SortedNumericDocValues published = DocValues.getSortedNumeric(m.context().reader(), ArticleFields.PUBLISHED);
      DocIdSetIterator it = m.bits().iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        int global = base + doc;
        if (story == null || !story.advanceExact(global)) {
          chosen.set(global);
          continue;
        }
        int ord = story.ordValue();
        long date = published.advanceExact(doc) ? published.nextValue() : Long.MAX_VALUE;
        if (first[ord] < 0
            || date < firstPublished[ord]
            || (date == firstPublished[ord]
                && StoryFields.id(leaves, global).compareTo(StoryFields.id(leaves, first[ord])) < 0)) {
          first[ord] = global;
          firstPublished[ord] = date;
        }
      }
    }
    long stories = chosen.cardinality();
    for (int doc : first) {
      if (doc >= 0) {
        chosen.set(doc);
        stories++;
      }
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
