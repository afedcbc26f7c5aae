package newsroom.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import newsroom.enrich.Enricher;
import newsroom.index.Article;
import newsroom.index.Schema;
import newsroom.ingest.Corpus;
import newsroom.search.SortOrder;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL full-text search as the benchmark's point of comparison: the corpus in one table with a stored
 * {@code tsvector} (title weighted above body) under a GIN index, the enricher's tags in {@code text[]} columns.
 * A benchmark query becomes what an application on PostgreSQL would run: the page of hits ranked by
 * {@code ts_rank} (or newest first) with {@code ts_headline} snippets, and the total and the facet counts by
 * {@code GROUP BY} over the filtered set, drill-sideways like the searcher's.
 */
public final class PostgresTarget implements LoadRunner.Target, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresTarget.class);
  private static final List<String> LABEL_DIMENSIONS = List.of(Schema.COMPANY, Schema.REGULATOR, Schema.ACTION);
  private static final int COPY_STREAMS = 2;

  private final String url;
  private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();

  /** @param url a JDBC URL of a database on this machine */
  public PostgresTarget(String url) {
    this.url = url;
  }

  /**
   * Loads the corpus, tagged by the enricher, unless this very corpus file is already loaded. Returns the number
   * of articles in the table.
   */
  public long load(Corpus corpus, String corpusKey, Enricher enricher) throws SQLException {
    Connection c = connection();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_meta (corpus text PRIMARY KEY, articles bigint NOT NULL)");
      try (PreparedStatement p = c.prepareStatement("SELECT articles FROM bench_meta WHERE corpus = ?")) {
        p.setString(1, corpusKey);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            log.info("PostgreSQL already holds this corpus ({} articles)", r.getLong(1));
            return r.getLong(1);
          }
        }
      }
      s.execute("DELETE FROM bench_meta");
      s.execute("DROP TABLE IF EXISTS articles");
      // Unlogged: a benchmark table needs no crash recovery, and skipping the WAL halves the load time.
      s.execute(
          """
          CREATE UNLOGGED TABLE articles (
            id text PRIMARY KEY, title text, body text NOT NULL, source text, url text, published timestamptz,
            company text[] NOT NULL, regulator text[] NOT NULL, action text[] NOT NULL,
            tsv tsvector GENERATED ALWAYS AS
              (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', body), 'B'))
              STORED)""");
    }
    long start = System.nanoTime();
    long rows = copy(corpus, enricher);
    log.info("PostgreSQL: {} rows copied in {} s; building indexes", rows, (System.nanoTime() - start) / 1_000_000_000);
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '1GB'");
      s.execute("CREATE INDEX articles_tsv ON articles USING gin (tsv)");
      for (String dim : LABEL_DIMENSIONS) {
        s.execute("CREATE INDEX articles_" + dim + " ON articles USING gin (" + dim + ")");
      }
      s.execute("CREATE INDEX articles_published ON articles (published)");
      s.execute("CREATE INDEX articles_source ON articles (source)");
      s.execute("VACUUM ANALYZE articles");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_meta VALUES (?, ?)")) {
        p.setString(1, corpusKey);
        p.setLong(2, rows);
        p.executeUpdate();
      }
    }
    log.info("PostgreSQL: loaded and indexed in {} s", (System.nanoTime() - start) / 1_000_000_000);
    return rows;
  }

  /**
   * Streams the tagged corpus into the table through {@link #COPY_STREAMS} parallel COPY sessions: the
   * server computes each row's tsvector in the session that receives it, so one session would use one core.
   */
  private long copy(Corpus corpus, Enricher enricher) throws SQLException {
    BlockingQueue<byte[]> batches = new ArrayBlockingQueue<>(4 * COPY_STREAMS);
    byte[] end = new byte[0];
    ExecutorService writers = Executors.newFixedThreadPool(COPY_STREAMS);
    List<Future<Long>> copied = new ArrayList<>();
    for (int i = 0; i < COPY_STREAMS; i++) {
      copied.add(writers.submit(() -> copyBatches(batches, end)));
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 21);
    long[] rows = {0};
    try {
      corpus.read(
          article -> {
            Article a = enricher.enrich(article);
            StringBuilder row = new StringBuilder(a.body().length() + 512);
            row.append(copyText(a.id())).append('\t')
                .append(copyText(a.title())).append('\t')
                .append(copyText(a.body())).append('\t')
                .append(copyText(a.source())).append('\t')
                .append(copyText(a.url())).append('\t')
                .append(a.published() == null ? "\\N" : a.published().toString());
            for (String dim : LABEL_DIMENSIONS) {
              row.append('\t').append(copyText(arrayLiteral(a.labels().getOrDefault(dim, List.of()))));
            }
            row.append('\n');
            buffer.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
            if (buffer.size() > 1 << 20) {
              put(batches, buffer.toByteArray(), copied);
              buffer.reset();
            }
            if (++rows[0] % 100_000 == 0) {
              log.info("PostgreSQL: {} rows sent", rows[0]);
            }
          },
          problem -> log.warn("PostgreSQL load skipped {}", problem),
          (file, bytes) -> {});
      put(batches, buffer.toByteArray(), copied);
      for (int i = 0; i < COPY_STREAMS; i++) {
        put(batches, end, copied);
      }
      long total = 0;
      for (Future<Long> f : copied) {
        total += f.get();
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while loading", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
    } finally {
      writers.shutdownNow();
    }
  }

  /** Hands a batch to the COPY sessions; gives up if a session died (it would never take it). */
  private static void put(BlockingQueue<byte[]> batches, byte[] batch, List<Future<Long>> sessions) {
    try {
      while (!batches.offer(batch, 1, java.util.concurrent.TimeUnit.SECONDS)) {
        if (sessions.stream().anyMatch(Future::isDone)) {
          throw new IllegalStateException("a COPY session to PostgreSQL failed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    }
  }

  /** One COPY session: writes batches until the end marker; returns the rows it copied. */
  private long copyBatches(BlockingQueue<byte[]> batches, byte[] end) throws SQLException, InterruptedException {
    try (Connection c = DriverManager.getConnection(url)) {
      CopyIn copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY articles (id, title, body, source, url, published, company, regulator, action) FROM STDIN");
      try {
        for (byte[] batch = batches.take(); batch != end; batch = batches.take()) {
          copy.writeToCopy(batch, 0, batch.length);
        }
        return copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
  }

  /** A value in COPY's text format: backslash, tab and line breaks escaped, null as \N. */
  static String copyText(String value) {
    if (value == null) {
      return "\\N";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** A text[] literal: {"a","b"}, with quotes and backslashes in the values escaped. */
  static String arrayLiteral(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
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
          if (r.getString(1).equals("total")) {
            total = r.getLong(3);
          }
        }
      }
      return new LoadRunner.Answer(200, total, hits);
    }
  }

  /** The page of hits: best ts_rank first (or newest first), with ts_headline snippets. */
  static String hitsSql(BenchQuery q) {
    String where = where(q, null);
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
   * The total and every dimension's counts over the matching set. Drill-sideways: a dimension's counts ignore
   * its own filter but apply the others; the date lists the children of the selected date.
   */
  static String facetsSql(BenchQuery q) {
    StringBuilder sql = new StringBuilder();
    if (q.hasText()) {
      sql.append("WITH q AS (SELECT ").append(tsquery(q)).append(" AS tsq), base AS MATERIALIZED (")
          .append("SELECT published, source, company, regulator, action FROM articles, q WHERE tsv @@ q.tsq AND ")
          .append(datePath(q)).append(") ");
    } else {
      sql.append("WITH base AS MATERIALIZED (SELECT published, source, company, regulator, action FROM articles WHERE ")
          .append(datePath(q)).append(") ");
    }
    sql.append("SELECT 'total', NULL, count(*) FROM base WHERE ").append(where(q, Schema.DATE));
    for (String dim : LABEL_DIMENSIONS) {
      sql.append(" UNION ALL (SELECT '").append(dim).append("', v, count(*) FROM base, unnest(").append(dim)
          .append(") v WHERE ").append(where(q, dim)).append(" GROUP BY v ORDER BY count(*) DESC, v LIMIT ")
          .append(BenchQuery.FACET_LIMIT).append(')');
    }
    sql.append(" UNION ALL (SELECT 'source', source, count(*) FROM base WHERE ").append(where(q, Schema.SOURCE))
        .append(" GROUP BY source ORDER BY count(*) DESC, source LIMIT ").append(BenchQuery.FACET_LIMIT).append(')');
    String part = switch (q.datePath().size()) {
      case 0 -> "YYYY";
      case 1 -> "MM";
      default -> "DD";
    };
    sql.append(" UNION ALL (SELECT 'date', to_char(published AT TIME ZONE 'UTC', '").append(part)
        .append("'), count(*) FROM base WHERE published IS NOT NULL AND ").append(where(q, Schema.DATE))
        .append(" GROUP BY 2)");
    return sql.toString();
  }

  /** Every filter of the query except those of dimension {@code except} (the date path included). */
  private static String where(BenchQuery q, String except) {
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
      if (f.getKey().equals(except)) {
        continue;
      }
      String values = f.getValue().stream().map(PostgresTarget::literal).collect(Collectors.joining(","));
      conditions.add(
          f.getKey().equals(Schema.SOURCE)
              ? "source IN (" + values + ")"
              : f.getKey() + " && ARRAY[" + values + "]::text[]");
    }
    if (!Schema.DATE.equals(except)) {
      conditions.add(datePath(q));
    }
    return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
  }

  /** The selected year, month or day as a range of publication times (UTC). */
  private static String datePath(BenchQuery q) {
    List<String> path = q.datePath();
    if (path.isEmpty()) {
      return "true";
    }
    java.time.LocalDate from =
        java.time.LocalDate.of(
            Integer.parseInt(path.get(0)),
            path.size() > 1 ? Integer.parseInt(path.get(1)) : 1,
            path.size() > 2 ? Integer.parseInt(path.get(2)) : 1);
    java.time.LocalDate to =
        switch (path.size()) {
          case 1 -> from.plusYears(1);
          case 2 -> from.plusMonths(1);
          default -> from.plusDays(1);
        };
    return "published >= " + timestamp(from) + " AND published < " + timestamp(to);
  }

  private static String timestamp(java.time.LocalDate day) {
    Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    return "'" + start + "'::timestamptz";
  }

  /** The text part as a tsquery expression: words ANDed, the phrase, at least one of any, none of none. */
  static String tsquery(BenchQuery q) {
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
