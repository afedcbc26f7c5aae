package newsroom.enrich;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.index.Article;
import newsroom.index.Profile;

/**
 * Tags an article's title and body with the entities and action types of a profile's dictionaries. The batch
 * indexer and any live ingestion go through this one class, so an article is tagged the same way either way.
 */
public final class Enricher {
  private final List<TagDictionary> dictionaries;

  public Enricher(List<TagDictionary> dictionaries) {
    this.dictionaries = List.copyOf(dictionaries);
  }

  public static Enricher forProfile(Path configDir, Profile profile) {
    return new Enricher(profile.tagging().stream().map(f -> TagDictionary.load(configDir.resolve(f))).toList());
  }

  public List<TagDictionary> dictionaries() {
    return dictionaries;
  }

  /**
   * Tags an article that was tagged before, with these (perhaps edited) dictionaries: the values of the
   * dimensions they tag are recomputed from the text, so a removed alias also removes its tag. Values a corpus
   * supplied itself for those same dimensions are not kept apart from tags, and are recomputed too.
   */
  public Article retag(Article article) {
    Map<String, List<String>> kept = new LinkedHashMap<>(article.labels());
    dictionaries.forEach(d -> kept.remove(d.dimension()));
    return enrich(new Article(article.id(), article.title(), article.body(), article.source(), article.url(),
        article.published(), kept));
  }

  /** The article with the tags found added to its labels (labels it came with are kept). */
  public Article enrich(Article article) {
    String text = (article.title() == null ? "" : article.title()) + "\n" + article.body();
    Map<String, List<String>> tags = new LinkedHashMap<>();
    for (TagDictionary d : dictionaries) {
      List<String> found = d.tag(text);
      if (!found.isEmpty()) {
        tags.merge(d.dimension(), found, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
      }
    }
    return tags.isEmpty() ? article : article.withLabels(tags);
  }
}
