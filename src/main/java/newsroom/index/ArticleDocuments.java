package newsroom.index;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;

/** Turns an {@link Article} into a Lucene document and a stored document back into an article. */
public final class ArticleDocuments {

  private final Schema schema;
  private final FacetsConfig facetsConfig;
  private final FieldType textType;
  private final FieldType keywordType;

  public ArticleDocuments(Schema schema) {
    this.schema = schema;
    this.facetsConfig = schema.facetsConfig();
    this.textType = new FieldType();
    textType.setStored(true);
    textType.setTokenized(true);
    textType.setIndexOptions(
        schema.settings().offsets()
            ? IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS
            : IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    textType.freeze();
    // Facet values are also searchable as whole, case-folded keywords (company:"full truck alliance").
    this.keywordType = new FieldType();
    keywordType.setStored(true);
    keywordType.setTokenized(true);
    keywordType.setOmitNorms(true);
    keywordType.setIndexOptions(IndexOptions.DOCS);
    keywordType.freeze();
  }

  public Document toDocument(Article article) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(Schema.ID, article.id(), Field.Store.YES));
    doc.add(new Field(Schema.TITLE, nullToEmpty(article.title()), textType));
    doc.add(new Field(Schema.BODY, nullToEmpty(article.body()), textType));
    if (article.url() != null && !article.url().isBlank()) {
      doc.add(new StoredField(Schema.URL, article.url()));
    }
    if (article.published() != null) {
      doc.add(new LongField(Schema.PUBLISHED, article.published().toEpochMilli(), Field.Store.YES));
      if (schema.hasFacet(Schema.DATE)) {
        doc.add(new SortedSetDocValuesFacetField(Schema.DATE, datePath(article.published())));
      }
    }
    if (article.source() != null && !article.source().isBlank()) {
      addFacetValue(doc, Schema.SOURCE, article.source().strip());
    }
    for (FacetDimension dim : schema.labelFacets()) {
      for (String value : article.labels().getOrDefault(dim.name(), List.of())) {
        if (!value.isBlank()) {
          addFacetValue(doc, dim.name(), value.strip());
        }
      }
    }
    return facetsConfig.build(doc);
  }

  private void addFacetValue(Document doc, String dim, String value) {
    doc.add(new Field(dim, value, keywordType));
    if (schema.hasFacet(dim)) {
      doc.add(new SortedSetDocValuesFacetField(dim, value));
    }
  }

  /** Reads back what {@link #toDocument} stored. */
  public Article fromStored(Document stored) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (FacetDimension dim : schema.labelFacets()) {
      List<String> values = new ArrayList<>();
      for (IndexableField f : stored.getFields(dim.name())) {
        values.add(f.stringValue());
      }
      if (!values.isEmpty()) {
        labels.put(dim.name(), values);
      }
    }
    IndexableField published = stored.getField(Schema.PUBLISHED);
    return new Article(
        stored.get(Schema.ID),
        stored.get(Schema.TITLE),
        stored.get(Schema.BODY),
        stored.get(Schema.SOURCE),
        stored.get(Schema.URL),
        published == null ? null : Instant.ofEpochMilli(published.numericValue().longValue()),
        labels);
  }

  /** The hierarchical date facet path of an instant: year, month, day, zero-padded so they sort as text. */
  public static String[] datePath(Instant instant) {
    LocalDate d = instant.atZone(ZoneOffset.UTC).toLocalDate();
    return new String[] {
      String.valueOf(d.getYear()),
      String.format("%02d", d.getMonthValue()),
      String.format("%02d", d.getDayOfMonth())
    };
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
