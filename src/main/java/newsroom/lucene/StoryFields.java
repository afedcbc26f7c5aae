package newsroom.lucene;

import java.io.IOException;
import java.util.List;
import newsroom.config.StorySettings;
import newsroom.stories.Signature;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import newsroom.model.ArticleFields;

/**
 * How an article's story is stored: {@value #STORY}, the story's id (the id of its earliest article), as binary doc
 * values, and {@value #STORY_KEY}, a 64-bit hash of it, as numeric doc values to collapse, filter and count by;
 * {@value #BANDS}, the band keys of its signature, as keywords to find candidate copies; {@value #SIGNATURE}, the
 * signature itself, as binary doc values to confirm them. An article too short to group has only its own story.
 *
 * <p>The story is held in doc values only because they can be updated in place: grouping a build changes the story
 * of every copy once all are written, and rewriting those documents instead would leave deleted copies in the
 * segments, in the index's size and in every term's statistics (so in BM25 scores) until merges drop them. Two
 * stories whose ids hash alike would be taken for one: with 64 bits, about one chance in 30 million for a million
 * stories.
 */
final class StoryFields {
  static final String STORY = "story";
  static final String STORY_KEY = "story.key";
  static final String BANDS = "story.band";
  static final String SIGNATURE = "story.signature";

  private StoryFields() {}

  /** An article's story and signature (null: too short to group), as written with it. */
  record Story(String id, Signature signature) {}

  static void add(Document doc, Story story, StorySettings settings) {
    doc.add(new BinaryDocValuesField(STORY, new BytesRef(story.id())));
    doc.add(new NumericDocValuesField(STORY_KEY, key(story.id())));
    if (story.signature() != null) {
      for (String key : story.signature().bandKeys(settings)) {
        doc.add(new StringField(BANDS, key, Field.Store.NO));
      }
      doc.add(new BinaryDocValuesField(SIGNATURE, new BytesRef(story.signature().toBytes())));
    }
  }

  /** The fields that make {@code story} a document's story, to update its doc values with. */
  static Field[] storyOf(String story) {
    return new Field[] {new BinaryDocValuesField(STORY, new BytesRef(story)), new NumericDocValuesField(STORY_KEY, key(story))};
  }

  /** The 64-bit hash of a story id that collapsing, the story filter and story counts go by. */
  static long key(String story) {
    long h = 0xCBF29CE484222325L; // FNV-1a over the UTF-16 units, then mixed
    for (int i = 0; i < story.length(); i++) {
      h = (h ^ story.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB93FE1A85EC5L;
    return h ^ (h >>> 33);
  }

  /** The signature of a document (its number in the whole reader), or null. */
  static Signature signature(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = DocValues.getBinary(leaf.reader(), SIGNATURE);
    if (!values.advanceExact(doc - leaf.docBase)) {
      return null;
    }
    BytesRef bytes = values.binaryValue();
    return Signature.fromBytes(bytes.bytes, bytes.offset, bytes.length);
  }

  /** The story of a document, or null in an index built before stories. */
  static String story(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = DocValues.getBinary(leaf.reader(), STORY);
    return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : null;
  }

  /** The id of a document, from the doc values cursor paging sorts by. */
  static String id(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues values = DocValues.getSorted(leaf.reader(), ArticleDocuments.ID_ORDER);
    return values.advanceExact(doc - leaf.docBase) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
  }

  /** The publication instant of a document in epoch ms, or {@link Long#MAX_VALUE} when undated (sorts last). */
  static long published(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedNumericDocValues values = DocValues.getSortedNumeric(leaf.reader(), ArticleFields.PUBLISHED);
    return values.advanceExact(doc - leaf.docBase) ? values.nextValue() : Long.MAX_VALUE;
  }
}
