package newsroom.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.backend.SortOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL full-text search as the benchmark's point of comparison, over the table {@link PostgresLoader}
 * fills. A benchmark query becomes what an application on PostgreSQL would run: the page of hits ranked by
 * {@code ts_rank} (or newest first) with {@code ts_headline} snippets, and the total and the facet counts by
 * {@code GROUP BY} over the filtered set, drill-sideways like the searcher's.
 */
final class PostgresTarget implements LoadRunner.Target<BenchQuery>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresTarget.class);

  private final String url;
  private final PostgresTable table;
  private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();

  /** @param url a JDBC URL of a database on this machine */
  PostgresTarget(String url, PostgresTable table) {
    this.url = url;
    this.table = table;
  }

  @Override
  public LoadRunner.Answer run(BenchQuery query) throws SQLException {
    Connection c = connection();
    int hits = 0;
    try (Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery(hitsSql(query))) {
        while (r.next()) {
          r.getString(3); // the snippet: make sure it is computed and sent, as the searcher's is
          hits++;
        }
      }
      long total = -1;
      try (ResultSet r = s.executeQuery(facetsSql(query))) {
        while (r.next()) {
          if (r.getString(1) == null) {
            total = r.getLong(3);
          }
        }
      }
      return new LoadRunner.Answer(200, total, hits);
    }
  }

  /** The page of hits: best ts_rank first (or newest first), with ts_headline snippets. */
  private String hitsSql(BenchQuery q) {
    String where = filters(q, null) + " AND " + datePath(q);
    if (!q.hasText()) {
      return "SELECT id, title, left(body, 200) FROM articles WHERE " + where + " ORDER BY " + order(q) + " LIMIT "
          + BenchQuery.PAGE_SIZE;
    }
    String rank = q.sort() == SortOrder.RELEVANCE ? ", ts_rank(tsv, q.tsq) AS rank" : "";
    return "WITH q AS (SELECT " + tsquery(q) + " AS tsq) "
        + "SELECT id, title, ts_headline('english', body, q.tsq, 'MaxFragments=2, MinWords=10, MaxWords=30') "
        + "FROM (SELECT id, title, body, published" + rank + " FROM articles, q WHERE tsv @@ q.tsq AND " + where
        + " ORDER BY " + order(q) + " LIMIT " + BenchQuery.PAGE_SIZE + ") page, q ORDER BY " + order(q);
  }

  private static String order(BenchQuery q) {
    return switch (q.sort()) {
      case RELEVANCE -> q.hasText() ? "rank DESC" : "id";
      case DATE -> "published ASC NULLS LAST";
      case NEWEST -> "published DESC NULLS LAST";
    };
  }

  /**
   * The total and every dimension's counts over the matching set, one row a value: dimension, value, count
   * (the total's row names no dimension, so that no dimension's name can pass for it).
   * Drill-sideways: a dimension's counts ignore its own filter but apply the others; the date lists the children
   * of the selected date (the matching set is already within it).
   */
  private String facetsSql(BenchQuery q) {
    String base = "SELECT published, source" + table.labelColumns() + " FROM articles";
    StringBuilder sql = new StringBuilder();
    if (q.hasText()) {
      sql.append("WITH q AS (SELECT ").append(tsquery(q)).append(" AS tsq), base AS MATERIALIZED (")
          .append(base).append(", q WHERE tsv @@ q.tsq AND ").append(datePath(q)).append(") ");
    } else {
      sql.append("WITH base AS MATERIALIZED (").append(base).append(" WHERE ").append(datePath(q)).append(") ");
    }
    sql.append("SELECT NULL, NULL, count(*) FROM base WHERE ").append(filters(q, null));
    for (String dim : table.labelDimensions()) {
      sql.append(" UNION ALL (SELECT ").append(literal(dim)).append(", v, count(*) FROM base, unnest(")
          .append(PostgresTable.column(dim)).append(") v WHERE ").append(filters(q, dim))
          .append(" GROUP BY v ORDER BY count(*) DESC, v LIMIT ").append(BenchQuery.FACET_LIMIT).append(')');
    }
    table.sourceDimension().ifPresent(source ->
        sql.append(" UNION ALL (SELECT ").append(literal(source)).append(", source, count(*) FROM base WHERE ")
            .append(filters(q, source)).append(" GROUP BY source ORDER BY count(*) DESC, source LIMIT ")
            .append(BenchQuery.FACET_LIMIT).append(')'));
    String part = switch (q.datePath().size()) {
      case 0 -> "YYYY";
      case 1 -> "MM";
      default -> "DD";
    };
    table.dateDimension().ifPresent(date ->
        sql.append(" UNION ALL (SELECT ").append(literal(date)).append(", to_char(published AT TIME ZONE 'UTC', '")
            .append(part).append("'), count(*) FROM base WHERE published IS NOT NULL AND ").append(filters(q, null))
            .append(" GROUP BY 2)"));
    return sql.toString();
  }

  /** The query's filters but those of dimension {@code except} (null: all of them) as one condition. */
  private String filters(BenchQuery q, String except) {
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
      if (f.getKey().equals(except)) {
        continue;
      }
      String values = f.getValue().stream().map(PostgresTarget::literal).collect(Collectors.joining(","));
      conditions.add(
          table.sourceDimension().filter(f.getKey()::equals).isPresent()
              ? "source IN (" + values + ")"
              : PostgresTable.column(f.getKey()) + " && ARRAY[" + values + "]::text[]");
    }
    return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
  }

  /** The selected year, month or day as a range of publication times (UTC). */
  private static String datePath(BenchQuery q) {
    List<String> path = q.datePath();
    if (path.isEmpty()) {
      return "true";
    }
    LocalDate from =
        LocalDate.of(
            Integer.parseInt(path.get(0)),
            path.size() > 1 ? Integer.parseInt(path.get(1)) : 1,
            path.size() > 2 ? Integer.parseInt(path.get(2)) : 1);
    LocalDate to =
        switch (path.size()) {
          case 1 -> from.plusYears(1);
          case 2 -> from.plusMonths(1);
          default -> from.plusDays(1);
        };
    return "published >= " + timestamp(from) + " AND published < " + timestamp(to);
  }

  private static String timestamp(LocalDate day) {
    return "'" + day.atStartOfDay(ZoneOffset.UTC).toInstant() + "'::timestamptz";
  }

  /** The text part as a tsquery expression: words ANDed, the phrase, at least one of any, none of none. */
  private static String tsquery(BenchQuery q) {
    List<String> parts = new ArrayList<>();
    q.all().forEach(w -> parts.add(word(w)));
    if (q.phrase() != null) {
      parts.add("phraseto_tsquery('english', " + literal(q.phrase()) + ")");
    }
    if (!q.any().isEmpty()) {
      parts.add("(" + q.any().stream().map(PostgresTarget::word).collect(Collectors.joining(" || ")) + ")");
    }
    q.none().forEach(w -> parts.add("!!" + word(w)));
    return String.join(" && ", parts);
  }

  private static String word(String w) {
    return "plainto_tsquery('english', " + literal(w) + ")";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private Connection connection() throws SQLException {
    Connection c = connection.get();
    if (c == null) {
      c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("SET TIME ZONE 'UTC'");
      }
      connection.set(c);
      opened.add(c);
    }
    return c;
  }

  @Override
  public void close() {
    synchronized (opened) {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException e) {
          log.debug("closing a PostgreSQL connection: {}", e.getMessage());
        }
      }
      opened.clear();
    }
  }
}
