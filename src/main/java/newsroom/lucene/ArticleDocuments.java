package newsroom.lucene;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an {@link Article} into a Lucene document and a stored document back into an article, field by field as
 * the catalog declares its dimensions.
 */
public final class ArticleDocuments {
  /**
   * The article id as sorted doc values: the tie-breaker of cursor paging ({@link CursorPaging}). Indexes built
   * before it existed lack it; their cursors fall back to document numbers.
   */
  static final String ID_ORDER = "id.order";

  private final Catalog catalog;
  private final FacetsConfig facetsConfig;
  private final FieldType textType;
  private final FieldType keywordType;

  public ArticleDocuments(LuceneSchema schema) {
    this.catalog = schema.catalog();
    this.facetsConfig = schema.facetsConfig();
    this.textType = new FieldType();
    textType.setStored(true);
    textType.setTokenized(true);
    textType.setIndexOptions(
        catalog.analysis().offsets()
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

  /** The document of an article that stands for no story (an index built before stories were grouped). */
  public Document toDocument(Article article) throws IOException {
    return toDocument(article, null);
  }

  /** The document of an article with its story ({@link StoryFields}); null for none. */
  Document toDocument(Article article, StoryFields.Story story) throws IOException {
    Document doc = new Document();
    if (story != null) {
      StoryFields.add(doc, story, catalog.stories());
    }
    doc.add(new StringField(ArticleFields.ID, article.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(ID_ORDER, new BytesRef(article.id())));
    doc.add(new Field(ArticleFields.TITLE, nullToEmpty(article.title()), textType));
    doc.add(new Field(ArticleFields.BODY, nullToEmpty(article.body()), textType));
    if (article.url() != null && !article.url().isBlank()) {
      doc.add(new StoredField(ArticleFields.URL, article.url()));
    }
    if (article.published() != null) {
      doc.add(new LongField(ArticleFields.PUBLISHED, article.published().toEpochMilli(), Field.Store.YES));
    }
    if (article.source() != null && !article.source().isBlank()) {
      // Stored and searchable (source:reuters) whether or not the profile facets by it.
      doc.add(new Field(ArticleFields.SOURCE, article.source().strip(), keywordType));
    }
    for (Dimension dim : catalog.dimensions()) {
      switch (dim.from()) {
        case DATE -> {
          if (article.published() != null) {
            doc.add(new SortedSetDocValuesFacetField(dim.name(), datePath(article.published())));
          }
        }
        case SOURCE -> {
          if (article.source() != null && !article.source().isBlank()) {
            doc.add(new SortedSetDocValuesFacetField(dim.name(), article.source().strip()));
          }
        }
        case DICTIONARY, CORPUS -> {
          for (String value : article.labels().getOrDefault(dim.name(), List.of())) {
            if (!value.isBlank()) {
              doc.add(new Field(dim.name(), value.strip(), keywordType));
              doc.add(new SortedSetDocValuesFacetField(dim.name(), value.strip()));
            }
          }
        }
      }
    }
    return facetsConfig.build(doc);
  }

  /** Reads back what {@link #toDocument} stored. */
  public Article fromStored(Document stored) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (Dimension dim : catalog.labelDimensions()) {
      List<String> values = new ArrayList<>();
      for (IndexableField f : stored.getFields(dim.name())) {
        values.add(f.stringValue());
      }
      if (!values.isEmpty()) {
        labels.put(dim.name(), values);
      }
    }
    IndexableField published = stored.getField(ArticleFields.PUBLISHED);
    return new Article(
        stored.get(ArticleFields.ID),
        stored.get(ArticleFields.TITLE),
        stored.get(ArticleFields.BODY),
        stored.get(ArticleFields.SOURCE),
        stored.get(ArticleFields.URL),
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
