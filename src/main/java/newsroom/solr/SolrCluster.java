package newsroom.solr;

import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import newsroom.backend.BackendUnavailableException;
import newsroom.config.Catalog;
import newsroom.config.ConfigException;
import newsroom.config.Json;
import newsroom.config.RankingSettings;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SolrCloud cluster reached through some of its nodes' URLs or through its ZooKeeper, and what the service does
 * to it:
 * a collection per index build, created from a configset generated from the catalog, served through an alias
 * that a publish switches atomically.
 */
public final class SolrCluster implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(SolrCluster.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS");

  /** How long ZooKeeper may take to answer when the service connects. */
  private static final int ZK_CONNECT_SECONDS = 10;

  final CloudSolrClient client;
  private final String where;

  private SolrCluster(CloudSolrClient client, String where) {
    this.client = client;
    this.where = where;
  }

  /**
   * Connects through some of the nodes (it learns the others from them) and checks that the cluster answers.
   *
   * @param urls node URLs, e.g. {@code http://solr1:8983/solr}
   * @throws IOException with one line saying which URLs did not answer
   */
  public static SolrCluster connect(List<String> urls) throws IOException {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("--solr-urls names no Solr node");
    }
    for (String url : urls) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException(
            "--solr-urls takes node URLs such as http://solr1:8983/solr, not '" + url + "'");
      }
    }
    CloudSolrClient client =
        new CloudHttp2SolrClient.Builder(urls)
            .withInternalClientBuilder(http())
            .withRetryExpiryTime(1, TimeUnit.SECONDS)
            .withCollectionCacheTtl(5, TimeUnit.SECONDS)
            .build();
    return checked(new SolrCluster(client, String.join(",", urls)), "Solr is not reachable at ");
  }

  /**
   * Connects through the cluster's ZooKeeper, as Solr's own nodes do, and checks that the cluster answers.
   *
   * @param zkHost {@code HOST:PORT[,HOST:PORT...][/chroot]}, e.g. {@code zk1:2181,zk2:2181/solr}
   * @throws IOException with one line when ZooKeeper or the cluster cannot be reached
   */
  public static SolrCluster connectZk(String zkHost) throws IOException {
    String hosts = zkHost.strip();
    Optional<String> chroot = Optional.empty();
    int slash = hosts.indexOf('/');
    if (slash >= 0) {
      chroot = Optional.of(hosts.substring(slash)).filter(c -> !c.equals("/"));
      hosts = hosts.substring(0, slash);
    }
    List<String> servers = Arrays.stream(hosts.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    if (servers.isEmpty() || servers.stream().anyMatch(h -> !h.matches("[^:/\\s]+:\\d{1,5}"))) {
      throw new IllegalArgumentException(
          "--solr-zk takes HOST:PORT[,HOST:PORT...][/chroot] (ZooKeeper's connect string, e.g. zk1:2181/solr),"
              + " not '" + zkHost + "'");
    }
    CloudSolrClient client =
        new CloudHttp2SolrClient.Builder(servers, chroot)
            .withInternalClientBuilder(http())
            .withZkConnectTimeout(ZK_CONNECT_SECONDS, TimeUnit.SECONDS)
            .withZkClientTimeout(30, TimeUnit.SECONDS)
            .withRetryExpiryTime(1, TimeUnit.SECONDS)
            .withCollectionCacheTtl(5, TimeUnit.SECONDS)
            .build();
    return checked(new SolrCluster(client, "ZooKeeper " + zkHost.strip()), "SolrCloud is not reachable through ");
  }

  private static Http2SolrClient.Builder http() {
    return new Http2SolrClient.Builder()
        .withConnectionTimeout(3, TimeUnit.SECONDS)
        .withIdleTimeout(60, TimeUnit.SECONDS)
        .withRequestTimeout(60, TimeUnit.SECONDS);
  }

  /** The cluster, once it has answered; else closed, and one line saying where it was looked for. */
  private static SolrCluster checked(SolrCluster cluster, String notReachable) throws IOException {
    try {
      cluster.aliases();
      return cluster;
    } catch (BackendUnavailableException e) {
      cluster.close();
      throw new IOException(notReachable + cluster.where + " (" + SolrErrors.rootLine(e) + ")");
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Where the cluster is reached: its node URLs, or its ZooKeeper. */
  public String where() {
    return where;
  }

  /** The collection an alias points to. */
  public Map<String, String> aliases() {
    try {
      return new CollectionAdminRequest.ListAliases().process(client).getAliases();
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
  }

  public List<String> collections() {
    try {
      return CollectionAdminRequest.listCollections(client);
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
  }

  /** What {@code name} serves: the collection its alias points to, or the collection of that name. */
  public Optional<String> resolve(String name) {
    String target = aliases().get(name);
    if (target != null) {
      return Optional.of(target.split(",")[0]);
    }
    return collections().contains(name) ? Optional.of(name) : Optional.empty();
  }

  /**
   * A new, empty collection for {@code alias}, named after it and the time, with a configset of the same name
   * generated from {@code catalog}. Returns once every replica is active.
   */
  public String createCollection(String alias, Catalog catalog, RankingSettings.Bm25 bm25, int shards, int replicas)
      throws IOException {
    if (shards < 1 || replicas < 1) {
      throw new IllegalArgumentException("--shards and --replicas must be at least 1");
    }
    String name = alias + "_" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    SolrSchema schema = new SolrSchema(catalog, bm25);
    try {
      ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
      upload.setConfigSetName(name);
      upload.setUploadStream(
          new ContentStreamBase.ByteArrayStream(schema.configsetZip(), name + ".zip", "application/zip"));
      upload.process(client);
      CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(name, name, shards, replicas);
      create.setWaitForFinalState(true);
      create.process(client);
    } catch (Exception e) {
      drop(name);
      throw new IOException("could not create collection " + name + ": " + SolrErrors.firstLine(e), e);
    }
    log.info("created collection {} ({} shards x {} replicas, configset {})", name, shards, replicas, name);
    return name;
  }

  /** Points {@code alias} at {@code collection}: one atomic change in the cluster state. */
  public void switchAlias(String alias, String collection) throws IOException {
    try {
      CollectionAdminRequest.createAlias(alias, collection).process(client);
    } catch (Exception e) {
      throw new IOException("could not point alias " + alias + " at " + collection + ": " + SolrErrors.firstLine(e), e);
    }
  }

  /** Deletes a collection and its configset, quietly: what cannot be deleted is logged and left. */
  public void drop(String collection) {
    try {
      if (collections().contains(collection)) {
        CollectionAdminRequest.deleteCollection(collection).process(client);
      }
    } catch (Exception e) {
      log.warn("could not delete collection {}: {}", collection, SolrErrors.firstLine(e));
    }
    try {
      ConfigSetAdminRequest.Delete delete = new ConfigSetAdminRequest.Delete();
      delete.setConfigSetName(collection);
      delete.process(client);
    } catch (Exception e) {
      log.debug("no configset {} deleted: {}", collection, SolrErrors.firstLine(e));
    }
  }

  /**
   * Deletes the collections of earlier builds of {@code alias}, keeping the {@code keep} newest (the served one
   * among them): in-flight searches on the previous one finish, and it is there to switch back to.
   */
  public void prune(String alias, int keep) {
    String prefix = alias + "_";
    List<String> builds =
        new ArrayList<>(collections().stream()
            .filter(c -> c.startsWith(prefix) && c.substring(prefix.length()).matches("\\d{8}_\\d{6}_\\d{3}"))
            .sorted(Comparator.reverseOrder())
            .toList());
    String served = aliases().get(alias);
    builds.remove(served);
    for (String old : builds.subList(Math.min(builds.size(), Math.max(0, keep - 1)), builds.size())) {
      log.info("deleting collection {} of an earlier build", old);
      drop(old);
    }
  }

  /**
   * The catalog a collection was built with, read from its configset, after checking that its schema has every
   * field the catalog needs.
   *
   * @throws ConfigException if the collection's configset was not generated by this service, or does not match
   */
  public Catalog catalogOf(String collection) {
    String json;
    try {
      GenericSolrRequest req =
          new GenericSolrRequest(SolrRequest.METHOD.GET, SolrSchema.CATALOG_HANDLER, new ModifiableSolrParams());
      NamedList<Object> rsp = client.request(req, collection);
      Object params = rsp.get("params");
      json = params instanceof NamedList<?> nl ? (String) nl.get(SolrSchema.CATALOG_PARAM)
          : params instanceof Map<?, ?> m ? (String) m.get(SolrSchema.CATALOG_PARAM) : null;
    } catch (SolrException | SolrServerException | IOException e) {
      // No such handler: Solr answers 404 (as an HTML page, which SolrJ reports inside its own exceptions).
      if (SolrErrors.remoteCode(e) == 404) {
        json = null;
      } else {
        throw SolrErrors.failure(e);
      }
    }
    if (json == null) {
      throw new ConfigException(
          "collection " + collection + " was not created by newsroom-search (its configset carries no catalog):"
              + " create it with `index --backend solr`");
    }
    Catalog catalog = Json.read(json, Catalog.class);
    Map<String, String> actual = new HashMap<>();
    try {
      new SchemaRequest.Fields().process(client, collection).getFields()
          .forEach(f -> actual.put(String.valueOf(f.get("name")), String.valueOf(f.get("type"))));
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
    SolrSchema.fields(catalog).forEach((field, type) -> {
      if (!type.equals(actual.get(field))) {
        throw new ConfigException(
            "the configset of collection " + collection + " does not match profile '" + catalog.profile()
                + "': field '" + field + "' should be of type " + type + " but is "
                + (actual.containsKey(field) ? actual.get(field) : "missing") + "; re-index with `index --backend solr`");
      }
    });
    return catalog;
  }

  /**
   * The BM25 parameters a collection ranks with, read back from its schema (the Schema API), or null when its
   * schema names no BM25 similarity with both.
   */
  public RankingSettings.Bm25 bm25Of(String collection) {
    Map<String, Object> similarity;
    try {
      similarity = new SchemaRequest.GlobalSimilarity().process(client, collection).getSimilarity();
    } catch (Exception e) {
      throw SolrErrors.failure(e);
    }
    // The Schema API answers the factory's parameters as written in the schema: {class, k1: "2.0", b: "0.9"}.
    try {
      return new RankingSettings.Bm25(
          Float.parseFloat(String.valueOf(similarity.get(SolrSchema.K1))),
          Float.parseFloat(String.valueOf(similarity.get(SolrSchema.B))));
    } catch (RuntimeException e) {
      log.debug("collection {} has no BM25 parameters in its schema: {}", collection, similarity);
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
