package newsroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import newsroom.cli.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code export}: times {@code GET /api/export} of a running server on this machine, as a client sees it: time to
 * the first byte of the body, time to the last, rows, bytes, rows and MB per second. Loopback only.
 *
 * <pre>
 * export --port N [--query 'format=csv&amp;q=...'] [--runs N]
 * </pre>
 */
final class ExportBench {
  private static final Logger log = LoggerFactory.getLogger(ExportBench.class);
  static final Set<String> OPTIONS = Set.of("port", "query", "runs");

  private ExportBench() {}

  record Result(double firstByteSeconds, double totalSeconds, long rows, long bytes, String totalHeader) {
    String line() {
      return String.format(Locale.ROOT,
          "export: first byte %.3f s, all %.1f s, %,d rows (X-Total-Count %s), %,d MB, %,.0f rows/s, %.1f MB/s",
          firstByteSeconds, totalSeconds, rows, totalHeader, bytes >> 20, rows / totalSeconds,
          bytes / 1048576.0 / totalSeconds);
    }
  }

  static void run(Options options) throws IOException {
    int port = options.integer("port", 7700);
    String query = options.get("query", "format=csv");
    long runs = options.integer("runs", 1);
    for (int i = 0; i < runs; i++) {
      log.info("{}", measure(port, "/api/export?" + query).line());
    }
  }

  /** One export over a plain socket (HTTP/1.0: the body unframed, to the end), counted as it arrives. */
  static Result measure(int port, String pathAndQuery) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      long start = System.nanoTime();
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        head.append((char) b);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      if (!head.toString().matches("(?s)HTTP/1\\.[01] 200.*")) {
        throw new IOException("the export answered: " + head.toString().lines().findFirst().orElse("nothing"));
      }
      String total = head.toString().lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("x-total-count:"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
      byte[] buffer = new byte[1 << 16];
      long bytes = 0;
      long newlines = 0;
      double firstByte = -1;
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (firstByte < 0) {
          firstByte = (System.nanoTime() - start) / 1e9;
        }
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            newlines++;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // Rows: lines, less a CSV's header (a CSV field with a line break in it would count twice: none here).
      long rows = pathAndQuery.contains("format=jsonl") ? newlines : newlines - 1;
      return new Result(firstByte, seconds, rows, bytes, total);
    }
  }
}
