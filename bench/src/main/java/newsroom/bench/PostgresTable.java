package newsroom.bench;

import java.util.List;
import java.util.Optional;
import newsroom.config.Catalog;
import newsroom.config.Dimension;

/**
 * The benchmark's PostgreSQL table laid out after a catalog: the article's own columns, a stored {@code tsvector},
 * and a {@code text[]} column for each label dimension; the source and date dimensions are filtered and counted
 * from the {@code source} and {@code published} columns.
 *
 * @param labelDimensions the catalog's label dimensions, in profile order
 */
record PostgresTable(List<String> labelDimensions, Optional<String> sourceDimension, Optional<String> dateDimension) {

  static PostgresTable of(Catalog catalog) {
    return new PostgresTable(
        catalog.labelDimensions().stream().map(Dimension::name).toList(),
        catalog.sourceDimension().map(Dimension::name),
        catalog.dateDimension().map(Dimension::name));
  }

  /** A label dimension's column: prefixed, so that no dimension name can clash with a column of the article's. */
  static String column(String labelDimension) {
    return "label_" + labelDimension;
  }

  /** The label columns as a list to follow other columns: {@code ", label_company, label_regulator"}. */
  String labelColumns() {
    return labelDimensions.stream().map(d -> ", " + column(d)).reduce("", String::concat);
  }
}
