package newsroom.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How syndicated copies are grouped into stories, from index-config/stories.json. Like the analysis they shape the
 * index (each article's signature and story are computed when it is written), so an index keeps the settings it
 * was built with in its catalog, and live writes use those; a re-index applies edited ones.
 *
 * <p>Each body is cut into overlapping runs of {@code shingleSize} words; its signature holds {@code bands * rows}
 * MinHash values, cut into {@code bands} bands of {@code rows}. Two articles whose signatures agree on a whole band
 * are candidates; a candidate is confirmed when the share of equal values (the estimate of the Jaccard similarity
 * of their shingle sets) is at least {@code threshold}. A pair of similarity s becomes a candidate with probability
 * 1 - (1 - s^rows)^bands: about 97% at 0.7 with 20 bands of 5.
 *
 * @param minShingles bodies with fewer shingles are never grouped: too little text to tell a copy from a formula
 *     (two dividend notices of different companies can read word for word alike)
 * @param enabled false: indexes are built without stories (null means true)
 */
public record StorySettings(int shingleSize, int bands, int rows, double threshold, int minShingles, Boolean enabled) {
  public static final String FILE = "stories.json";

  /** What an index-config without stories.json gets. */
  public static StorySettings defaults() {
    return new StorySettings(4, 20, 5, 0.7, 12, true);
  }

  public StorySettings {
    enabled = enabled == null || enabled;
  }

  /** How many MinHash values a signature holds. */
  public int hashes() {
    return bands * rows;
  }

  /** Reads and checks stories.json; the defaults when there is none. A bad value is one line naming the file. */
  public static StorySettings load(Path configDir) {
    Path file = configDir.resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    StorySettings read;
    try {
      read = Json.readFile(file, StorySettings.class);
    } catch (java.io.UncheckedIOException e) {
      throw new ConfigException(e.getMessage());
    }
    if (read == null) {
      throw new ConfigException(file + " is empty");
    }
    read.check(file);
    return read;
  }

  void check(Path file) {
    range(file, "shingle_size", shingleSize, 1, 20);
    range(file, "bands", bands, 1, 256);
    range(file, "rows", rows, 1, 64);
    range(file, "min_shingles", minShingles, 1, 10_000);
    if (hashes() > 1024) {
      throw new ConfigException(file + ": bands * rows must be at most 1024, not " + hashes());
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new ConfigException(file + ": threshold must be above 0 and at most 1, not " + threshold);
    }
  }

  private static void range(Path file, String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(file + ": " + name + " must be between " + min + " and " + max + ", not " + value);
    }
  }
}
