package newsroom.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import newsroom.backend.BackendStatus;
import newsroom.config.EntityNames;
import newsroom.backend.Feedback;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.backend.Suggestion;
import newsroom.config.Dimension;
import newsroom.backend.ExportSink;
import newsroom.backend.Interval;
import newsroom.backend.SignificantTerms;
import newsroom.backend.Timeline;
import newsroom.backend.IndexBuild;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.RequestCancellation;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SimilarArticle;
import newsroom.backend.SortOrder;
import newsroom.backend.StoryOptions;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.metrics.Metrics;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * The embedded backend: an index folder on this machine, searched in-process. Full-text query, facet filters
 * with drill-sideways counts, date drill-down and range, sorting, paging and highlighting, live writes and
 * rebuilds. Thread-safe; which generation it searches is {@link ServedIndex}'s business.
 */
public final class LuceneBackend implements SearchBackend {
  /** RAM buffer of a rebuild's writer: enough to flush in large segments, small beside the heap. */
  private static final double REBUILD_RAM_BUFFER_MB = 256;

  private final ServedIndex index;
  private final SearchSettings settings;
  private final Function<Catalog, EntityNames> entityNames;
  private final QueryHelp help;
  private volatile Expansion expansion;
  private final SavedSearchMonitor savedSearches = new SavedSearchMonitor(this);
  private final CompletionsCache completions;

  /** Searches segment slices of one request side by side (search.json speed.search_threads); null: none. */
  private final ExecutorService searchThreads;

  /** Recent answers of the searcher being served (search.json speed.cached_responses). */
  private volatile ResponseCache answers;

  /** The entity names expansion of one generation's catalog, analysed with its analyzer. */
  private record Expansion(Generation generation, EntityExpansion entities) {}

  /** Where timings go: a registry of its own until {@link #registerMetrics} hands it the service's. */
  private volatile Timings timings = new Timings(new Metrics());

  /** The backend's timings: search by phase, live writes. */
  private record Timings(
      Metrics.Histogram searchPhases, Metrics.Histogram writes, Metrics.Counter written, Metrics.Counter cache) {
    Timings(Metrics metrics) {
      this(
          metrics.histogram(
              "newsroom_search_phase_duration_seconds",
              "Time of each phase of a search: query (parse, match, rank), facets (count and pick the values),"
                  + " highlight (load the page's articles, titles and snippets)",
              Metrics.LATENCY_BUCKETS,
              "phase"),
          metrics.histogram(
              "newsroom_live_write_duration_seconds",
              "Time of a live write in the index, until it is committed and visible to searches",
              Metrics.LATENCY_BUCKETS),
          metrics.counter(
              "newsroom_live_written_articles_total", "Articles added, replaced or deleted by live writes", "op"),
          metrics.counter(
              "newsroom_search_cache_requests_total",
              "Searches answered from the cache of recent answers (hit) or by searching the index (miss)",
              "result"));
    }
  }

  public LuceneBackend(ServedIndex index, SearchSettings settings) {
    this(index, settings, catalog -> EntityNames.none());
  }

  /**
   * @param entityNames the entity names of a served catalog's dictionary dimensions, for query expansion (see
   *     search.json's {@code ranking.entities}); asked again when a new generation has another catalog
   */
  public LuceneBackend(ServedIndex index, SearchSettings settings, Function<Catalog, EntityNames> entityNames) {
    this.index = index;
    this.settings = settings;
    this.entityNames = entityNames;
    this.help = new QueryHelp(settings);
    this.completions = new CompletionsCache(index);
    int threads = settings.speed().searchThreads();
    this.searchThreads = threads == 0 ? null : Executors.newFixedThreadPool(threads, new SearchThreadFactory());
  }

  /** Daemon threads: a search pool never keeps the process alive. */
  private static final class SearchThreadFactory implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "search-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** Opens the index folder's current generation; {@code writable} also takes live writes. */
  public static LuceneBackend open(Path indexRoot, boolean writable, SearchSettings settings) throws IOException {
    return open(indexRoot, writable, settings, catalog -> EntityNames.none());
  }

  /**
   * Opens the index folder's current generation, ranking with the settings' BM25 parameters and expanding
   * plain-word queries with {@code entityNames}; {@code writable} also takes live writes.
   */
  public static LuceneBackend open(
      Path indexRoot, boolean writable, SearchSettings settings, Function<Catalog, EntityNames> entityNames)
      throws IOException {
    try {
      return new LuceneBackend(
          ServedIndex.open(new IndexStore(indexRoot), writable, similarity(settings)), settings, entityNames);
    } catch (LockObtainFailedException e) {
      throw new IOException(
          "the index in " + indexRoot + " is open for writing by another process; a running server takes"
              + " re-index requests itself (POST /api/admin/reindex)", e);
    }
  }

  /** A new generation of the index folder, published (and older ones pruned to {@code keep}) when complete. */
  public static IndexBuild newBuild(Path indexRoot, Catalog catalog, double ramBufferMb, int keep) {
    return newBuild(indexRoot, catalog, ramBufferMb, keep, false);
  }

  /**
   * As {@link #newBuild(Path, Catalog, double, int)}; {@code discardLiveWrites} lets pruning delete the newest
   * generation holding articles written through the live API, which it otherwise keeps.
   */
  public static IndexBuild newBuild(
      Path indexRoot, Catalog catalog, double ramBufferMb, int keep, boolean discardLiveWrites) {
    return new IndexBuilder(new IndexStore(indexRoot), catalog, ramBufferMb, keep, discardLiveWrites);
  }

  /** BM25 with search.json's parameters. */
  static Similarity similarity(SearchSettings settings) {
    return new BM25Similarity(settings.ranking().bm25().k1(), settings.ranking().bm25().b());
  }

  /** Whether the folder has a published index to serve. */
  public static boolean exists(Path indexRoot) {
    return new IndexStore(indexRoot).current().isPresent();
  }

  /**
   * Whether the folder has never held an index (a first build may create one). Throws, naming the problem and
   * the way out, when it holds generations but its {@code CURRENT} pointer names none of them: that is never
   * taken for "no index".
   */
  public static boolean isEmpty(Path indexRoot) throws IOException {
    IndexStore store = new IndexStore(indexRoot);
    return switch (store.state()) {
      case IndexStore.State.Empty empty -> true;
      case IndexStore.State.Served served -> false;
      case IndexStore.State.Damaged damaged -> throw new IOException(IndexStore.describe(store.root(), damaged));
    };
  }

  @Override
  public Catalog catalog() {
    return index.generation().schema.catalog();
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    return withSearcher((gen, searcher) -> search(gen, searcher, request));
  }

  @Override
  public FacetView facetValues(SearchRequest request, String dimension, String prefix, int limit) {
    Dimension dim = SearchBackend.flatDimension(catalog(), dimension);
    return withSearcher(
        (gen, searcher) -> {
          request.check(settings, gen.schema.catalog());
          List<FacetCount> values = new ArrayList<>();
          if (searcher.facetState() != null) {
            SearchRequest counted = request.withFeedback(Feedback.NONE).withExplain(false);
            DrillDownQuery drillDown = select(gen, searcher, counted).matches();
            DrillSideways sideways =
                new TimedDrillSideways(searcher, gen.facetsConfig, searcher.facetState(), counted.stories());
            FacetResult all = sideways.search(drillDown, 1).facets.getAllChildren(dim.name());
            if (all != null) {
              for (LabelAndValue lv : all.labelValues) {
                values.add(new FacetCount(lv.label, lv.value.longValue(), false));
              }
            }
          }
          return new FacetView(dim.name(), dim.label(), false, List.of(), SearchBackend.matching(values, prefix, limit));
        });
  }

  /** Completions from the titles and facet values of the served index (see {@link CompletionsCache}). */
  @Override
  public List<Suggestion> suggest(String text, int limit) {
    return withSearcher((gen, searcher) -> completions.lookup(gen, searcher, text, limit));
  }

  @Override
  public boolean groupsStories() {
    return true;
  }

  @Override
  public Optional<Article> article(String id) {
    return withSearcher(
        (gen, searcher) -> {
          TopDocs top = searcher.search(new TermQuery(new Term(ArticleFields.ID, id)), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          return Optional.of(gen.documents.fromStored(searcher.storedFields().document(top.scoreDocs[0].doc)));
        });
  }

  @Override
  public Optional<List<SimilarArticle>> similar(String id, int limit) {
    if (limit < 1 || limit > settings.maxPageSize()) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + settings.maxPageSize());
    }
    return withSearcher((gen, searcher) -> SimilarArticles.find(gen, searcher, id, limit));
  }

  @Override
  public BackendStatus status() {
    return withSearcher(
        (gen, searcher) ->
            new BackendStatus(
                "lucene",
                gen.dir.getFileName().toString(),
                searcher.getIndexReader().numDocs(),
                gen.sizeBytes(),
                index.store().publishedAt().orElse(null),
                index.rebuildProgress()));
  }

  @Override
  public void write(List<Article> upserts, List<String> deletes) throws IOException {
    long start = System.nanoTime();
    index.write(upserts, deletes);
    Timings t = timings;
    t.writes().observeNanos(System.nanoTime() - start);
    t.written().add(upserts.size(), "upsert");
    t.written().add(deletes.size(), "delete");
  }

  @Override
  public void registerMetrics(Metrics metrics) {
    timings = new Timings(metrics);
    metrics
        .counterOf(
            "newsroom_index_commits_total",
            "Commits of live writes (fsyncs): fewer than the writes when concurrent writes share one")
        .child(index::commits);
  }

  @Override
  public long rebuild(Catalog catalog, UnaryOperator<Article> transform) throws IOException {
    index.rebuild(catalog, transform, REBUILD_RAM_BUFFER_MB);
    return status().articles();
  }

  @Override
  public void refresh() throws IOException {
    index.refresh();
  }

  @Override
  public void close() throws IOException {
    if (searchThreads != null) {
      searchThreads.shutdown();
    }
    index.close();
  }

  @Override
  public Timeline counts(SearchRequest request, Interval interval) {
    return withSearcher(
        (gen, searcher) -> {
          request.check(settings, gen.schema.catalog());
          Query matches = select(gen, searcher, request).matches();
          return request.stories().countStories()
              ? TimelineCounts.count(StorySearch.firstRuns(searcher, matches).getMatchingDocs(), interval)
              : TimelineCounts.count(searcher, matches, interval);
        });
  }

  @Override
  public long export(SearchRequest request, ExportSink sink) throws IOException {
    try {
      return withSearcher(
          (gen, searcher) -> {
            request.check(settings, gen.schema.catalog());
            return Exporter.export(gen, searcher, request, settings, sink, select(gen, searcher, request));
          });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public SignificantTerms significantTerms(SearchRequest request, int size) {
    return withSearcher(
        (gen, searcher) -> {
          request.check(settings, gen.schema.catalog());
          return SignificantTermsFinder.find(gen, searcher, request, settings, size, select(gen, searcher, request));
        });
  }

  @Override
  public SavedSearchMatcher savedSearches() {
    return savedSearches;
  }

  /** The generation being served now (the saved-search monitor compiles its queries for it). */
  Generation servedGenerationIndex() {
    return index.generation();
  }

  /**
   * The query that selects a request's matches in {@code gen}, as {@link #search} builds it: checked, parsed,
   * expanded and filtered alike. Feedback is left out: it only reorders what the words already match.
   */
  Query selectingQuery(Generation gen, SearchRequest request) throws IOException {
    request.check(settings, gen.schema.catalog());
    RankedQuery ranked = rank(gen, null, request.withFeedback(Feedback.NONE));
    QueryBudget.check(ranked.query(), settings);
    return RequestQueries.matches(gen, ranked.query(), request);
  }

  /** The generation folder being served (tests and the re-index CLI report it). */
  public Path servedGeneration() {
    return index.generation().dir;
  }

  private <T> T withSearcher(ServedIndex.SearcherWork<T> work) {
    try {
      return index.withSearcher(work);
    } catch (IndexSearcher.TooManyClauses e) {
      // The budget counts clauses before rewriting; this is what multi-term expansion added on top.
      throw new InvalidRequestException(
          "Query too broad",
          "once its fuzzy, wildcard and prefix terms are expanded, q makes more than "
              + IndexSearcher.getMaxClauseCount() + " clauses; use fewer or more specific ones");
    } catch (TooComplexToDeterminizeException e) {
      throw new InvalidRequestException(
          "Regular expression too complex", "a /regex/ in q needs too many automaton states; simplify it");
    }
  }

  /** A recent identical answer of this searcher if there is one (its time is this call's), else a search. */
  private SearchResponse search(Generation gen, FacetedSearcher shared, SearchRequest request)
      throws IOException {
    int capacity = settings.speed().cachedResponses();
    if (capacity == 0 || !ResponseCache.keeps(request)) {
      return searchIndex(gen, shared, request);
    }
    long start = System.nanoTime();
    ResponseCache cache = answers;
    if (cache == null || !cache.belongsTo(shared)) {
      cache = new ResponseCache(shared, capacity);
      answers = cache;
    }
    SearchResponse kept = cache.get(request);
    if (kept == null) {
      timings.cache().inc("miss");
      SearchResponse found = searchIndex(gen, shared, request);
      cache.put(request, found);
      return found;
    }
    timings.cache().inc("hit");
    return kept.withTookMs((System.nanoTime() - start) / 1_000_000);
  }

  private SearchResponse searchIndex(Generation gen, FacetedSearcher shared, SearchRequest request)
      throws IOException {
    long start = System.nanoTime();
    Timings t = timings;
    // This search's own searcher: Lucene stops scoring at the deadline (or when the client hangs up).
    SearchDeadline deadline = new SearchDeadline(settings.searchTimeoutMs(), RequestCancellation.current());
    FacetedSearcher searcher = shared.limitedBy(deadline, searchThreads);
    Catalog catalog = gen.schema.catalog();
    request.check(settings, catalog);
    RankedQuery ranked = rank(gen, searcher, request);
    // Whatever the syntax, the query as it will run (plain words with their expansions too) is within budget.
    QueryBudget.check(ranked.query(), settings);
    deadline.check();
    // Rewritten once (fuzzy, wildcard, prefix and regex terms expanded to index words, within the budget) and
    // used as such by the search and by the highlighter, which would otherwise rebuild each term's automaton for
    // every hit and field.
    Query userQuery = searcher.rewrite(ranked.query());
    Query highlight = ranked.highlight() == ranked.query() ? userQuery : searcher.rewrite(ranked.highlight());
    deadline.check();
    boolean sidewaysScorer =
        searcher.facetState() != null
            && (!request.datePath().isEmpty() || request.filters().values().stream().anyMatch(v -> !v.isEmpty()));
    // With a facet selected, drill-sideways scores with its own scorer, which Lucene's time limit cannot wrap:
    // the base query's iterator looks at the deadline instead.
    DrillDownQuery drillDown =
        RequestQueries.matches(gen, sidewaysScorer ? new DeadlineQuery(userQuery, deadline) : userQuery, request);
    if (request.cursor() != null) {
      SearchResponse page =
          CursorPaging.search(gen, searcher, request, settings, new RequestQueries.Selection(ranked, drillDown));
      if (searcher.timedOut()) {
        throw deadline.abandoned(); // a partial page would skip articles of the walk
      }
      return page;
    }

    int window = Math.max(request.page() * request.size(), 1);
    Sort sort = sort(request.sort());
    TopDocs top;
    Facets facets = null;
    long countingNanos = 0;
    Long storyTotal = null;
    if (searcher.facetState() != null) {
      FacetedSearcher counting = sidewaysScorer ? shared.limitedBy(null, searchThreads) : searcher;
      // Browsing counts apart from drill-sideways; counting each story once goes through drill-sideways' collectors.
      CountedPage page =
          ranked.query() instanceof MatchAllDocsQuery && !request.stories().countStories()
              ? CountedPage.browse(gen, searcher, request, drillDown, window, sort)
              : CountedPage.search(
                  searcher, counting, gen.facetsConfig, searcher.facetState(), request.stories(), drillDown, window, sort);
      top = page.top();
      facets = page.facets();
      countingNanos = page.countingNanos();
      storyTotal = page.stories();
    } else {
      top = sort == null ? searcher.search(drillDown, window) : searcher.search(drillDown, window, sort, true);
    }
    if (searcher.timedOut()) {
      throw deadline.abandoned(); // Lucene stopped scoring: the hits and counts are partial, never answered
    }
    // Complete hits and counts are answered even if the limit passes now: highlighting stops at it instead.
    long queried = System.nanoTime();
    List<SearchResponse.FacetView> facetViews = facets == null ? List.of() : FacetViews.of(catalog, facets, request);
    long faceted = System.nanoTime();

    int pageEnd = Math.min(top.scoreDocs.length, request.page() * request.size());
    ScoreDoc[] pageDocs = Arrays.copyOfRange(top.scoreDocs, Math.min(pageEnd, (request.page() - 1) * request.size()), pageEnd);
    StorySearch.Page stories = request.stories().collapse() ? StorySearch.collapse(searcher, drillDown, sort, request) : null;
    if (stories != null) {
      pageDocs = stories.heads();
      storyTotal = stories.totalStories();
    } else if (storyTotal == null && request.stories().countStories()) {
      storyTotal = StorySearch.firstRuns(searcher, drillDown).stories;
    }
    List<SearchResponse.Hit> hits = Highlighting.hits(gen, searcher, highlight, pageDocs, settings);
    if (stories != null) {
      hits = StorySearch.withCopies(searcher, drillDown, stories, hits);
    }
    if (request.explain()) {
      hits = Explanations.explain(searcher, ranked, request, hits, pageDocs);
    }
    long total = top.totalHits.value();
    List<SearchResponse.Spelling> spellings =
        help.didYouMean(searcher, gen.analyzer, request, ranked, total, q -> countQuery(gen, searcher, q));
    long end = System.nanoTime();
    t.searchPhases().observeNanos(queried - start - countingNanos, "query");
    t.searchPhases().observeNanos(faceted - queried + countingNanos, "facets");
    t.searchPhases().observeNanos(end - faceted, "highlight");
    return new SearchResponse(
        request.query(),
        total,
        (end - start) / 1_000_000,
        request.page(),
        request.size(),
        request.sort().param(),
        hits,
        facetViews,
        ranked.syntax().param(),
        spellings,
        null,
        storyTotal);
  }

  /** The request's query read and expanded as its syntax and search.json say (see {@link RankedQuery}). */
  private RankedQuery rank(Generation gen, FacetedSearcher searcher, SearchRequest request) throws IOException {
    return RankedQuery.of(
        request,
        gen.analyzer,
        settings,
        expansion(gen),
        searcher,
        q -> RequestQueries.matches(gen, q, request));
  }

  /** The request's ranked query and the query that selects its matches, as every read of the index uses them. */
  private RequestQueries.Selection select(Generation gen, FacetedSearcher searcher, SearchRequest request)
      throws IOException {
    RankedQuery ranked = rank(gen, searcher, request);
    return new RequestQueries.Selection(ranked, RequestQueries.matches(gen, ranked.query(), request));
  }

  /** The query a request runs, filters and all, to count its matches. */
  private Query countQuery(Generation gen, FacetedSearcher searcher, SearchRequest request) {
    try {
      return select(gen, searcher, request).matches();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private EntityExpansion expansion(Generation gen) {
    if (!settings.ranking().entities().enabled()) {
      return null;
    }
    Expansion e = expansion;
    if (e == null || e.generation() != gen) {
      e = new Expansion(gen, new EntityExpansion(entityNames.apply(gen.schema.catalog()), settings.ranking().entities(), gen.analyzer));
      expansion = e;
    }
    return e.entities();
  }

  private static Sort sort(SortOrder order) {
    return switch (order) {
      case RELEVANCE -> null;
      case DATE -> dateSort(false);
      case NEWEST -> dateSort(true);
    };
  }

  private static Sort dateSort(boolean newestFirst) {
    SortField byDate = LongField.newSortField(ArticleFields.PUBLISHED, newestFirst, SortedNumericSelector.Type.MIN);
    // Undated articles go last either way.
    byDate.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return new Sort(byDate, SortField.FIELD_SCORE);
  }
}
