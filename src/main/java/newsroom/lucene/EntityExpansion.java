package newsroom.lucene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import newsroom.config.EntityNames;
import newsroom.config.RankingSettings;
import newsroom.config.SearchSettings;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Query-time expansion with the entity dictionaries: a plain-word query that names an entity (by its name or any
 * alias, "Kanzhun") also searches the entity's other names ("Boss Zhipin", "Zhipin", ...). An article's best
 * match among the other names counts the configured weight (below 1) times a match of the words typed, so articles
 * that only use another name are found, a little below the exact mentions.
 *
 * <p>The names are analysed once, with the analyzer of the generation they expand queries for.
 */
final class EntityExpansion {

  /** One name of an entity as the index holds it. */
  private record Name(String text, List<String> tokens, Pattern exactCase) {}

  private record Entity(String canonical, List<Name> names) {}

  private final Analyzer analyzer;
  private final List<Entity> entities = new ArrayList<>();

  EntityExpansion(EntityNames names, RankingSettings.Entities settings, Analyzer analyzer) {
    this.analyzer = analyzer;
    for (String dim : settings.dimensions()) {
      for (EntityNames.Entity e : names.of(dim)) {
        List<Name> list = new ArrayList<>();
        add(list, e.name(), false);
        e.aliases().forEach(a -> add(list, a, false));
        e.exactCase().forEach(a -> add(list, a, true));
        if (list.size() > 1) {
          entities.add(new Entity(e.name(), list));
        }
      }
    }
  }

  private void add(List<Name> list, String text, boolean exactCase) {
    List<String> tokens = PlainWords.tokens(analyzer, ArticleFields.BODY, text);
    if (!tokens.isEmpty() && list.stream().noneMatch(n -> n.tokens().equals(tokens))) {
      Pattern exact = exactCase ? Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])") : null;
      list.add(new Name(text, List.copyOf(tokens), exact));
    }
  }

  /**
   * The other names of the entities {@code text} names, each entity's as one clause (its best matching name
   * counts, times {@code weight}); null when the text names none.
   */
  Query expand(String text, PlainWords words, SearchSettings settings) {
    float weight = settings.ranking().entities().weight();
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int added = 0;
    for (List<String> names : otherNames(text, words.terms())) {
      List<Query> others = new ArrayList<>();
      for (String name : names) {
        others.add(nameQuery(name, settings));
      }
      others.removeIf(q -> q == null);
      if (!others.isEmpty()) {
        b.add(new BoostQuery(new DisjunctionMaxQuery(others, 0f), weight), BooleanClause.Occur.SHOULD);
        added++;
      }
    }
    return added == 0 ? null : b.build();
  }

  /**
   * For each entity that {@code text} (analysed: {@code terms}) names, its other names as the dictionary writes
   * them: those the text does not use.
   */
  List<List<String>> otherNames(String text, List<String> terms) {
    List<List<String>> found = new ArrayList<>();
    for (Entity e : entities) {
      if (e.names().stream().noneMatch(n -> named(n, text, terms))) {
        continue;
      }
      List<String> others = new ArrayList<>();
      for (Name n : e.names()) {
        if (Collections.indexOfSubList(terms, n.tokens()) < 0) {
          others.add(n.text());
        }
      }
      if (!others.isEmpty()) {
        found.add(others);
      }
    }
    return found;
  }

  private static boolean named(Name n, String text, List<String> terms) {
    if (n.exactCase() != null) {
      return n.exactCase().matcher(text).find();
    }
    return Collections.indexOfSubList(terms, n.tokens()) >= 0;
  }

  /** The name as a phrase (a word, for a one-word name) in title and body, with their boosts. */
  private Query nameQuery(String name, SearchSettings settings) {
    QueryBuilder builder = new QueryBuilder(analyzer);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int fields = 0;
    for (String field : ArticleFields.TEXT) {
      Query q = builder.createPhraseQuery(field, name);
      if (q != null) {
        b.add(PlainWords.boosted(q, PlainWords.boost(settings, field)), BooleanClause.Occur.SHOULD);
        fields++;
      }
    }
    return fields == 0 ? null : b.build();
  }
}
