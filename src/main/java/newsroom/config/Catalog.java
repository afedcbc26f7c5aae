package newsroom.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.model.ArticleFields;

/**
 * The schema catalog: every facet dimension of an index, declared once in its profile, with the text analysis it
 * is built with. Indexing, query parsing, the page's facets and tips, and the benchmark all derive from it; an
 * index stores its catalog, so it is searched as it was built whatever index-config says today.
 *
 * @param profile the profile's name (index-config/profiles/NAME.json)
 * @param stories how copies are grouped into stories (stories.json); null when they are not (stories.json says
 *     {@code "enabled": false}, or the index was built before stories were grouped)
 */
public record Catalog(
    String profile,
    String description,
    @JsonAlias("facets") List<Dimension> dimensions,
    @JsonAlias("settings") IndexSettings analysis,
    StorySettings stories) {

  public static final String DEFAULT_PROFILE = "news";
  /** The name of the dimension that comes from the publication date, and of the API's date drill-down. */
  public static final String DATE = "date";

  /**
   * Request parameters of the API and fields of an article: a dimension is also a URL parameter and a query
   * field, so it cannot take one of these names.
   */
  public static final Set<String> RESERVED =
      Set.of(
          "q", "sort", "page", "size", "from", "to", "facet_limit", "facets", "cursor", "explain", "collapse", "story", "count",
          "format", "prefix", "series", "interval", "article", "syntax", "feedback",
          ArticleFields.ID, ArticleFields.TITLE, ArticleFields.BODY, ArticleFields.URL, ArticleFields.PUBLISHED);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  public Catalog {
    dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
  }

  /** The profile's file as written: its description and dimensions. */
  private record ProfileFile(String description, @JsonAlias("facets") List<Dimension> dimensions) {}

  /**
   * Reads and checks index-config/profiles/NAME.json and analysis.json. A profile that cannot work is refused
   * with one line naming the file and what to change.
   */
  public static Catalog load(Path configDir, String profileName) {
    if (profileName == null || !NAME.matcher(profileName).matches()) {
      throw new ConfigException("'" + profileName + "' is no profile name (lower-case letters, digits, _)");
    }
    Path file = configDir.resolve("profiles").resolve(profileName + ".json");
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("no profile '" + profileName + "': " + file + " does not exist");
    }
    ProfileFile read;
    IndexSettings analysis;
    try {
      read = Json.readFile(file, ProfileFile.class);
      analysis = IndexSettings.load(configDir);
    } catch (java.io.UncheckedIOException e) {
      throw new ConfigException(e.getMessage());
    }
    StorySettings stories = StorySettings.load(configDir);
    Catalog catalog =
        new Catalog(profileName, read.description(), read.dimensions(), analysis, stories.enabled() ? stories : null);
    catalog.check(file, configDir);
    return catalog;
  }

  private void check(Path file, Path configDir) {
    if (dimensions.isEmpty()) {
      throw new ConfigException(file + ": declares no dimensions");
    }
    Set<String> seen = new HashSet<>();
    int dates = 0;
    int sources = 0;
    for (Dimension d : dimensions) {
      String where = file + ": dimension '" + d.name() + "'";
      if (d.name() == null || !NAME.matcher(d.name()).matches()) {
        throw new ConfigException(where + " is no valid name (lower-case letters, digits and _, up to 40)");
      }
      if (RESERVED.contains(d.name())) {
        throw new ConfigException(
            where + " is named like a request parameter or article field; rename it (reserved: "
                + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
      }
      if (!seen.add(d.name())) {
        throw new ConfigException(where + " is declared twice");
      }
      if (d.from() == Dimension.From.DICTIONARY) {
        if (d.dictionary() == null || d.dictionary().isBlank()) {
          throw new ConfigException(where + " takes its values from a dictionary but names none (\"dictionary\")");
        }
        if (!Files.isRegularFile(configDir.resolve(d.dictionary()))) {
          throw new ConfigException(where + ": dictionary " + configDir.resolve(d.dictionary()) + " does not exist");
        }
      } else if (d.dictionary() != null) {
        throw new ConfigException(where + " names a dictionary but takes its values from " + d.from().name()
            .toLowerCase(java.util.Locale.ROOT) + "; say \"from\": \"dictionary\" or drop the dictionary");
      }
      if (d.from() == Dimension.From.DATE && !d.name().equals(DATE)) {
        // The page and the API's date drill-down (date=2021/07) know the date by this one name.
        throw new ConfigException(where + " takes the date: name it '" + DATE + "'");
      }
      dates += d.from() == Dimension.From.DATE ? 1 : 0;
      sources += d.from() == Dimension.From.SOURCE ? 1 : 0;
    }
    if (dates > 1 || sources > 1) {
      throw new ConfigException(file + ": at most one dimension may come from the date, and one from the source");
    }
  }

  /** Whether the index groups copies into stories (one built before it did has no story to collapse or count). */
  public boolean groupsStories() {
    return stories != null;
  }

  public Optional<Dimension> dimension(String name) {
    return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public boolean hasDimension(String name) {
    return dimension(name).isPresent();
  }

  public Optional<Dimension> dateDimension() {
    return dimensions.stream().filter(d -> d.from() == Dimension.From.DATE).findFirst();
  }

  public Optional<Dimension> sourceDimension() {
    return dimensions.stream().filter(d -> d.from() == Dimension.From.SOURCE).findFirst();
  }

  /** Dimensions whose values an article carries in its labels: tagged by dictionaries or given by the corpus. */
  public List<Dimension> labelDimensions() {
    return dimensions.stream().filter(Dimension::fromLabels).toList();
  }

  /** Dimensions tagged by a dictionary, in profile order. */
  public List<Dimension> dictionaryDimensions() {
    return dimensions.stream().filter(d -> d.from() == Dimension.From.DICTIONARY).toList();
  }

  public List<String> names() {
    return dimensions.stream().map(Dimension::name).toList();
  }
}
