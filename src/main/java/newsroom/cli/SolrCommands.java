package newsroom.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import newsroom.backend.BackendUnavailableException;
import newsroom.backend.IndexBuild;
import newsroom.config.Catalog;
import newsroom.config.SearchSettings;
import newsroom.model.Article;
import newsroom.solr.SolrBackend;
import newsroom.solr.SolrCluster;

/**
 * The command line's SolrCloud backend: {@code --backend solr (--solr-zk HOST:PORT[,HOST:PORT...][/chroot] |
 * --solr-urls URL[,URL...]) --collection NAME [--shards N --replicas N]}. NAME is an alias that the service points at the collection of its latest build
 * (NAME_yyyyMMdd_HHmmss_SSS), each with a configset of the same name generated from the profile and
 * analysis.json.
 */
final class SolrCommands {
  static final List<String> OPTIONS = List.of("backend", "solr-urls", "solr-zk", "collection", "shards", "replicas");

  private SolrCommands() {}

  /** Whether the options pick the SolrCloud backend (the embedded index is the default). */
  static boolean selected(Options options) {
    String backend = options.get("backend", "lucene");
    if (!backend.equals("lucene") && !backend.equals("solr")) {
      throw new IllegalArgumentException("--backend is lucene or solr, not '" + backend + "'");
    }
    return backend.equals("solr");
  }

  /** A build into a new collection of the alias, switched to when published; closing it closes the client. */
  static IndexBuild newBuild(Options options, Catalog catalog) throws IOException {
    SolrCluster cluster = connect(options);
    IndexBuild build;
    try {
      build = SolrBackend.newBuild(
          cluster, collection(options), catalog, SearchSettings.load(config(options)).ranking().bm25(), shards(options),
          replicas(options));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return new IndexBuild() {
      @Override
      public void add(Article article) throws IOException {
        build.add(article);
      }

      @Override
      public void delete(String id) throws IOException {
        build.delete(id);
      }

      @Override
      public long added() {
        return build.added();
      }

      @Override
      public String publish() throws IOException {
        return build.publish();
      }

      @Override
      public void close() throws IOException {
        try {
          build.close();
        } finally {
          cluster.close();
        }
      }
    };
  }

  /** Whether the alias (or a collection of that name) exists yet. */
  static boolean exists(Options options) throws IOException {
    try (SolrCluster cluster = connect(options)) {
      return cluster.resolve(collection(options)).isPresent();
    }
  }

  static SolrBackend open(Options options, SearchSettings settings) throws IOException {
    SolrCluster cluster = connect(options);
    try {
      return SolrBackend.open(
          cluster, collection(options), settings, options.get("profile", null), shards(options), replicas(options),
          EvalCommand.entityNames(config(options)));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The cluster named by {@code --solr-zk} (its ZooKeeper) or {@code --solr-urls} (some of its nodes): one of them. */
  static SolrCluster connect(Options options) throws IOException {
    String urls = options.get("solr-urls", null);
    String zk = options.get("solr-zk", null);
    boolean byUrls = urls != null && !urls.isBlank();
    boolean byZk = zk != null && !zk.isBlank();
    if (byUrls == byZk) {
      throw new IllegalArgumentException(
          "--backend solr needs " + (byUrls ? "only one of " : "") + "--solr-zk HOST:2181[,HOST2:2181...][/chroot]"
              + " or --solr-urls http://HOST:8983/solr[,http://HOST2:8983/solr...] (or NEWSROOM_SOLR_ZK,"
              + " NEWSROOM_SOLR_URLS)");
    }
    try {
      return byZk
          ? SolrCluster.connectZk(zk)
          : SolrCluster.connect(Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList());
    } catch (BackendUnavailableException e) {
      throw new IOException(e.detail(), e);
    }
  }

  private static java.nio.file.Path config(Options options) {
    return options.path("config", "index-config");
  }

  private static String collection(Options options) {
    String name = options.get("collection", "news");
    if (!name.matches("[a-zA-Z][a-zA-Z0-9_]{0,60}")) {
      throw new IllegalArgumentException("--collection must be letters, digits and _ (a Solr alias name), not '"
          + name + "'");
    }
    return name;
  }

  private static int shards(Options options) {
    return options.integer("shards", 1);
  }

  private static int replicas(Options options) {
    return options.integer("replicas", 1);
  }
}
