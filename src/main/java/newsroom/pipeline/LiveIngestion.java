package newsroom.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchBackend;
import newsroom.config.Catalog;
import newsroom.enrich.Enricher;
import newsroom.ingest.IngestProblem;
import newsroom.ingest.JsonFormat;
import newsroom.config.Json;
import newsroom.model.Article;
import newsroom.model.Dates;

/**
 * Live changes to the served index: articles are read by the corpus JSON reader and tagged by the same
 * {@link Enricher} as in a batch build, then written through the backend.
 */
public final class LiveIngestion implements ArticleWrites {
  private static final int MAX_ID_LENGTH = 512;
  private static final int MAX_LABEL_LENGTH = 1000;
  private static final int PROBLEMS_SHOWN = 10;

  private final SearchBackend backend;
  private final Path configDir;
  private final WriteObserver observer;
  private volatile Enricher enricher;

  public LiveIngestion(SearchBackend backend, Path configDir) {
    this(backend, configDir, WriteObserver.NONE);
  }

  /** Live writes that {@code observer} is told of (saved-search alerts) before each one is acknowledged. */
  public LiveIngestion(SearchBackend backend, Path configDir, WriteObserver observer) {
    this.backend = backend;
    this.configDir = configDir;
    this.observer = observer;
    this.enricher = Enricher.forCatalog(configDir, Catalog.load(configDir, backend.catalog().profile()));
  }
  @Override
  public List<String> upsert(String body, boolean jsonLines) throws IOException {
    List<Article> articles = new ArrayList<>();
    List<IngestProblem> problems = new ArrayList<>();
    JsonFormat.parse(body, jsonLines, Path.of("body"), articles::add, problems::add);
    for (Article a : articles) {
      check(a, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(
          "Invalid articles: nothing was written",
          problems.stream().limit(PROBLEMS_SHOWN).map(IngestProblem::toString).collect(Collectors.joining("; "))
              + (problems.size() > PROBLEMS_SHOWN ? "; and " + (problems.size() - PROBLEMS_SHOWN) + " more" : ""));
    }
    if (articles.isEmpty()) {
      throw new InvalidRequestException("No articles", "the body holds no article");
    }
    Enricher tagger = enricher;
    List<Article> tagged = articles.stream().map(tagger::enrich).toList();
    backend.write(tagged, List.of());
    // Durable in the index now; what the observer records must be durable too before the write is acknowledged.
    observer.written(tagged);
    return articles.stream().map(Article::id).toList();
  }

  private void check(Article a, List<IngestProblem> problems) {
    Catalog catalog = backend.catalog();
    for (String dim : a.labels().keySet()) {
      // A label no dimension takes would be stored nowhere: say so rather than drop it silently.
      if (catalog.dimension(dim).filter(d -> d.fromLabels()).isEmpty()) {
        problems.add(new IngestProblem(a.id(), 0, "labels name no dimension of this index: '" + dim
            + "' (label dimensions: " + String.join(", ", catalog.labelDimensions().stream().map(d -> d.name()).toList()) + ")"));
      }
    }
    if (a.id().length() > MAX_ID_LENGTH) {
      problems.add(new IngestProblem("body", 0, "id longer than " + MAX_ID_LENGTH + " characters"));
    }
    if (a.id().chars().anyMatch(Character::isISOControl)) {
      // Such an id could be written but never fetched or deleted through a URL.
      problems.add(new IngestProblem("body", 0, "id " + Json.write(a.id()) + " contains control characters"));
    }
    if (a.url() != null && !a.url().isBlank() && !isWebUrl(a.url())) {
      problems.add(new IngestProblem(a.id(), 0, "url must be an http:// or https:// address, not "
          + Json.write(a.url().length() > 80 ? a.url().substring(0, 80) + "..." : a.url())));
    }
    if (a.published() != null) {
      int year = a.published().atOffset(ZoneOffset.UTC).getYear();
      if (year < Dates.MIN_YEAR || year > Dates.MAX_YEAR) {
        problems.add(new IngestProblem(a.id(), 0, "published year " + year + " is outside " + Dates.MIN_YEAR
            + "-" + Dates.MAX_YEAR));
      }
    }
    boolean longLabel =
        a.labels().values().stream().flatMap(List::stream).anyMatch(v -> v.length() > MAX_LABEL_LENGTH);
    if (longLabel || (a.source() != null && a.source().length() > MAX_LABEL_LENGTH)) {
      problems.add(new IngestProblem(a.id(), 0, "a label or source longer than " + MAX_LABEL_LENGTH + " characters"));
    }
  }

  /** An absolute http or https URL with a host: what a reader can follow, never javascript: or data:. */
  public static boolean isWebUrl(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public boolean delete(String id) throws IOException {
    if (backend.article(id).isEmpty()) {
      return false;
    }
    backend.write(List.of(), List.of(id));
    return true;
  }

  /** Re-reads index-config (profile, dictionaries, analysis) and rebuilds the served index with it. */
  @Override
  public long reindex() throws IOException {
    Catalog catalog = Catalog.load(configDir, backend.catalog().profile());
    Enricher fresh = Enricher.forCatalog(configDir, catalog);
    long articles = backend.rebuild(catalog, fresh::retag);
    enricher = fresh;
    return articles;
  }
}
