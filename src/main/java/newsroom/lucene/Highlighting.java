package newsroom.lucene;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.backend.SearchResponse.Hit;
import newsroom.config.SearchSettings;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import newsroom.model.Lede;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * A page of hits with their titles and snippets highlighted. Title and snippets are HTML in which only the
 * {@code <mark>} tags are markup: the formatter escapes the article text, so an article cannot inject script
 * into a page that shows its snippet.
 */
final class Highlighting {
  private static final String MARK_OPEN = "<mark>";
  private static final String MARK_CLOSE = "</mark>";
  /** Between passages; safe to split on because the formatter escapes every '<' of the article text. */
  private static final String PASSAGE_SEPARATOR = "<!--passage-->";
  /** The longest lede shown for a body without a match: about two sentences of news. */
  private static final int LEDE_MAX_CHARS = 320;
  private static final Escaper ESCAPER = new Escaper();

  private Highlighting() {}

  static List<Hit> hits(Generation gen, IndexSearcher searcher, Query query, ScoreDoc[] docs, SearchSettings settings)
      throws IOException {
    if (docs.length == 0) {
      return List.of();
    }
    int[] ids = Arrays.stream(docs).mapToInt(d -> d.doc).toArray();
    // Each hit's stored document is read (and decompressed) once, for the highlighter and for the hit itself.
    var stored = searcher.storedFields();
    Map<Integer, Document> loaded = new HashMap<>();
    for (int id : ids) {
      loaded.put(id, stored.document(id));
    }
    Map<String, String[]> highlights =
        highlighter(searcher, gen, loaded, settings)
            .highlightFields(
                new String[] {ArticleFields.TITLE, ArticleFields.BODY},
                query,
                ids,
                new int[] {1, settings.snippetPassages()});
    List<Hit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      Article a = gen.documents.fromStored(loaded.get(ids[i]));
      String body = highlights.get(ArticleFields.BODY)[i];
      hits.add(
          new Hit(
              a.id(),
              a.title(),
              a.source(),
              a.url(),
              a.published(),
              Float.isNaN(docs[i].score) ? null : docs[i].score,
              highlights.get(ArticleFields.TITLE)[i],
              body != null
                  ? Arrays.stream(body.split(PASSAGE_SEPARATOR)).map(String::strip).toList()
                  : lede(a, settings),
              a.labels()));
    }
    return hits;
  }

  /** When nothing in the body matched (browsing): its opening sentences, escaped like a highlighted passage. */
  private static List<String> lede(Article a, SearchSettings settings) {
    String lede = Lede.of(a.body(), settings.snippetPassages(), LEDE_MAX_CHARS);
    return lede.isEmpty() ? List.of() : List.of(ESCAPER.escape(lede));
  }

  /** The highlighter's own escaping, for text it did not format. */
  private static final class Escaper extends DefaultPassageFormatter {
    Escaper() {
      super(MARK_OPEN, MARK_CLOSE, PASSAGE_SEPARATOR, true);
    }

    String escape(String text) {
      StringBuilder out = new StringBuilder(text.length() + 16);
      append(out, text, 0, text.length());
      return out.toString();
    }
  }

  private static UnifiedHighlighter highlighter(
      IndexSearcher searcher, Generation gen, Map<Integer, Document> loaded, SearchSettings settings) {
    DefaultPassageFormatter formatter = new DefaultPassageFormatter(MARK_OPEN, MARK_CLOSE, PASSAGE_SEPARATOR, true);
    return new UnifiedHighlighter(
        UnifiedHighlighter.builder(searcher, gen.analyzer)
            .withFormatter(formatter)
            .withMaxLength(settings.snippetMaxChars())) {
      /** An unmatched title is shown whole; an unmatched body gets its lede instead of its first line. */
      @Override
      protected int getMaxNoHighlightPassages(String field) {
        return field.equals(ArticleFields.TITLE) ? 1 : 0;
      }

      @Override
      protected BreakIterator getBreakIterator(String field) {
        // The title is shown whole; the body in sentence-sized passages.
        // Corpus text often has headlines and captions without a full stop: a line break ends a passage too.
        return field.equals(ArticleFields.TITLE)
            ? new WholeBreakIterator()
            : new SplittingBreakIterator(BreakIterator.getSentenceInstance(Locale.ROOT), '\n');
      }

      /**
       * The field values of the documents already loaded, cut at the maximum length as the default loader
       * does (title and body are single-valued), in the batches the highlighter asks for.
       */
      @Override
      protected List<CharSequence[]> loadFieldValues(
          String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
        // One document per batch, so the deadline is looked at between documents: highlighting costs
        // (query terms x hits x fields) and a search past its time gets the rest of its hits unhighlighted.
        List<CharSequence[]> values = new ArrayList<>();
        int doc = docIter.nextDoc();
        if (doc == DocIdSetIterator.NO_MORE_DOCS) {
          return values;
        }
        boolean skip = outOfTime(searcher);
        CharSequence[] byField = new CharSequence[fields.length];
        for (int f = 0; f < fields.length; f++) {
          String value = skip ? null : loaded.get(doc).get(fields[f]);
          byField[f] = value == null ? null : value.substring(0, Math.min(getMaxLength(), value.length()));
        }
        values.add(byField);
        return values;
      }
    };
  }

  /**
   * Whether the search is past its deadline. A client that hung up stops the search (thrown); a search merely out
   * of time answers its remaining hits without highlights rather than none at all.
   */
  private static boolean outOfTime(IndexSearcher searcher) {
    if (searcher.getTimeout() instanceof SearchDeadline deadline && deadline.shouldExit()) {
      if (deadline.clientGone()) {
        throw deadline.abandoned();
      }
      return true;
    }
    return false;
  }
}
