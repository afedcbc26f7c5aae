package newsroom.config;

import java.util.List;
import java.util.Map;

/**
 * The names of the entities that dictionary dimensions tag (a company, each of its aliases), for query-time
 * expansion: a plain-word query that names an entity also searches its other names.
 *
 * @param byDimension dimension name to its entities
 */
public record EntityNames(Map<String, List<Entity>> byDimension) {

  /**
   * One entity: its canonical name, aliases matched ignoring case, and aliases matched only as written (acronyms
   * such as "CAC"). Aliases with wildcards are not names and are left out.
   */
  public record Entity(String name, List<String> aliases, List<String> exactCase) {
    public Entity {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
      exactCase = exactCase == null ? List.of() : List.copyOf(exactCase);
    }
  }

  public EntityNames {
    byDimension = Map.copyOf(byDimension);
  }

  public static EntityNames none() {
    return new EntityNames(Map.of());
  }

  public List<Entity> of(String dimension) {
    return byDimension.getOrDefault(dimension, List.of());
  }
}
