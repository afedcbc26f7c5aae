package newsroom.lucene;

import java.io.IOException;
import java.util.Arrays;
import newsroom.backend.ExportRow;
import newsroom.backend.ExportSink;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.Hit;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;

/**
 * Every match of a request, page after page with {@link IndexSearcher#searchAfter}, all from one searcher (so
 * Lucene's document numbers break ties the same way on every page): memory holds one page, however many match.
 * Date orders skip ahead with the {@code published} points; a request without query text in relevance order has
 * no ranking to keep and goes in index order, which skips ahead too. Relevance order of a query re-scores the
 * matches on every page: the slowest order for a large export.
 */
final class Exporter {
  /** Articles read per page: the export's memory. */
  static final int PAGE = 1000;
  /**
   * Relevance order has no shortcut past the previous page (every page scores every match again), so it takes
   * larger pages: fewer passes over the matches, still a bounded memory.
   */
  static final int RELEVANCE_PAGE = 10_000;

  private Exporter() {}

  static long export(
      Generation gen, IndexSearcher searcher, SearchRequest request, SearchSettings settings, ExportSink sink,
      RequestQueries.Selection selection)
      throws IOException {
    Query text = selection.text().highlight();
    Query query = selection.matches();
    sink.begin(searcher.count(query));
    Sort sort =
        switch (request.sort()) {
          case RELEVANCE -> request.query().isBlank() ? Sort.INDEXORDER : null;
          case DATE -> byDate(false);
          case NEWEST -> byDate(true);
        };
    int pageSize = sort == null ? RELEVANCE_PAGE : PAGE;
    ScoreDoc after = null;
    long rows = 0;
    while (true) {
      TopDocs page =
          sort == null
              ? searcher.searchAfter(after, query, pageSize)
              : searcher.searchAfter(after, query, pageSize, sort);
      ScoreDoc[] docs = page.scoreDocs;
      for (int from = 0; from < docs.length; from += PAGE) {
        ScoreDoc[] chunk = Arrays.copyOfRange(docs, from, Math.min(docs.length, from + PAGE));
        for (Hit hit : Highlighting.hits(gen, searcher, text, chunk, settings)) {
          sink.row(row(hit));
          rows++;
        }
      }
      if (docs.length < pageSize) {
        return rows;
      }
      after = docs[docs.length - 1];
    }
  }

  /** Date order; ties (and undated articles, last either way) in index order. */
  static Sort byDate(boolean newestFirst) {
    SortField byDate = LongField.newSortField(ArticleFields.PUBLISHED, newestFirst, SortedNumericSelector.Type.MIN);
    byDate.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return new Sort(byDate);
  }

  static ExportRow row(Hit hit) {
    String snippet = hit.snippets().isEmpty() ? null : plainText(hit.snippets().get(0));
    return new ExportRow(hit.id(), hit.published(), hit.source(), hit.url(), hit.title(), hit.labels(), snippet);
  }

  /** The highlighter's HTML (escaped text and {@code <mark>}) back to plain text. */
  static String plainText(String html) {
    String text = html.replace("<mark>", "").replace("</mark>", "");
    if (text.indexOf('&') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int end = c == '&' ? text.indexOf(';', i) : -1;
      if (end > i && end - i <= 10) {
        String entity = text.substring(i + 1, end);
        String decoded = decode(entity);
        if (decoded != null) {
          out.append(decoded);
          i = end;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String decode(String entity) {
    switch (entity) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return "\"";
      case "apos":
        return "'";
      default:
        break;
    }
    try {
      if (entity.startsWith("#x") || entity.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
      }
      if (entity.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
