package newsroom.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import newsroom.backend.ExportRow;
import newsroom.backend.ExportSink;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.config.Json;
import newsroom.config.SearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/export?format=csv|jsonl}: every article a search matches, streamed as it is read, with no
 * result window. The search parameters are those of {@code /api/search} ({@code page}, {@code size} and
 * {@code facet_limit} mean nothing here); {@code bom=1} starts a CSV with a UTF-8 byte order mark for spreadsheet
 * programs. Bad parameters are a 400 before anything is streamed; a client that goes away stops the export (the
 * next write fails, and the backend stops reading).
 */
final class ExportRoutes {
  private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
  private static final int BUFFER_BYTES = 64 * 1024;
  /** Rows between flushes: bytes reach the client while the export runs, not only when a buffer fills. */
  private static final int FLUSH_EVERY = 500;

  private final SearchBackend backend;
  private final SearchSettings settings;

  ExportRoutes(SearchBackend backend, SearchSettings settings) {
    this.backend = backend;
    this.settings = settings;
  }

  enum Format {
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/x-ndjson; charset=utf-8", "jsonl");

    final String contentType;
    final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    static Format parse(String value) {
      if (value == null || value.isBlank() || value.equals("csv")) {
        return CSV;
      }
      if (value.equals("jsonl") || value.equals("ndjson")) {
        return JSONL;
      }
      throw new InvalidRequestException("Unknown export format '" + value + "'", "format must be csv or jsonl");
    }
  }

  void export(Context ctx) throws IOException {
    Format format = Format.parse(SearchParams.single(ctx, "format"));
    String bom = SearchParams.single(ctx, "bom");
    if (bom != null && !List.of("0", "1", "true", "false").contains(bom)) {
      throw new InvalidRequestException("Invalid bom", "bom must be 1 or 0");
    }
    SearchRequest request = SearchParams.read(ctx, backend, settings).withPage(1, 0).withCursor(null);
    Sink sink = new Sink(ctx, format, "1".equals(bom) || "true".equals(bom), backend.catalog());
    try {
      long rows = backend.export(request, sink);
      sink.finish();
      log.info("export: {} rows, {} bytes", rows, sink.bytes);
    } catch (IOException e) {
      if (!sink.clientGone) {
        throw e;
      }
      log.info("export stopped after {} rows: the client went away ({})", sink.rows, e.toString());
    } catch (RuntimeException e) {
      if (!sink.started) {
        throw e; // nothing sent yet: the usual JSON error
      }
      // Half an export has gone out: cut the connection so the client sees an incomplete answer, not a short file.
      log.error("export failed after {} rows", sink.rows, e);
      if (ctx.res() instanceof org.eclipse.jetty.server.Response jetty) {
        jetty.getHttpChannel().abort(e);
      }
    }
  }

  /** Writes rows to the response as they come; its first write sends the headers. */
  private static final class Sink implements ExportSink {
    private final Context ctx;
    private final Format format;
    private final boolean bom;
    private final List<Dimension> labelColumns;
    private OutputStream out;
    boolean started;
    boolean clientGone;
    long rows;
    long bytes;

    Sink(Context ctx, Format format, boolean bom, Catalog catalog) {
      this.ctx = ctx;
      this.format = format;
      this.bom = bom;
      this.labelColumns = catalog.labelDimensions();
    }

    @Override
    public void begin(long total) throws IOException {
      ctx.status(200);
      ctx.contentType(format.contentType);
      ctx.header("Content-Disposition", "attachment; filename=\"newsroom-export." + format.extension + "\"");
      ctx.header("X-Total-Count", String.valueOf(total));
      ctx.header("Cache-Control", "no-store");
      started = true;
      // The servlet's own stream: no compression buffer between the rows and the client.
      out = new BufferedOutputStream(ctx.res().getOutputStream(), BUFFER_BYTES);
      if (format == Format.CSV) {
        List<Object> header = new ArrayList<>(List.of("id", "published", "source", "url", "title"));
        labelColumns.forEach(d -> header.add(d.name()));
        header.add("snippet");
        write((bom ? Csv.BOM : "") + Csv.line(header));
      }
      flush();
    }

    @Override
    public void row(ExportRow row) throws IOException {
      if (format == Format.CSV) {
        List<Object> fields = new ArrayList<>(List.of(nz(row.id()), row.published() == null ? "" : row.published(),
            nz(row.source()), nz(row.url()), nz(row.title())));
        for (Dimension d : labelColumns) {
          fields.add(String.join("; ", row.labels().getOrDefault(d.name(), List.of())));
        }
        fields.add(nz(row.snippet()));
        write(Csv.line(fields));
      } else {
        write(Json.MAPPER.writeValueAsString(row) + "\n");
      }
      if (++rows % FLUSH_EVERY == 0) {
        flush();
      }
    }

    void finish() throws IOException {
      flush();
    }

    private void write(String text) throws IOException {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      try {
        out.write(b);
      } catch (IOException e) {
        clientGone = true;
        throw e;
      }
      bytes += b.length;
    }

    private void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        clientGone = true;
        throw e;
      }
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }
}
