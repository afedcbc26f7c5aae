package newsroom.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A corpus profile from index-config/profiles/NAME.json: which facet dimensions the corpus has, and which
 * dictionaries tag its text. The seed corpus uses "news"; other corpora bring their own.
 *
 * @param tagging dictionary files (entities, action rules), relative to the config folder
 */
public record Profile(String name, String description, List<FacetDimension> facets, List<String> tagging) {

  public static final String DEFAULT = "news";

  public Profile {
    facets = List.copyOf(facets);
    tagging = tagging == null ? List.of() : List.copyOf(tagging);
  }

  public static Profile load(Path configDir, String name) {
    Path file = configDir.resolve("profiles").resolve(name + ".json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no profile '" + name + "': " + file + " does not exist");
    }
    Profile profile = Json.readFile(file, Profile.class);
    return new Profile(name, profile.description(), profile.facets(), profile.tagging());
  }
}
