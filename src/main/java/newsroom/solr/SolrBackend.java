package newsroom.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import newsroom.backend.BackendStatus;
import newsroom.backend.IndexBuild;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.RebuildRunningException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SearchResponse.FacetCount;
import newsroom.backend.SearchResponse.FacetView;
import newsroom.backend.SearchResponse.Hit;
import newsroom.backend.SimilarArticle;
import newsroom.config.Catalog;
import newsroom.config.ConfigException;
import newsroom.config.Dimension;
import newsroom.config.SearchSettings;
import newsroom.lucene.QueryCheck;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SolrCloud backend: the articles live in a collection of a SolrCloud cluster, reached through an alias, and
 * this service holds no state of its own. Search is edismax over title and body with the boosts of search.json
 * (the query is first parsed with the same classic parser as the embedded index, so both refuse the same input
 * alike); facets are JSON facets whose filters are tagged and excluded from their own dimension's counts
 * (drill-sideways); highlighting is Solr's unified highlighter with the same {@code <mark>} tags and HTML
 * escaping; "more like this" is Solr's {@code {!mlt}}. A write is acknowledged once every replica has it in its
 * update log, and visible when it returns (a soft commit, shared by writes that arrive together). A rebuild
 * builds a new collection and switches the alias.
 */
public final class SolrBackend implements SearchBackend {
  private static final Logger log = LoggerFactory.getLogger(SolrBackend.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 500;
  private static final int KEEP_COLLECTIONS = 2;
  private static final int OVERREQUEST = 1000;
  private static final long[] READ_RETRY_PAUSES_MS = {100, 500, 1000};

  /** What is served: a collection and the catalog it was built with (and the analyzer queries are checked with). */
  private record Served(String collection, Catalog catalog, QueryCheck queries) {
    Served(String collection, Catalog catalog) {
      this(collection, catalog, new QueryCheck(catalog));
    }
  }

  private final SolrCluster cluster;
  private final String alias;
  private final SearchSettings settings;
  private final int shards;
  private final int replicas;
  private volatile Served served;

  // Writes share the read side; the end of a rebuild takes the write side to replay them and switch.
  private final ReentrantReadWriteLock switchLock = new ReentrantReadWriteLock();
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private volatile Set<String> touchedDuringRebuild;

  // Group commit: one soft commit at a time; a writer whose update a later-started commit covers skips its own.
  private final ReentrantLock commitLock = new ReentrantLock();
  private final AtomicLong commitsStarted = new AtomicLong();
  private volatile long commitsCompleted;

  private SolrBackend(
      SolrCluster cluster, String alias, Served served, SearchSettings settings, int shards, int replicas) {
    this.cluster = cluster;
    this.alias = alias;
    this.served = served;
    this.settings = settings;
    this.shards = shards;
    this.replicas = replicas;
  }

  /**
   * Serves what {@code alias} points to (an alias, or a collection of that name).
   *
   * @param profile the profile the caller expects, or null to take the collection's
   * @param shards shards of the collections a rebuild creates
   * @throws IOException if there is nothing of that name
   * @throws ConfigException if its configset was not generated from a catalog, does not match it, or was built
   *     with another profile
   */
  public static SolrBackend open(
      SolrCluster cluster, String alias, SearchSettings settings, String profile, int shards, int replicas)
      throws IOException {
    String collection =
        cluster.resolve(alias)
            .orElseThrow(
                () ->
                    new IOException(
                        "Solr at " + String.join(",", cluster.urls()) + " has no collection or alias '" + alias
                            + "': create it with `index --backend solr --collection " + alias + "`"));
    Catalog catalog = cluster.catalogOf(collection);
    if (profile != null && !profile.equals(catalog.profile())) {
      throw new ConfigException(
          "collection " + collection + " was built with profile '" + catalog.profile() + "', not '" + profile
              + "': re-index it with --profile " + profile + " or serve it without --profile");
    }
    return new SolrBackend(cluster, alias, new Served(collection, catalog), settings, shards, replicas);
  }

  /** A new collection for {@code alias}, filled by the build and served once it is published. */
  public static IndexBuild newBuild(SolrCluster cluster, String alias, Catalog catalog, int shards, int replicas)
      throws IOException {
    return new SolrIndexBuild(cluster, alias, catalog, shards, replicas, KEEP_COLLECTIONS);
  }

  @Override
  public Catalog catalog() {
    return served.catalog();
  }

  /** The cluster this backend talks to. */
  SolrCluster cluster() {
    return cluster;
  }

  /** The collection being served. */
  public String collection() {
    return served.collection();
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    long start = System.nanoTime();
    Served s = served;
    Catalog catalog = s.catalog();
    request.check(settings, catalog);
    SolrQuery q = new SolrQuery();
    if (request.query().isBlank()) {
      q.setQuery("*:*");
    } else {
      // Parsed as the embedded index does only to refuse the same input with the same 400s: edismax would
      // quietly search a broken query as plain words.
      s.queries().check(request, settings);
      q.set("defType", "edismax");
      q.setQuery(request.query());
      q.set("qf", ArticleFields.TEXT.stream()
          .map(f -> f + "^" + settings.fieldBoosts().getOrDefault(f, 1f)).collect(Collectors.joining(" ")));
      // A match in both fields counts both, as the classic parser's sum over fields does.
      q.set("tie", "1.0");
      // Split on whitespace before analysis, as the classic parser does.
      q.set("sow", "true");
      q.set("q.op", "AND".equalsIgnoreCase(settings.defaultOperator()) ? "AND" : "OR");
    }
    for (Map.Entry<String, List<String>> filter : request.filters().entrySet()) {
      String field = SolrSchema.facetField(filter.getKey());
      q.addFilterQuery(
          "{!tag=" + tag(filter.getKey()) + "}"
              + filter.getValue().stream().map(v -> field + ":" + quote(v)).collect(Collectors.joining(" OR ")));
    }
    Optional<Dimension> date = catalog.dateDimension();
    if (!request.datePath().isEmpty()) {
      String path = String.join("/", request.datePath());
      q.addFilterQuery(
          "{!tag=" + tag(date.orElseThrow().name()) + "}" + SolrSchema.dateField(request.datePath().size()) + ":"
              + quote(path));
    }
    if (request.from() != null || request.to() != null) {
      q.addFilterQuery(
          ArticleFields.PUBLISHED + ":["
              + (request.from() == null ? "*" : request.from().toEpochMilli()) + " TO "
              + (request.to() == null ? "*" : request.to().toEpochMilli()) + "]");
    }
    q.set("json.facet", facetRequest(catalog, request));
    q.setStart((request.page() - 1) * request.size());
    q.setRows(request.size());
    q.setFields(hitFields(catalog));
    switch (request.sort()) {
      case RELEVANCE -> q.set("sort", "score desc,id asc");
      case DATE -> q.set("sort", "published asc,score desc,id asc");
      case NEWEST -> q.set("sort", "published desc,score desc,id asc");
    }
    if (request.size() > 0) {
      highlight(q);
    }
    QueryResponse rsp = query(s.collection(), q);
    SolrDocumentList docs = rsp.getResults();
    Map<String, Map<String, List<String>>> hl = rsp.getHighlighting();
    List<Hit> hits = new ArrayList<>(docs.size());
    for (SolrDocument d : docs) {
      Article a = SolrDocuments.fromDocument(d, catalog);
      Map<String, List<String>> marked = hl == null ? Map.of() : hl.getOrDefault(a.id(), Map.of());
      List<String> title = marked.get(ArticleFields.TITLE);
      Object score = d.getFirstValue("score");
      hits.add(
          new Hit(
              a.id(),
              a.title(),
              a.source(),
              a.url(),
              a.published(),
              score instanceof Number n ? n.floatValue() : null,
              title == null || title.isEmpty() ? escape(a.title()) : title.get(0),
              marked.getOrDefault(ArticleFields.BODY, List.of()).stream().map(String::strip).toList(),
              a.labels()));
    }
    @SuppressWarnings("unchecked")
    NamedList<Object> facets = (NamedList<Object>) rsp.getResponse().get("facets");
    return new SearchResponse(
        request.query(),
        docs.getNumFound(),
        (System.nanoTime() - start) / 1_000_000,
        request.page(),
        request.size(),
        request.sort().param(),
        hits,
        facetViews(catalog, facets, request));
  }

  @Override
  public Optional<Article> article(String id) {
    Served s = served;
    SolrDocument doc = read(() -> cluster.client.getById(s.collection(), id));
    return Optional.ofNullable(doc).map(d -> SolrDocuments.fromDocument(d, s.catalog()));
  }

  @Override
  public Optional<List<SimilarArticle>> similar(String id, int limit) {
    if (limit < 1 || limit > settings.maxPageSize()) {
      throw new InvalidRequestException("Invalid size", "size must be between 1 and " + settings.maxPageSize());
    }
    Served s = served;
    if (article(id).isEmpty()) {
      return Optional.empty();
    }
    SolrQuery q = new SolrQuery("{!mlt qf=" + ArticleFields.BODY + " mintf=1 mindf=2 v=$mltid}");
    q.set("mltid", id);
    q.setRows(limit + 1);
    q.setFields(ArticleFields.ID, ArticleFields.TITLE, ArticleFields.SOURCE, ArticleFields.PUBLISHED, "score");
    List<SimilarArticle> similar = new ArrayList<>();
    for (SolrDocument d : query(s.collection(), q).getResults()) {
      String other = SolrDocuments.string(d, ArticleFields.ID);
      if (!other.equals(id) && similar.size() < limit) {
        Object score = d.getFirstValue("score");
        similar.add(
            new SimilarArticle(
                other,
                SolrDocuments.string(d, ArticleFields.TITLE),
                SolrDocuments.string(d, ArticleFields.SOURCE),
                SolrDocuments.published(d),
                score instanceof Number n ? n.floatValue() : 0f));
      }
    }
    return Optional.of(similar);
  }

  @Override
  public BackendStatus status() {
    Served s = served;
    SolrQuery q = new SolrQuery("*:*");
    q.setRows(0);
    return new BackendStatus("solr", s.collection(), query(s.collection(), q).getResults().getNumFound());
  }

  @Override
  public void write(List<Article> upserts, List<String> deletes) throws IOException {
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    switchLock.readLock().lock();
    try {
      Served s = served;
      Set<String> touched = touchedDuringRebuild;
      if (touched != null) {
        upserts.forEach(a -> touched.add(a.id()));
        touched.addAll(deletes);
      }
      UpdateRequest update = new UpdateRequest();
      for (Article a : upserts) {
        update.add(SolrDocuments.toDocument(a, s.catalog()));
      }
      if (!deletes.isEmpty()) {
        update.deleteById(new ArrayList<>(deletes));
      }
      // Upserts by id and deletes by id are idempotent: sending them again after a failover is safe.
      read(() -> update.process(cluster.client, s.collection()));
      makeVisible(s.collection());
    } finally {
      switchLock.readLock().unlock();
    }
  }

  /** A soft commit that started after the caller's update was acknowledged, shared by concurrent writers. */
  private void makeVisible(String collection) {
    long needed = commitsStarted.get() + 1;
    commitLock.lock();
    try {
      if (commitsCompleted >= needed) {
        return;
      }
      long n = commitsStarted.incrementAndGet();
      read(() -> cluster.client.commit(collection, true, true, true));
      commitsCompleted = n;
    } finally {
      commitLock.unlock();
    }
  }

  @Override
  public long rebuild(Catalog catalog, UnaryOperator<Article> transform) throws IOException {
    if (!rebuilding.compareAndSet(false, true)) {
      throw new RebuildRunningException();
    }
    String target = null;
    try {
      Served from = served;
      target = cluster.createCollection(alias, catalog, shards, replicas);
      // Taken exclusively, so no write that started before the copy goes unrecorded.
      switchLock.writeLock().lock();
      try {
        touchedDuringRebuild = ConcurrentHashMap.newKeySet();
      } finally {
        switchLock.writeLock().unlock();
      }
      long copied = copy(from, target, catalog, transform);
      switchLock.writeLock().lock();
      try {
        // Articles written while the copy ran are taken again from the served collection, which has them last.
        for (String id : touchedDuringRebuild) {
          Optional<Article> now = article(id);
          UpdateRequest update = new UpdateRequest();
          if (now.isPresent()) {
            update.add(SolrDocuments.toDocument(transform.apply(now.get()), catalog));
          } else {
            update.deleteById(id);
          }
          update.process(cluster.client, target);
        }
        cluster.client.commit(target, true, true, false);
        cluster.switchAlias(alias, target);
        served = new Served(target, catalog);
        touchedDuringRebuild = null;
      } finally {
        switchLock.writeLock().unlock();
      }
      log.info("rebuilt {} articles ({} copied) into {}; alias {} switched", status().articles(), copied, target, alias);
      target = null;
      cluster.prune(alias, KEEP_COLLECTIONS);
      return status().articles();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("re-index failed: " + SolrErrors.firstLine(e), e);
    } finally {
      touchedDuringRebuild = null;
      if (target != null) {
        cluster.drop(target);
      }
      rebuilding.set(false);
    }
  }

  private long copy(Served from, String target, Catalog catalog, UnaryOperator<Article> transform) throws Exception {
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    long copied = 0;
    while (true) {
      SolrQuery q = new SolrQuery("*:*");
      q.setRows(BATCH);
      q.set("sort", "id asc");
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse rsp = query(from.collection(), q);
      List<SolrInputDocument> batch = new ArrayList<>();
      for (SolrDocument d : rsp.getResults()) {
        batch.add(SolrDocuments.toDocument(transform.apply(SolrDocuments.fromDocument(d, from.catalog())), catalog));
      }
      if (!batch.isEmpty()) {
        cluster.client.add(target, batch);
        copied += batch.size();
      }
      String next = rsp.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return copied;
      }
      cursor = next;
    }
  }

  @Override
  public void refresh() throws IOException {
    Optional<String> now = cluster.resolve(alias);
    if (now.isPresent() && !now.get().equals(served.collection())) {
      Catalog catalog = cluster.catalogOf(now.get());
      switchLock.writeLock().lock();
      try {
        served = new Served(now.get(), catalog);
      } finally {
        switchLock.writeLock().unlock();
      }
      log.info("alias {} now points to {}: serving it", alias, now.get());
    }
  }

  @Override
  public void close() throws IOException {
    cluster.close();
  }

  private QueryResponse query(String collection, SolrQuery q) {
    return read(() -> cluster.client.query(collection, q, org.apache.solr.client.solrj.SolrRequest.METHOD.POST));
  }

  private interface Read<T> {
    T run() throws Exception;
  }

  /**
   * A read (or an idempotent write), tried again when the cluster did not answer: a node that has just gone away
   * is still in the cluster state for a moment, and a request routed to it fails although its replicas can
   * answer, or a shard's leadership is changing hands. The pauses add up to under two seconds before the failure
   * is reported (503).
   */
  private static <T> T read(Read<T> read) {
    RuntimeException last = null;
    for (long pause : READ_RETRY_PAUSES_MS) {
      try {
        return read.run();
      } catch (Exception e) {
        last = SolrErrors.failure(e);
        if (!(last instanceof newsroom.backend.BackendUnavailableException)) {
          throw last;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      return read.run();
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
  }

  private void highlight(SolrQuery q) {
    q.set("hl", "true");
    q.set("hl.method", "unified");
    q.set("hl.fl", ArticleFields.TITLE + "," + ArticleFields.BODY);
    q.set("hl.tag.pre", "<mark>");
    q.set("hl.tag.post", "</mark>");
    // Escapes the article text: only <mark> is markup in what the page shows.
    q.set("hl.encoder", "html");
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

  private static String[] hitFields(Catalog catalog) {
    List<String> fl = new ArrayList<>(List.of(
        ArticleFields.ID, ArticleFields.TITLE, ArticleFields.SOURCE, ArticleFields.URL, ArticleFields.PUBLISHED,
        "score"));
    catalog.labelDimensions().forEach(d -> fl.add(d.name()));
    return fl.toArray(String[]::new);
  }

  /** One terms facet per dimension, each counted without its own dimension's filter (drill-sideways). */
  private static String facetRequest(Catalog catalog, SearchRequest request) {
    Map<String, Object> facets = new LinkedHashMap<>();
    for (Dimension dim : catalog.dimensions()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "terms");
      f.put("domain", Map.of("excludeTags", tag(dim.name())));
      f.put("mincount", 1);
      if (dim.hierarchical()) {
        List<String> path = request.datePath();
        if (path.size() >= 3) {
          continue;
        }
        f.put("field", SolrSchema.dateField(path.size() + 1));
        if (!path.isEmpty()) {
          f.put("prefix", String.join("/", path) + "/");
        }
        f.put("limit", -1);
        f.put("sort", "index asc");
      } else {
        f.put("field", SolrSchema.facetField(dim.name()));
        f.put("limit", request.facetLimit());
        f.put("sort", "count desc");
        // Counts of the values shown are exact (refined on every shard). Which values make the top is exact as
        // long as each shard has fewer than limit + OVERREQUEST values in the matching articles; beyond that a
        // value tied at the cut-off could be missed, as with any distributed top-N.
        f.put("refine", true);
        f.put("overrequest", OVERREQUEST);
        List<String> selected = request.filters().getOrDefault(dim.name(), List.of());
        for (int i = 0; i < selected.size(); i++) {
          facets.put(
              selectedKey(dim, i),
              Map.of(
                  "type", "query",
                  "q", SolrSchema.facetField(dim.name()) + ":" + quote(selected.get(i)),
                  "domain", Map.of("excludeTags", tag(dim.name()))));
        }
      }
      facets.put(dim.name(), f);
    }
    try {
      return JSON.writeValueAsString(facets);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<FacetView> facetViews(Catalog catalog, NamedList<Object> facets, SearchRequest request) {
    List<FacetView> views = new ArrayList<>();
    for (Dimension dim : catalog.dimensions()) {
      List<FacetCount> values = new ArrayList<>();
      if (dim.hierarchical()) {
        for (NamedList<Object> b : buckets(facets, dim.name())) {
          String value = String.valueOf(b.get("val"));
          values.add(new FacetCount(value.substring(value.lastIndexOf('/') + 1), count(b), false));
        }
        views.add(new FacetView(dim.name(), dim.label(), true, request.datePath(), values));
      } else {
        List<String> selected = request.filters().getOrDefault(dim.name(), List.of());
        Set<String> shown = new java.util.HashSet<>();
        for (NamedList<Object> b : buckets(facets, dim.name())) {
          String value = String.valueOf(b.get("val"));
          values.add(new FacetCount(value, count(b), selected.contains(value)));
          shown.add(value);
        }
        // A selected value stays listed even when it is not among the top values, so it can be unselected.
        for (int i = 0; i < selected.size(); i++) {
          if (shown.add(selected.get(i))) {
            Object f = facets == null ? null : facets.get(selectedKey(dim, i));
            @SuppressWarnings("unchecked")
            long c = f instanceof NamedList<?> nl ? count((NamedList<Object>) nl) : 0;
            values.add(new FacetCount(selected.get(i), c, true));
          }
        }
        views.add(new FacetView(dim.name(), dim.label(), false, List.of(), values));
      }
    }
    return views;
  }

  @SuppressWarnings("unchecked")
  private static List<NamedList<Object>> buckets(NamedList<Object> facets, String name) {
    if (facets == null || !(facets.get(name) instanceof NamedList<?> f)) {
      return List.of();
    }
    Object b = ((NamedList<Object>) f).get("buckets");
    return b instanceof List<?> list ? (List<NamedList<Object>>) list : List.of();
  }

  private static long count(NamedList<Object> bucket) {
    return bucket.get("count") instanceof Number n ? n.longValue() : 0;
  }

  private static String selectedKey(Dimension dim, int i) {
    return "selected__" + dim.name() + "__" + i;
  }

  private static String tag(String dim) {
    return "t_" + dim;
  }

  /** A value as one quoted term of Solr's standard query syntax. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
