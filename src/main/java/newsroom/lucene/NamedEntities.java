package newsroom.lucene;

import java.util.List;
import newsroom.config.Catalog;
import newsroom.config.EntityNames;
import newsroom.config.RankingSettings;

/**
 * The entity names a plain-word query names, read as the embedded index's query expansion reads them ({@link
 * EntityExpansion}: by the analysed words, or by an exact-case alias), for a backend that runs the expansion
 * elsewhere (SolrCloud rewrites the query text with the other names). Thread-safe.
 */
public final class NamedEntities {
  private final EntityExpansion expansion;
  private final TextTerms text;

  public NamedEntities(EntityNames names, RankingSettings.Entities settings, Catalog catalog) {
    LuceneSchema schema = new LuceneSchema(catalog);
    this.expansion = new EntityExpansion(names, settings, schema.analyzer());
    this.text = new TextTerms(catalog);
  }

  /** For each entity the text names, its other names as the dictionary writes them (those the text does not use). */
  public List<List<String>> otherNames(String query) {
    return expansion.otherNames(query, text.words(query));
  }
}
