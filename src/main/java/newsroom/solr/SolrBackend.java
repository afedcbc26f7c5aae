package newsroom.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import newsroom.backend.BackendStatus;
import newsroom.backend.ExportSink;
import newsroom.backend.Interval;
import newsroom.backend.SignificantTerms;
import newsroom.backend.Timeline;
import newsroom.backend.IndexBuild;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.RebuildRunningException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import newsroom.backend.SimilarArticle;
import newsroom.config.Catalog;
import newsroom.config.ConfigException;
import newsroom.config.EntityNames;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import newsroom.lucene.TextTerms;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
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
 * escaping; "more like this" is Solr's {@code {!mlt}}. The analyst tools have classes of their own: timeline
 * counts ({@link SolrTimeline}), cursor paging ({@link SolrCursor}), export ({@link SolrExport}) and significant
 * terms ({@link SolrSignificantTerms}), all over the same matches ({@link SolrQueries}). A write is acknowledged once every replica has it in its
 * update log, and visible when it returns (a soft commit, shared by writes that arrive together). A rebuild
 * builds a new collection and switches the alias.
 */
public final class SolrBackend implements SearchBackend {
  private static final Logger log = LoggerFactory.getLogger(SolrBackend.class);
  private static final int BATCH = 500;
  private static final int KEEP_COLLECTIONS = 2;

  /**
   * What is served: a collection and the catalog it was built with, whose analysis queries are checked with,
   * plain words are read with (and expanded with the catalog's entity names) and sampled texts are read with.
   */
  private record Served(String collection, Catalog catalog, SolrQueries queries, TextTerms text) {}

  private Served serve(String collection, Catalog catalog) {
    return new Served(collection, catalog, SolrQueries.of(catalog, settings, entityNames), new TextTerms(catalog));
  }

  private final SolrCluster cluster;
  private final SolrReads reads;
  private final String alias;
  private final SearchSettings settings;
  private final Function<Catalog, EntityNames> entityNames;
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
      SolrCluster cluster, String alias, SearchSettings settings, Function<Catalog, EntityNames> entityNames,
      int shards, int replicas) {
    this.cluster = cluster;
    this.reads = new SolrReads(cluster);
    this.alias = alias;
    this.settings = settings;
    this.entityNames = entityNames;
    this.shards = shards;
    this.replicas = replicas;
  }

  /** As {@link #open(SolrCluster, String, SearchSettings, String, int, int, Function)}, with no entity names. */
  public static SolrBackend open(
      SolrCluster cluster, String alias, SearchSettings settings, String profile, int shards, int replicas)
      throws IOException {
    return open(cluster, alias, settings, profile, shards, replicas, catalog -> EntityNames.none());
  }

  /**
   * Serves what {@code alias} points to (an alias, or a collection of that name).
   *
   * @param profile the profile the caller expects, or null to take the collection's
   * @param shards shards of the collections a rebuild creates
   * @param entityNames the entity names of a served catalog's dictionaries, for the expansion of plain-word
   *     queries (search.json's {@code ranking.entities})
   * @throws IOException if there is nothing of that name
   * @throws ConfigException if its configset was not generated from a catalog, does not match it, or was built
   *     with another profile
   */
  public static SolrBackend open(
      SolrCluster cluster, String alias, SearchSettings settings, String profile, int shards, int replicas,
      Function<Catalog, EntityNames> entityNames)
      throws IOException {
    String collection =
        cluster.resolve(alias)
            .orElseThrow(
                () ->
                    new IOException(
                        "Solr at " + cluster.where() + " has no collection or alias '" + alias
                            + "': create it with `index --backend solr --collection " + alias + "`"));
    Catalog catalog = cluster.catalogOf(collection);
    if (profile != null && !profile.equals(catalog.profile())) {
      throw new ConfigException(
          "collection " + collection + " was built with profile '" + catalog.profile() + "', not '" + profile
              + "': re-index it with --profile " + profile + " or serve it without --profile");
    }
    SolrBackend backend = new SolrBackend(cluster, alias, settings, entityNames, shards, replicas);
    backend.served = backend.serve(collection, catalog);
    backend.checkRanking(collection);
    return backend;
  }

  /**
   * A new collection for {@code alias}, ranking with {@code bm25} (search.json's), filled by the build and
   * served once it is published.
   */
  public static IndexBuild newBuild(
      SolrCluster cluster, String alias, Catalog catalog, RankingSettings.Bm25 bm25, int shards, int replicas)
      throws IOException {
    return new SolrIndexBuild(cluster, alias, catalog, bm25, shards, replicas, KEEP_COLLECTIONS);
  }

  /**
   * Says so when the collection ranks with other BM25 parameters than search.json's: they are part of the
   * collection's schema, so a change of search.json reaches it with the next re-index.
   */
  private void checkRanking(String collection) {
    RankingSettings.Bm25 wanted = settings.ranking().bm25();
    RankingSettings.Bm25 actual = cluster.bm25Of(collection);
    if (!wanted.equals(actual)) {
      log.warn("collection {} ranks with BM25 {}, search.json says k1 {} b {}: re-index to apply them"
              + " (POST /api/admin/reindex, or `reindex --backend solr`)",
          collection, actual == null ? "parameters of its own" : "k1 " + actual.k1() + " b " + actual.b(),
          wanted.k1(), wanted.b());
    }
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
    SolrQuery q = s.queries().matching(request);
    q.setRows(request.size());
    q.set("sort", SolrQueries.sort(request.sort()));
    SolrHits.request(q, catalog, settings);
    String next = null;
    NamedList<Object> facets = null;
    QueryResponse rsp;
    if (request.cursor() != null) {
      // A cursor page: hits and the exact total, no facet counts (as in the embedded index).
      String mark = SolrCursor.mark(request);
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, mark);
      try {
        rsp = reads.query(s.collection(), q);
      } catch (InvalidRequestException e) {
        throw e.detail() != null && e.detail().contains("cursorMark")
            ? SolrCursor.invalid("it is not a cursor this server gave") : e;
      }
      String solrNext = rsp.getNextCursorMark();
      if (request.size() > 0 && rsp.getResults().size() == request.size() && solrNext != null
          && !solrNext.equals(mark)) {
        next = SolrCursor.encode(request.sort(), solrNext);
      }
    } else {
      q.set("json.facet", SolrFacets.request(catalog, request));
      q.setStart((request.page() - 1) * request.size());
      rsp = reads.query(s.collection(), q);
      facets = SolrFacets.of(rsp);
    }
    return new SearchResponse(
        request.query(),
        rsp.getResults().getNumFound(),
        (System.nanoTime() - start) / 1_000_000,
        request.page(),
        request.size(),
        request.sort().param(),
        SolrHits.of(rsp, catalog),
        facets == null ? List.of() : SolrFacets.views(catalog, facets, request),
        request.resolvedSyntax().param(),
        List.of(),
        next);
  }

  @Override
  public Timeline counts(SearchRequest request, Interval interval) {
    Served s = served;
    return SolrTimeline.count(
        reads, s.collection(), s.catalog(), s.queries().matching(request), interval);
  }

  @Override
  public long export(SearchRequest request, ExportSink sink) throws IOException {
    Served s = served;
    SolrQuery matching = s.queries().matching(request);
    return SolrExport.export(reads, s.collection(), s.catalog(), settings, request, matching, sink);
  }

  @Override
  public SignificantTerms significantTerms(SearchRequest request, int size) {
    Served s = served;
    SolrQuery matching = s.queries().matching(request);
    return SolrSignificantTerms.find(reads, s.collection(), s.text(), request, matching, size);
  }

  @Override
  public Optional<Article> article(String id) {
    Served s = served;
    SolrDocument doc = SolrReads.read(() -> cluster.client.getById(s.collection(), id));
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
    for (SolrDocument d : reads.query(s.collection(), q).getResults()) {
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
    return new BackendStatus("solr", s.collection(), reads.query(s.collection(), q).getResults().getNumFound());
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
      SolrReads.read(() -> update.process(cluster.client, s.collection()));
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
      SolrReads.read(() -> cluster.client.commit(collection, true, true, true));
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
      target = cluster.createCollection(alias, catalog, settings.ranking().bm25(), shards, replicas);
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
        served = serve(target, catalog);
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
      QueryResponse rsp = reads.query(from.collection(), q);
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
        served = serve(now.get(), catalog);
      } finally {
        switchLock.writeLock().unlock();
      }
      log.info("alias {} now points to {}: serving it", alias, now.get());
      checkRanking(now.get());
    }
  }

  @Override
  public void close() throws IOException {
    cluster.close();
  }
}
