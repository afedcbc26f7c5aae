package newsroom.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One facet dimension, declared once in a profile: its name (also the URL parameter that filters by it and the
 * keyword field that {@code company:kanzhun} searches), what a person reads, and where its values come from.
 * Indexing, querying, the page and the benchmark all derive what they do with a dimension from this record.
 *
 * @param dictionary for {@link From#DICTIONARY}: the tag dictionary file, relative to the config folder
 */
// Indexes built before dimensions said where their values come from stored these two flags; they are derived now.
@JsonIgnoreProperties({"hierarchical", "multi_valued"})
public record Dimension(String name, String label, From from, String dictionary) {

  /** Where a dimension's values come from. */
  public enum From {
    /** Tagged from the title and body by a dictionary of names and phrases (companies, regulators, actions). */
    @JsonProperty("dictionary") DICTIONARY,
    /** Given by the corpus itself: a reader's label lists (Reuters' TOPICS) or an article's {@code labels}. */
    @JsonProperty("corpus") CORPUS,
    /** The article's source (the outlet). */
    @JsonProperty("source") SOURCE,
    /** The publication date as a year / month / day path. */
    @JsonProperty("date") DATE
  }

  public Dimension {
    if (from == null) {
      // Schemas stored by older indexes name no origin: date and source were known by name, the rest was labels.
      from = switch (name == null ? "" : name) {
        case "date" -> From.DATE;
        case "source" -> From.SOURCE;
        default -> From.CORPUS;
      };
    }
    label = label == null || label.isBlank() ? name : label;
  }

  /** The date is counted as a tree: years, the months of a year, the days of a month. */
  public boolean hierarchical() {
    return from == From.DATE;
  }

  /** An article has one source and one date, but may name several companies, topics or actions. */
  public boolean multiValued() {
    return from != From.SOURCE && from != From.DATE;
  }

  /** Values an article carries in its {@code labels} (tagged or given by the corpus), not in a field of its own. */
  public boolean fromLabels() {
    return from == From.DICTIONARY || from == From.CORPUS;
  }
}
