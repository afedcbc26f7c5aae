package newsroom.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import newsroom.enrich.Enricher;
import newsroom.ingest.Corpus;
import newsroom.model.Article;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the corpus into the {@link PostgresTable} that {@link PostgresTarget} queries: tagged by the enricher, the
 * tsvector title weighted above body under a GIN index, a GIN index on each label column.
 */
final class PostgresLoader {
  private static final Logger log = LoggerFactory.getLogger(PostgresLoader.class);
  private static final int COPY_STREAMS = 2;

  private final String url;
  private final PostgresTable table;

  /** @param url a JDBC URL of a database on this machine */
  PostgresLoader(String url, PostgresTable table) {
    this.url = url;
    this.table = table;
  }

  /**
   * Loads the corpus, tagged by the enricher, unless this very corpus file is already loaded into a table of this
   * layout. Returns the number of articles in the table.
   *
   * @param corpusKey names the corpus file and its version (path and size, say)
   */
  long load(Corpus corpus, String corpusKey, Enricher enricher) throws SQLException {
    // The label columns are part of the key: a table another profile (or an older benchmark) laid out is reloaded.
    String key = corpusKey + " columns" + table.labelColumns();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_meta (corpus text PRIMARY KEY, articles bigint NOT NULL)");
      try (PreparedStatement p = c.prepareStatement("SELECT articles FROM bench_meta WHERE corpus = ?")) {
        p.setString(1, key);
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
            id text PRIMARY KEY, title text, body text NOT NULL, source text, url text, published timestamptz%s,
            tsv tsvector GENERATED ALWAYS AS
              (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', body), 'B'))
              STORED)"""
              .formatted(
                  table.labelDimensions().stream()
                      .map(d -> ", " + PostgresTable.column(d) + " text[] NOT NULL")
                      .collect(Collectors.joining())));
      long start = System.nanoTime();
      long rows = copy(corpus, enricher);
      log.info("PostgreSQL: {} rows copied in {} s; building indexes", rows, (System.nanoTime() - start) / 1_000_000_000);
      s.execute("SET maintenance_work_mem = '1GB'");
      s.execute("CREATE INDEX articles_tsv ON articles USING gin (tsv)");
      for (String dim : table.labelDimensions()) {
        String column = PostgresTable.column(dim);
        s.execute("CREATE INDEX articles_" + column + " ON articles USING gin (" + column + ")");
      }
      s.execute("CREATE INDEX articles_published ON articles (published)");
      s.execute("CREATE INDEX articles_source ON articles (source)");
      s.execute("VACUUM ANALYZE articles");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_meta VALUES (?, ?)")) {
        p.setString(1, key);
        p.setLong(2, rows);
        p.executeUpdate();
      }
      log.info("PostgreSQL: loaded and indexed in {} s", (System.nanoTime() - start) / 1_000_000_000);
      return rows;
    }
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
            buffer.writeBytes(row(enricher.enrich(article)).getBytes(StandardCharsets.UTF_8));
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

  /** The article as a line of COPY's text format, its columns in the order of {@link #copyBatches}. */
  private String row(Article a) {
    StringBuilder row = new StringBuilder(a.body().length() + 512);
    row.append(copyText(a.id())).append('\t')
        .append(copyText(a.title())).append('\t')
        .append(copyText(a.body())).append('\t')
        .append(copyText(a.source())).append('\t')
        .append(copyText(a.url())).append('\t')
        .append(a.published() == null ? "\\N" : a.published().toString());
    for (String dim : table.labelDimensions()) {
      row.append('\t').append(copyText(arrayLiteral(a.labels().getOrDefault(dim, List.of()))));
    }
    return row.append('\n').toString();
  }

  /** Hands a batch to the COPY sessions; gives up if a session died (it would never take it). */
  private static void put(BlockingQueue<byte[]> batches, byte[] batch, List<Future<Long>> sessions) {
    try {
      while (!batches.offer(batch, 1, TimeUnit.SECONDS)) {
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
              .copyIn("COPY articles (id, title, body, source, url, published" + table.labelColumns() + ") FROM STDIN");
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
  private static String copyText(String value) {
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
  private static String arrayLiteral(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
