package newsroom.search;

import java.io.IOException;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.index.Article;
import newsroom.index.FacetDimension;
import newsroom.index.FacetedSearcher;
import newsroom.index.Generation;
import newsroom.index.ServedIndex;
import newsroom.index.Schema;
import newsroom.search.SearchResponse.FacetCount;
import newsroom.search.SearchResponse.FacetView;
import newsroom.search.SearchResponse.Hit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Searches the generation of the index that the {@link ServedIndex} serves: full-text query, facet filters with
 * drill-sideways counts, date drill-down and range, sorting, paging and highlighting. Thread-safe; which
 * generation it searches is {@link ServedIndex}'s business.
 */
public final class NewsSearcher {
  private static final String MARK_OPEN = "<mark>";
  private static final String MARK_CLOSE = "</mark>";

  private final ServedIndex index;
  private final SearchSettings settings;

  public NewsSearcher(ServedIndex index, SearchSettings settings) {
    this.index = index;
    this.settings = settings;
  }

  public SearchSettings settings() {
    return settings;
  }

  public Schema schema() {
    return index.generation().schema;
  }

  /** The generation folder being searched. */
  public Path servedGeneration() {
    return index.generation().dir;
  }

  public SearchResponse search(SearchRequest request) {
    return withSearcher((gen, searcher) -> search(gen, searcher, request));
  }

  /** The stored article with this id. */
  public Optional<Article> article(String id) {
    return withSearcher(
        (gen, searcher) -> {
          TopDocs top = searcher.search(new TermQuery(new Term(Schema.ID, id)), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          return Optional.of(gen.documents.fromStored(searcher.storedFields().document(top.scoreDocs[0].doc)));
        });
  }

  /**
   * Up to {@code limit} other articles whose body reads most like this one's (Lucene MoreLikeThis over the
   * body's most distinctive terms); empty if there is no article with this id.
   */
  public Optional<List<SimilarArticle>> similar(String id, int limit) {
    if (limit < 1 || limit > settings.maxPageSize()) {
      throw new InvalidRequestException(
          "Invalid size", "size must be between 1 and " + settings.maxPageSize());
    }
    return withSearcher(
        (gen, searcher) -> {
          Query self = new TermQuery(new Term(Schema.ID, id));
          TopDocs top = searcher.search(self, 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
          mlt.setAnalyzer(gen.analyzer);
          mlt.setFieldNames(new String[] {Schema.BODY});
          // News briefs are short: a word said once can be what the story is about.
          mlt.setMinTermFreq(1);
          // A word no other article has cannot find another article.
          mlt.setMinDocFreq(2);
          Query like =
              new BooleanQuery.Builder()
                  .add(mlt.like(top.scoreDocs[0].doc), BooleanClause.Occur.SHOULD)
                  .add(self, BooleanClause.Occur.MUST_NOT)
                  .build();
          var stored = searcher.storedFields();
          List<SimilarArticle> similar = new ArrayList<>();
          for (ScoreDoc d : searcher.search(like, limit).scoreDocs) {
            Article a = gen.documents.fromStored(stored.document(d.doc));
            similar.add(new SimilarArticle(a.id(), a.title(), a.source(), a.published(), d.score));
          }
          return Optional.of(similar);
        });
  }

  /** Number of live articles in the served generation. */
  public int size() {
    return withSearcher((gen, searcher) -> searcher.getIndexReader().numDocs());
  }

  private <T> T withSearcher(ServedIndex.SearcherWork<T> work) {
    try {
      return index.withSearcher(work);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidRequestException(
          "Query too broad", "a wildcard, prefix or fuzzy term matches too many words; make it more specific");
    }
  }

  private SearchResponse search(Generation gen, FacetedSearcher searcher, SearchRequest request)
      throws IOException {
    long start = System.nanoTime();
    validate(request);
    Query userQuery = QueryParsing.parse(request.query(), gen.analyzer, settings);
    Query base = withDateRange(userQuery, request);

    DrillDownQuery drillDown = new DrillDownQuery(gen.facetsConfig, base);
    for (Map.Entry<String, List<String>> filter : request.filters().entrySet()) {
      if (!gen.schema.hasFacet(filter.getKey())) {
        throw new InvalidRequestException(
            "Unknown facet '" + filter.getKey() + "'", "this index has facets: " + facetNames(gen));
      }
      for (String value : filter.getValue()) {
        drillDown.add(filter.getKey(), value);
      }
    }
    if (!request.datePath().isEmpty()) {
      if (!gen.schema.hasFacet(Schema.DATE)) {
        throw new InvalidRequestException("Unknown facet 'date'", "this index has facets: " + facetNames(gen));
      }
      drillDown.add(Schema.DATE, request.datePath().toArray(String[]::new));
    }

    int window = request.page() * request.size();
    TopDocs top;
    Facets facets = null;
    if (searcher.facetState() != null) {
      DrillSideways sideways = new DrillSideways(searcher, gen.facetsConfig, searcher.facetState());
      DrillSideways.DrillSidewaysResult result =
          sideways.search(drillDown, null, null, Math.max(window, 1), sort(request.sort()), true);
      top = result.hits;
      facets = result.facets;
    } else {
      Sort sort = sort(request.sort());
      top =
          sort == null
              ? searcher.search(drillDown, Math.max(window, 1))
              : searcher.search(drillDown, Math.max(window, 1), sort, true);
    }

    ScoreDoc[] pageDocs =
        Arrays.copyOfRange(
            top.scoreDocs, Math.min(top.scoreDocs.length, window - request.size()), Math.min(top.scoreDocs.length, window));
    List<Hit> hits = hits(gen, searcher, userQuery, pageDocs);
    List<FacetView> facetViews = facets == null ? List.of() : facetViews(gen, facets, request);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    return new SearchResponse(
        request.query(),
        top.totalHits.value(),
        tookMs,
        request.page(),
        request.size(),
        request.sort().param(),
        hits,
        facetViews);
  }

  private void validate(SearchRequest request) {
    if (request.page() < 1) {
      throw new InvalidRequestException("Invalid page", "page starts at 1");
    }
    if (request.size() < 0 || request.size() > settings.maxPageSize()) {
      throw new InvalidRequestException(
          "Invalid size", "size must be between 0 and " + settings.maxPageSize());
    }
    if ((long) request.page() * request.size() > settings.maxResultWindow()) {
      throw new InvalidRequestException(
          "Page out of range",
          "page * size may be at most " + settings.maxResultWindow() + "; narrow the query instead");
    }
    if (request.facetLimit() < 1 || request.facetLimit() > 1000) {
      throw new InvalidRequestException("Invalid facet limit", "facet_limit must be between 1 and 1000");
    }
    if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
      throw new InvalidRequestException("Invalid date range", "from is after to");
    }
  }

  private static Query withDateRange(Query query, SearchRequest request) {
    if (request.from() == null && request.to() == null) {
      return query;
    }
    long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
    long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(LongField.newRangeQuery(Schema.PUBLISHED, from, to), BooleanClause.Occur.FILTER)
        .build();
  }

  private static Sort sort(SortOrder order) {
    return switch (order) {
      case RELEVANCE -> null;
      case DATE -> dateSort(false);
      case NEWEST -> dateSort(true);
    };
  }

  private static Sort dateSort(boolean newestFirst) {
    SortField byDate = LongField.newSortField(Schema.PUBLISHED, newestFirst, SortedNumericSelector.Type.MIN);
    // Undated articles go last either way.
    byDate.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return new Sort(byDate, SortField.FIELD_SCORE);
  }

  private List<Hit> hits(Generation gen, IndexSearcher searcher, Query query, ScoreDoc[] docs)
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
        highlighter(searcher, gen, loaded)
            .highlightFields(
                new String[] {Schema.TITLE, Schema.BODY},
                query,
                ids,
                new int[] {1, settings.snippetPassages()});
    List<Hit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      Article a = gen.documents.fromStored(loaded.get(ids[i]));
      String body = highlights.get(Schema.BODY)[i];
      hits.add(
          new Hit(
              a.id(),
              a.title(),
              a.source(),
              a.url(),
              a.published(),
              Float.isNaN(docs[i].score) ? null : docs[i].score,
              highlights.get(Schema.TITLE)[i],
              body == null ? List.of() : Arrays.stream(body.split(PASSAGE_SEPARATOR)).map(String::strip).toList(),
              a.labels()));
    }
    return hits;
  }

  /** Between passages; safe to split on because the formatter escapes every '<' of the article text. */
  private static final String PASSAGE_SEPARATOR = "<!--passage-->";

  /**
   * Snippets are HTML in which only the {@code <mark>} tags are markup: the formatter escapes the article text,
   * so an article cannot inject script into a page that shows its snippet.
   */
  private UnifiedHighlighter highlighter(
      IndexSearcher searcher, Generation gen, Map<Integer, Document> loaded) {
    DefaultPassageFormatter formatter =
        new DefaultPassageFormatter(MARK_OPEN, MARK_CLOSE, PASSAGE_SEPARATOR, true);
    return new UnifiedHighlighter(
        UnifiedHighlighter.builder(searcher, gen.analyzer)
            .withFormatter(formatter)
            .withMaxLength(settings.snippetMaxChars())
            .withMaxNoHighlightPassages(1)) {
      @Override
      protected BreakIterator getBreakIterator(String field) {
        // The title is shown whole; the body in sentence-sized passages.
        // Corpus text often has headlines and captions without a full stop: a line break ends a passage too.
        return field.equals(Schema.TITLE)
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
        List<CharSequence[]> values = new ArrayList<>();
        int sumChars = 0;
        do {
          int doc = docIter.nextDoc();
          if (doc == DocIdSetIterator.NO_MORE_DOCS) {
            break;
          }
          CharSequence[] byField = new CharSequence[fields.length];
          for (int f = 0; f < fields.length; f++) {
            String value = loaded.get(doc).get(fields[f]);
            byField[f] = value == null ? null : value.substring(0, Math.min(getMaxLength(), value.length()));
            sumChars += value == null ? 0 : byField[f].length();
          }
          values.add(byField);
        } while (sumChars <= cacheCharsThreshold && cacheCharsThreshold != 0);
        return values;
      }
    };
  }

  private List<FacetView> facetViews(Generation gen, Facets facets, SearchRequest request)
      throws IOException {
    List<FacetView> views = new ArrayList<>();
    for (FacetDimension dim : gen.schema.facets()) {
      if (dim.hierarchical()) {
        views.add(hierarchicalView(dim, facets, request.datePath()));
      } else {
        views.add(flatView(dim, facets, request.filters().getOrDefault(dim.name(), List.of()), request.facetLimit()));
      }
    }
    return views;
  }

  private static FacetView flatView(FacetDimension dim, Facets facets, List<String> selected, int limit)
      throws IOException {
    FacetResult result = facets.getTopChildren(limit, dim.name());
    List<FacetCount> values = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    if (result != null) {
      for (LabelAndValue lv : result.labelValues) {
        values.add(new FacetCount(lv.label, lv.value.longValue(), selected.contains(lv.label)));
        shown.add(lv.label);
      }
    }
    // A selected value stays listed even when it is not among the top values, so it can be unselected.
    for (String value : selected) {
      if (shown.add(value)) {
        long count = Math.max(0, facets.getSpecificValue(dim.name(), value).longValue());
        values.add(new FacetCount(value, count, true));
      }
    }
    return new FacetView(dim.name(), dim.label(), false, List.of(), values);
  }

  /** The children of the selected date path (years, then months, then days), in calendar order. */
  private static FacetView hierarchicalView(FacetDimension dim, Facets facets, List<String> path)
      throws IOException {
    FacetResult result = facets.getAllChildren(dim.name(), path.toArray(String[]::new));
    List<FacetCount> values = new ArrayList<>();
    if (result != null) {
      Arrays.stream(result.labelValues)
          .sorted(Comparator.comparing((LabelAndValue lv) -> lv.label))
          .forEach(lv -> values.add(new FacetCount(lv.label, lv.value.longValue(), false)));
    }
    return new FacetView(dim.name(), dim.label(), true, path, values);
  }

  private static String facetNames(Generation gen) {
    return String.join(", ", gen.schema.facets().stream().map(FacetDimension::name).toList());
  }

}
