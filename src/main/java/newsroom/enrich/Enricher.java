package newsroom.enrich;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.config.EntityNames;
import newsroom.config.Catalog;
import newsroom.model.Article;

/**
 * Tags an article's title and body with the values of the catalog's dictionary dimensions (companies,
 * regulators, action types). The batch indexer and live ingestion go through this one class, so an article is
 * tagged the same way either way.
 */
public final class Enricher {

  /** A dictionary and the dimension its values go to. */
  public record Tagger(String dimension, TagDictionary dictionary) {}

  private final List<Tagger> taggers;

  public Enricher(List<Tagger> taggers) {
    this.taggers = List.copyOf(taggers);
  }

  /** Loads the dictionary of each of the catalog's dictionary dimensions; a bad file is a one-line error. */
  public static Enricher forCatalog(Path configDir, Catalog catalog) {
    return new Enricher(
        catalog.dictionaryDimensions().stream()
            .map(d -> new Tagger(d.name(), TagDictionary.load(configDir.resolve(d.dictionary()))))
            .toList());
  }

  public List<Tagger> taggers() {
    return taggers;
  }

  /**
   * The names and aliases of the values each dictionary tags, for query expansion; wildcard aliases
   * ({@code regist*}) and patterns are not names and are left out.
   */
  public EntityNames entityNames() {
    Map<String, List<EntityNames.Entity>> byDimension = new LinkedHashMap<>();
    for (Tagger t : taggers) {
      byDimension.put(
          t.dimension(),
          t.dictionary().entries().stream()
              .map(v -> new EntityNames.Entity(v.name(), names(v.aliases()), names(v.exactCase())))
              .toList());
    }
    return new EntityNames(byDimension);
  }

  private static List<String> names(List<String> aliases) {
    return aliases == null ? List.of() : aliases.stream().filter(a -> !a.contains("*")).toList();
  }

  /**
   * Tags an article that was tagged before, with these (perhaps edited) dictionaries: the values of the
   * dimensions they tag are recomputed from the text, so a removed alias also removes its tag. Values a corpus
   * supplied itself for those same dimensions are not kept apart from tags, and are recomputed too.
   */
  public Article retag(Article article) {
    Map<String, List<String>> kept = new LinkedHashMap<>(article.labels());
    taggers.forEach(t -> kept.remove(t.dimension()));
    return enrich(new Article(article.id(), article.title(), article.body(), article.source(), article.url(),
        article.published(), kept));
  }

  /** The article with the tags found added to its labels (labels it came with are kept). */
  public Article enrich(Article article) {
    String text = (article.title() == null ? "" : article.title()) + "\n" + article.body();
    Map<String, List<String>> tags = new LinkedHashMap<>();
    for (Tagger t : taggers) {
      List<String> found = t.dictionary().tag(text);
      if (!found.isEmpty()) {
        tags.put(t.dimension(), found);
      }
    }
    return tags.isEmpty() ? article : article.withLabels(tags);
  }
}
