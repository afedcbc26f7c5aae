package newsroom.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import newsroom.backend.SortOrder;
import newsroom.config.Catalog;
import newsroom.config.Dimension;

/**
 * A fixed, seeded mix of queries about a generated corpus: single terms (common and rare), OR and AND of terms,
 * phrases (company and regulator names), boolean combinations, facet filters, date drill-down, newest first, and
 * browsing by facet without text. The same corpus seed gives the same vocabulary and names, so the mix asks about
 * what the corpus contains.
 */
public final class QueryMix {
  /** Kinds of query and their share of the mix. */
  private static final Map<String, Integer> WEIGHTS =
      Map.of(
          "term", 20,
          "or", 10,
          "and", 10,
          "phrase", 10,
          "boolean", 10,
          "filtered", 15,
          "date", 10,
          "newest", 10,
          "browse", 5);

  /** Kinds in a fixed order (for the report and for drawing). */
  public static final List<String> KINDS =
      List.of("term", "or", "and", "phrase", "boolean", "filtered", "date", "newest", "browse");

  private final NewsWorld world;
  /** The dimension that filters by an article's source. */
  private final String source;
  private final SplittableRandom rng;

  private QueryMix(NewsWorld world, String source, long mixSeed) {
    this.world = world;
    this.source = source;
    this.rng = new SplittableRandom(mixSeed);
  }

  /**
   * {@code size} queries about the corpus generated with {@code corpusSeed}.
   *
   * @throws IllegalArgumentException if the catalog lacks a dimension the mix filters or drills down by: one of
   *     {@link NewsWorld#ROLES}, the source or the date
   */
  public static List<BenchQuery> create(Path configDir, Catalog catalog, long corpusSeed, long mixSeed, int size) {
    String source = required(catalog, catalog.sourceDimension(), "source");
    required(catalog, catalog.dateDimension(), "date");
    QueryMix mix = new QueryMix(new NewsWorld(configDir, catalog, corpusSeed), source, mixSeed);
    List<BenchQuery> queries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      queries.add(mix.next());
    }
    return queries;
  }

  private BenchQuery next() {
    int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
    int pick = rng.nextInt(total);
    for (String kind : KINDS) {
      pick -= WEIGHTS.get(kind);
      if (pick < 0) {
        return of(kind);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static String required(Catalog catalog, Optional<Dimension> dimension, String from) {
    return dimension
        .orElseThrow(
            () -> new IllegalArgumentException(
                "profile '" + catalog.profile() + "' has no dimension from the " + from + ": the query mix needs one"))
        .name();
  }

  private BenchQuery of(String kind) {
    Builder b = new Builder(kind);
    switch (kind) {
      case "term" -> b.all.add(rng.nextBoolean() ? commonWord() : rareWord());
      case "or" -> b.any.addAll(List.of(commonWord(), rareWord()));
      case "and" -> b.all.addAll(List.of(commonWord(), commonWord()));
      case "phrase" -> b.phrase = name();
      case "boolean" -> {
        b.all.add(commonWord());
        b.any.addAll(List.of(rareWord(), rareWord(), commonWord()));
        b.none.add(commonWord());
      }
      case "filtered" -> {
        b.all.add(commonWord());
        filter(b);
      }
      case "date" -> {
        b.all.add(rng.nextBoolean() ? commonWord() : rareWord());
        b.datePath = datePath();
      }
      case "newest" -> {
        b.all.add(rareWord());
        b.sort = SortOrder.NEWEST;
      }
      case "browse" -> {
        filter(b);
        b.sort = SortOrder.NEWEST;
        if (rng.nextBoolean()) {
          b.datePath = datePath().subList(0, 1);
        }
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return b.build();
  }

  /** A content word of business news: each is in a tenth to a half of the articles. */
  private String commonWord() {
    Vocabulary v = world.vocabulary;
    return v.word(v.firstContentRank() + rng.nextInt(v.firstMadeUpRank() - v.firstContentRank()));
  }

  /** A word of the long tail, its rank drawn evenly on a log scale: in a few percent down to a few in 100,000. */
  private String rareWord() {
    Vocabulary v = world.vocabulary;
    double low = Math.log(v.firstMadeUpRank());
    double high = Math.log(v.size());
    return v.word((int) Math.min(v.size() - 1, Math.exp(low + rng.nextDouble() * (high - low))));
  }

  /** A company or regulator name as a phrase: a dictionary name or alias, or one of the other companies. */
  private String name() {
    if (rng.nextBoolean()) {
      return world.otherCompany(rng);
    }
    List<NewsWorld.Tagged> named = new ArrayList<>(world.tagged(NewsWorld.COMPANY));
    named.addAll(world.tagged(NewsWorld.REGULATOR));
    NewsWorld.Tagged t = named.get(rng.nextInt(named.size()));
    return t.namings().get(rng.nextInt(t.namings().size()));
  }

  private void filter(Builder b) {
    switch (rng.nextInt(5)) {
      case 0 -> b.filters.put(source, List.of(world.source(rng)));
      case 1 -> b.filters.put(NewsWorld.REGULATOR, List.of(tagged(NewsWorld.REGULATOR)));
      case 2 -> b.filters.put(NewsWorld.ACTION, List.of(tagged(NewsWorld.ACTION)));
      case 3 -> {
        String first = tagged(NewsWorld.COMPANY);
        String second = tagged(NewsWorld.COMPANY);
        b.filters.put(NewsWorld.COMPANY, first.equals(second) ? List.of(first) : List.of(first, second));
      }
      default -> {
        b.filters.put(NewsWorld.COMPANY, List.of(tagged(NewsWorld.COMPANY)));
        b.filters.put(source, List.of(world.source(rng)));
      }
    }
  }

  private String tagged(String dimension) {
    List<NewsWorld.Tagged> values = world.tagged(dimension);
    return values.get(rng.nextInt(values.size())).value();
  }

  /** A year, or a month (often one with a news burst). */
  private List<String> datePath() {
    int day =
        rng.nextBoolean() ? world.burstDays[rng.nextInt(world.burstDays.length)] : rng.nextInt(NewsWorld.DAYS);
    LocalDate d = NewsWorld.FIRST_DAY.plusDays(day);
    String year = String.valueOf(d.getYear());
    return rng.nextBoolean() ? List.of(year) : List.of(year, String.format("%02d", d.getMonthValue()));
  }

  private static final class Builder {
    final String kind;
    final List<String> all = new ArrayList<>();
    final List<String> any = new ArrayList<>();
    final List<String> none = new ArrayList<>();
    String phrase;
    final Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
    List<String> datePath = List.of();
    SortOrder sort = SortOrder.RELEVANCE;

    Builder(String kind) {
      this.kind = kind;
    }

    BenchQuery build() {
      return new BenchQuery(kind, all, any, none, phrase, filters, datePath, sort);
    }
  }
}
