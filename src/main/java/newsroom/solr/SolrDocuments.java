package newsroom.solr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/** An {@link Article} as a Solr document and back, field by field as {@link SolrSchema} lays the catalog out. */
final class SolrDocuments {
  private SolrDocuments() {}

  static SolrInputDocument toDocument(Article article, Catalog catalog) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(ArticleFields.ID, article.id());
    doc.addField(ArticleFields.TITLE, article.title() == null ? "" : article.title());
    // No body field at all for an empty body: the field's norms then mark exactly the articles with a body, which
    // significant terms count as their background, as the embedded index counts the documents with a body term.
    if (article.body() != null && !article.body().isEmpty()) {
      doc.addField(ArticleFields.BODY, article.body());
    }
    if (article.url() != null && !article.url().isBlank()) {
      doc.addField(ArticleFields.URL, article.url());
    }
    if (article.published() != null) {
      doc.addField(ArticleFields.PUBLISHED, article.published().toEpochMilli());
    }
    boolean hasSource = article.source() != null && !article.source().isBlank();
    if (hasSource) {
      doc.addField(ArticleFields.SOURCE, article.source().strip());
    }
    for (Dimension dim : catalog.dimensions()) {
      switch (dim.from()) {
        case DATE -> {
          if (article.published() != null) {
            LocalDate d = article.published().atZone(ZoneOffset.UTC).toLocalDate();
            String y = String.valueOf(d.getYear());
            String ym = y + "/" + String.format("%02d", d.getMonthValue());
            doc.addField(SolrSchema.YEAR, y);
            doc.addField(SolrSchema.MONTH, ym);
            doc.addField(SolrSchema.DAY, ym + "/" + String.format("%02d", d.getDayOfMonth()));
          }
        }
        case SOURCE -> {
          if (hasSource) {
            doc.addField(SolrSchema.facetField(dim.name()), article.source().strip());
          }
        }
        case DICTIONARY, CORPUS -> {
          for (String value : article.labels().getOrDefault(dim.name(), List.of())) {
            if (!value.isBlank()) {
              doc.addField(dim.name(), value.strip());
              doc.addField(SolrSchema.facetField(dim.name()), value.strip());
            }
          }
        }
      }
    }
    return doc;
  }

  static Article fromDocument(SolrDocument doc, Catalog catalog) {
    String body = string(doc, ArticleFields.BODY);
    return new Article(
        string(doc, ArticleFields.ID),
        string(doc, ArticleFields.TITLE),
        body == null ? "" : body,
        string(doc, ArticleFields.SOURCE),
        string(doc, ArticleFields.URL),
        published(doc),
        labels(doc, catalog));
  }

  static Map<String, List<String>> labels(SolrDocument doc, Catalog catalog) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (Dimension dim : catalog.labelDimensions()) {
      Collection<Object> values = doc.getFieldValues(dim.name());
      if (values != null && !values.isEmpty()) {
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(String.valueOf(v)));
        labels.put(dim.name(), list);
      }
    }
    return labels;
  }

  static Instant published(SolrDocument doc) {
    Object v = doc.getFirstValue(ArticleFields.PUBLISHED);
    return v instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
  }

  static String string(SolrDocument doc, String field) {
    Object v = doc.getFirstValue(field);
    return v == null ? null : v.toString();
  }
}
