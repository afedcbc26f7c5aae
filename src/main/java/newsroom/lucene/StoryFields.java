package newsroom.lucene;

import java.io.IOException;
import java.util.List;
import newsroom.config.StorySettings;
import newsroom.stories.Signature;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
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
 * How an article's story is stored: {@value #STORY} (the story's id, the id of its earliest article) as a
 * keyword, stored, and as sorted doc values to collapse and count by; {@value #BANDS}, the band keys of its
 * signature, as keywords to find candidate copies; {@value #SIGNATURE}, the signature itself, as binary doc values to
 * confirm them. An article too short to group has only its own story.
 */
final class StoryFields {
  static final String STORY = "story";
  static final String BANDS = "story.band";
  static final String SIGNATURE = "story.signature";

  private StoryFields() {}

  /** An article's story and signature (null: too short to group), as written with it. */
  record Story(String id, Signature signature) {}

  static void add(Document doc, Story story, StorySettings settings) {
    doc.add(new StringField(STORY, story.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(STORY, new BytesRef(story.id())));
    if (story.signature() != null) {
      for (String key : story.signature().bandKeys(settings)) {
        doc.add(new StringField(BANDS, key, Field.Store.NO));
      }
      doc.add(new BinaryDocValuesField(SIGNATURE, new BytesRef(story.signature().toBytes())));
    }
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
    SortedDocValues values = DocValues.getSorted(leaf.reader(), STORY);
    return values.advanceExact(doc - leaf.docBase) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
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
