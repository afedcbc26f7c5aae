package newsroom.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.config.Json;
import newsroom.enrich.TagDictionary;

/**
 * Everything a generated corpus is made of, derived from a seed and the profile's dictionaries: the vocabulary,
 * the tagged values (companies, regulators, actions) with the words that name them, thousands of other companies,
 * a few dozen sources, and the publication calendar with its news bursts. The generator writes articles from it;
 * the benchmark's query mix asks about it.
 */
final class NewsWorld {
  /*
   * The roles of the news this world models: a company is what a story is about, a regulator looks into it, an
   * action is what happens to it. The generator writes mentions by role and the query mix asks by role, so a
   * profile must tag each with a dictionary dimension of this name (profile news does). These are the only
   * dimension names the benchmark knows; everything else comes from the catalog.
   */
  static final String COMPANY = "company";
  static final String REGULATOR = "regulator";
  static final String ACTION = "action";
  static final List<String> ROLES = List.of(COMPANY, REGULATOR, ACTION);

  static final int VOCABULARY_SIZE = 60_000;
  static final double ZIPF_EXPONENT = 1.0;
  static final int OTHER_COMPANIES = 3_000;
  static final int SOURCES = 36;
  static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1);
  static final int DAYS = 8 * 365 + 2;
  static final int BURSTS = 24;

  private static final String[] COMPANY_SUFFIXES = {
    "Group", "Holdings", "Technologies", "Logistics", "Bank", "Motors", "Energy", "Pharma", "Capital", "Networks",
    "Foods", "Mining", "Systems", "Labs", "Media", "", "", ""
  };
  private static final String[] SOURCE_FIRST = {
    "Daily", "Morning", "Evening", "Global", "Pacific", "Northern", "Harbor", "Capital", "Metro", "Continental",
    "Eastern", "Western"
  };
  private static final String[] SOURCE_SECOND = {
    "Ledger", "Wire", "Herald", "Post", "Observer", "Times", "Bulletin", "Courier", "Dispatch", "Review",
    "Journal", "Gazette"
  };

  /** A dictionary value and the ways a text names it (name, aliases, exact-case aliases). */
  record Tagged(String value, List<String> namings) {}

  final Vocabulary vocabulary;
  /** Tagged values by dimension, in dictionary order. */
  final Map<String, List<Tagged>> tagged;
  final List<String> otherCompanies;
  final Vocabulary.ZipfSampler otherCompanyPopularity;
  final List<String> sources;
  final Vocabulary.ZipfSampler sourcePopularity;
  /** Days (since {@link #FIRST_DAY}) around which coverage bursts. */
  final int[] burstDays;

  /** @throws IllegalArgumentException if the catalog tags no values for one of the {@link #ROLES} */
  NewsWorld(Path configDir, Catalog catalog, long seed) {
    this.tagged = new LinkedHashMap<>();
    Set<String> dictionaryWords = new LinkedHashSet<>();
    Set<String> dictionaryPrefixes = new LinkedHashSet<>();
    for (Dimension dimension : catalog.dictionaryDimensions()) {
      TagDictionary.Spec spec = Json.readFile(configDir.resolve(dimension.dictionary()), TagDictionary.Spec.class);
      for (TagDictionary.Value v : spec.values()) {
        List<String> namings = new ArrayList<>();
        namings.add(v.name());
        namings.addAll(v.aliases() == null ? List.of() : v.aliases());
        namings.addAll(v.exactCase() == null ? List.of() : v.exactCase());
        tagged.computeIfAbsent(dimension.name(), d -> new ArrayList<>()).add(new Tagged(v.name(), namings));
        for (String naming : namings) {
          for (String w : naming.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}*]+")) {
            if (w.endsWith("*")) {
              dictionaryPrefixes.add(w.substring(0, w.length() - 1));
            } else if (!w.isEmpty()) {
              dictionaryWords.add(w);
            }
          }
        }
      }
    }
    for (String role : ROLES) {
      if (tagged(role).isEmpty()) {
        throw new IllegalArgumentException(
            "profile '" + catalog.profile() + "' has no dictionary dimension '" + role + "' with values: a synthetic"
                + " news corpus needs the dictionary dimensions " + String.join(", ", ROLES) + " (see profile "
                + Catalog.DEFAULT_PROFILE + ")");
      }
    }
    // Made-up words never spell a dictionary word, so a tag in the corpus comes from a mention put there on purpose
    // (or from real words meeting by chance, as in real text).
    this.vocabulary =
        new Vocabulary(
            seed,
            VOCABULARY_SIZE,
            ZIPF_EXPONENT,
            w -> dictionaryWords.contains(w) || dictionaryPrefixes.stream().anyMatch(p -> !p.isEmpty() && w.startsWith(p)));

    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Set<String> companies = new LinkedHashSet<>();
    while (companies.size() < OTHER_COMPANIES) {
      String name = capitalize(vocabulary.word(vocabulary.firstMadeUpRank() + rng.nextInt(vocabulary.size() - vocabulary.firstMadeUpRank())));
      String suffix = COMPANY_SUFFIXES[rng.nextInt(COMPANY_SUFFIXES.length)];
      companies.add(suffix.isEmpty() ? name : name + " " + suffix);
    }
    this.otherCompanies = List.copyOf(companies);
    this.otherCompanyPopularity = new Vocabulary.ZipfSampler(otherCompanies.size(), 1.0);

    List<String> allSources = new ArrayList<>();
    for (String first : SOURCE_FIRST) {
      for (String second : SOURCE_SECOND) {
        allSources.add("The " + first + " " + second);
      }
    }
    List<String> picked = new ArrayList<>();
    while (picked.size() < SOURCES) {
      picked.add(allSources.remove(rng.nextInt(allSources.size())));
    }
    this.sources = List.copyOf(picked);
    this.sourcePopularity = new Vocabulary.ZipfSampler(sources.size(), 0.8);

    this.burstDays = new int[BURSTS];
    for (int i = 0; i < BURSTS; i++) {
      burstDays[i] = rng.nextInt(DAYS);
    }
  }

  List<Tagged> tagged(String dimension) {
    return tagged.getOrDefault(dimension, List.of());
  }

  String source(SplittableRandom rng) {
    return sources.get(sourcePopularity.sample(rng));
  }

  String otherCompany(SplittableRandom rng) {
    return otherCompanies.get(otherCompanyPopularity.sample(rng));
  }

  /**
   * A publication time: a third of the articles fall within a few days of a burst (a story everyone covers), the
   * rest evenly over eight years.
   */
  Instant published(SplittableRandom rng) {
    int day;
    if (rng.nextDouble() < 0.35) {
      day = burstDays[rng.nextInt(burstDays.length)] + (int) Math.round(gaussian(rng) * 4);
      day = Math.floorMod(day, DAYS);
    } else {
      day = rng.nextInt(DAYS);
    }
    long secondOfDay = rng.nextLong(86_400);
    return FIRST_DAY.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(secondOfDay);
  }

  /**
   * One way of naming a dictionary value in text: its name or an alias, with a prefix word ({@code regist*})
   * completed to an inflection and a wildcard word filled with a vocabulary word.
   */
  String naming(Tagged t, SplittableRandom rng) {
    String phrase = t.namings().get(rng.nextInt(t.namings().size()));
    if (!phrase.contains("*")) {
      return phrase;
    }
    StringBuilder out = new StringBuilder();
    for (String w : phrase.split(" ")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      if (w.equals("*")) {
        out.append(vocabulary.word(vocabulary.firstContentRank() + rng.nextInt(200)));
      } else if (w.endsWith("*")) {
        String[] endings = {"", "s", "ed", "ing", "ation"};
        out.append(w, 0, w.length() - 1).append(endings[rng.nextInt(endings.length)]);
      } else {
        out.append(w);
      }
    }
    return out.toString();
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller: SplittableRandom has no nextGaussian of its own.
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  static String capitalize(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
