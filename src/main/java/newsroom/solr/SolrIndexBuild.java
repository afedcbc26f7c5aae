package newsroom.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.backend.IndexBuild;
import newsroom.config.Catalog;
import newsroom.config.RankingSettings;
import newsroom.model.Article;
import org.apache.solr.common.SolrInputDocument;

/**
 * A build into a new collection of its own: articles are sent in batches as they come; {@link #publish} commits
 * and switches the alias to it atomically, so searches go from the old collection to the complete new one with
 * nothing in between. Closing an unpublished build deletes its collection.
 */
final class SolrIndexBuild implements IndexBuild {
  private static final int BATCH = 500;

  private final SolrCluster cluster;
  private final String alias;
  private final Catalog catalog;
  private final String collection;
  private final int keep;
  private final AtomicLong added = new AtomicLong();
  private List<SolrInputDocument> batch = new ArrayList<>();
  private boolean published;

  SolrIndexBuild(
      SolrCluster cluster, String alias, Catalog catalog, RankingSettings.Bm25 bm25, int shards, int replicas, int keep)
      throws IOException {
    this.cluster = cluster;
    this.alias = alias;
    this.catalog = catalog;
    this.keep = keep;
    if (cluster.aliases().get(alias) == null && cluster.collections().contains(alias)) {
      throw new IOException(
          "Solr has a collection named '" + alias + "' (not an alias): the service serves an alias of that name"
              + " switched between its builds; pick another --collection or delete that collection");
    }
    this.collection = cluster.createCollection(alias, catalog, bm25, shards, replicas);
  }

  @Override
  public void add(Article article) throws IOException {
    SolrInputDocument doc = SolrDocuments.toDocument(article, catalog);
    List<SolrInputDocument> full = null;
    synchronized (this) {
      batch.add(doc);
      if (batch.size() >= BATCH) {
        full = batch;
        batch = new ArrayList<>();
      }
    }
    if (full != null) {
      send(full);
    }
    added.incrementAndGet();
  }

  @Override
  public void delete(String id) throws IOException {
    flush();
    try {
      cluster.client.deleteById(collection, id);
    } catch (Exception e) {
      throw new IOException("delete from " + collection + " failed: " + SolrErrors.firstLine(e), e);
    }
  }

  @Override
  public long added() {
    return added.get();
  }

  @Override
  public String publish() throws IOException {
    flush();
    try {
      cluster.client.commit(collection, true, true);
    } catch (Exception e) {
      throw new IOException("commit of " + collection + " failed: " + SolrErrors.firstLine(e), e);
    }
    cluster.switchAlias(alias, collection);
    published = true;
    cluster.prune(alias, keep);
    return collection;
  }

  @Override
  public void close() {
    if (!published) {
      cluster.drop(collection);
    }
  }

  private void flush() throws IOException {
    List<SolrInputDocument> rest;
    synchronized (this) {
      rest = batch;
      batch = new ArrayList<>();
    }
    if (!rest.isEmpty()) {
      send(rest);
    }
  }

  private void send(List<SolrInputDocument> docs) throws IOException {
    try {
      cluster.client.add(collection, docs);
    } catch (Exception e) {
      throw new IOException("indexing into " + collection + " failed: " + SolrErrors.firstLine(e), e);
    }
  }
}
