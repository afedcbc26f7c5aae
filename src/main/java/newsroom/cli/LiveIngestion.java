package newsroom.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import newsroom.enrich.Enricher;
import newsroom.http.ArticleWrites;
import newsroom.index.Article;
import newsroom.index.IndexSettings;
import newsroom.index.Profile;
import newsroom.index.Schema;
import newsroom.index.ServedIndex;
import newsroom.ingest.IngestProblem;
import newsroom.ingest.JsonFormat;
import newsroom.search.InvalidRequestException;
import newsroom.search.NewsSearcher;

/**
 * Live changes to the served index: articles are read by the corpus JSON reader and tagged by the same
 * {@link Enricher} as in a batch build, then written to the served generation.
 */
final class LiveIngestion implements ArticleWrites {
  private static final int MAX_ID_LENGTH = 512;
  private static final int MAX_LABEL_LENGTH = 1000;
  private static final int PROBLEMS_SHOWN = 10;

  private final ServedIndex index;
  private final NewsSearcher searcher;
  private final Path configDir;
  private volatile Enricher enricher;

  LiveIngestion(ServedIndex index, NewsSearcher searcher, Path configDir) {
    this.index = index;
    this.searcher = searcher;
    this.configDir = configDir;
    this.enricher = Enricher.forProfile(configDir, Profile.load(configDir, index.generation().schema.profile()));
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
    index.write(articles.stream().map(tagger::enrich).toList(), List.of());
    return articles.stream().map(Article::id).toList();
  }

  private static void check(Article a, List<IngestProblem> problems) {
    if (a.id().length() > MAX_ID_LENGTH) {
      problems.add(new IngestProblem("body", 0, "id longer than " + MAX_ID_LENGTH + " characters"));
    }
    boolean longLabel =
        a.labels().values().stream().flatMap(List::stream).anyMatch(v -> v.length() > MAX_LABEL_LENGTH);
    if (longLabel || (a.source() != null && a.source().length() > MAX_LABEL_LENGTH)) {
      problems.add(new IngestProblem(a.id(), 0, "a label or source longer than " + MAX_LABEL_LENGTH + " characters"));
    }
  }

  @Override
  public boolean delete(String id) throws IOException {
    if (searcher.article(id).isEmpty()) {
      return false;
    }
    index.write(List.of(), List.of(id));
    return true;
  }

  /** Re-reads index-config (profile, dictionaries, analysis) and rebuilds the served index with it. */
  @Override
  public long reindex() throws IOException {
    Profile profile = Profile.load(configDir, index.generation().schema.profile());
    Enricher fresh = Enricher.forProfile(configDir, profile);
    Schema schema = Schema.of(profile, IndexSettings.load(configDir));
    index.rebuild(schema, fresh::retag, 256);
    enricher = fresh;
    return searcher.size();
  }
}
