package newsroom.config;

import java.nio.file.Path;

/**
 * Analyzer and field settings from index-config/analysis.json. They shape the index itself, so the index keeps
 * a copy (see {@link Catalog}) and searches with the analyzer it was built with.
 *
 * @param text the analysis chain of title and body
 * @param offsets store term offsets in the postings: faster highlighting for a somewhat larger index
 */
public record IndexSettings(AnalyzerSpec text, boolean offsets) {
  public static IndexSettings load(Path configDir) {
    return Json.readFile(configDir.resolve("analysis.json"), IndexSettings.class);
  }
}
