package newsroom.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.backend.SearchResponse.Hit;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;

/**
 * Hits as the seam answers them: the stored fields of each article, its score, and the title and body passages
 * from Solr's unified highlighter, set up as the embedded index highlights (the whole title, sentence passages of
 * the body, matched words in {@code <mark>}, the rest HTML-escaped).
 */
final class SolrHits {
  private SolrHits() {}

  /** Asks for the fields a hit shows and for its highlighted title and passages, as HTML. */
  static void request(SolrQuery q, Catalog catalog, SearchSettings settings) {
    q.setFields(fields(catalog));
    highlight(q, settings);
    q.set("hl.tag.pre", "<mark>");
    q.set("hl.tag.post", "</mark>");
    // Escapes the article text: only <mark> is markup in what the page shows.
    q.set("hl.encoder", "html");
  }

  /** As {@link #request}, with the passages as plain text (nothing marked, nothing escaped): what an export lists. */
  static void requestPlain(SolrQuery q, Catalog catalog, SearchSettings settings) {
    q.setFields(fields(catalog));
    highlight(q, settings);
    q.set("hl.tag.pre", "");
    q.set("hl.tag.post", "");
  }

  private static void highlight(SolrQuery q, SearchSettings settings) {
    q.set("hl", "true");
    q.set("hl.method", "unified");
    q.set("hl.fl", ArticleFields.TITLE + "," + ArticleFields.BODY);
    q.set("hl.requireFieldMatch", "true");
    q.set("hl.defaultSummary", "true");
    q.set("hl.maxAnalyzedChars", settings.snippetMaxChars());
    q.set("hl.fragsize", "0");
    q.set("f.title.hl.snippets", "1");
    q.set("f.title.hl.bs.type", "WHOLE");
    q.set("f.body.hl.snippets", settings.snippetPassages());
    q.set("f.body.hl.bs.type", "SENTENCE");
    q.set("hl.bs.language", "");
    q.set("hl.bs.country", "");
  }

  /** The hits of a response to a query set up by {@link #request} or {@link #requestPlain}. */
  static List<Hit> of(QueryResponse rsp, Catalog catalog) {
    Map<String, Map<String, List<String>>> hl = rsp.getHighlighting();
    List<Hit> hits = new ArrayList<>(rsp.getResults().size());
    for (SolrDocument d : rsp.getResults()) {
      Article a = SolrDocuments.fromDocument(d, catalog);
      Map<String, List<String>> marked = hl == null ? Map.of() : hl.getOrDefault(a.id(), Map.of());
      List<String> title = marked.get(ArticleFields.TITLE);
      Object score = d.getFirstValue("score");
      String titleHtml = title == null || title.isEmpty() ? escape(a.title()) : title.get(0);
      List<String> passages = marked.getOrDefault(ArticleFields.BODY, List.of()).stream().map(String::strip).toList();
      hits.add(new Hit(a.id(), a.title(), a.source(), a.url(), a.published(),
          score instanceof Number n ? n.floatValue() : null, titleHtml, passages, a.labels()));
    }
    return hits;
  }

  private static String[] fields(Catalog catalog) {
    List<String> fl = new ArrayList<>(List.of(
        ArticleFields.ID, ArticleFields.TITLE, ArticleFields.SOURCE, ArticleFields.URL, ArticleFields.PUBLISHED,
        "score"));
    catalog.labelDimensions().forEach(d -> fl.add(d.name()));
    return fl.toArray(String[]::new);
  }

  private static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#x27;");
        case '/' -> b.append("&#x2F;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
