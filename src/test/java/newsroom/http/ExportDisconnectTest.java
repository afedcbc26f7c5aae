package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.TestIndexes;
import newsroom.backend.ExportRow;
import newsroom.backend.ExportSink;
import newsroom.backend.SearchBackend;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that hangs up in the middle of an export stops the work on the server: the export's next write fails
 * and the backend's export returns. The backend here exports without end, so only the hang-up can stop it.
 */
class ExportDisconnectTest {
  @TempDir Path indexRoot;

  @Test
  void hangingUpStopsAnEndlessExport() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, indexRoot);
    AtomicLong rows = new AtomicLong();
    AtomicReference<Throwable> ended = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    try (LuceneBackend lucene = TestIndexes.open(indexRoot, false)) {
      SearchBackend endless = endlessExport(lucene, rows, ended, done);
      Javalin app = ApiServer.create(endless, TestIndexes.settings()).start(0);
      try {
        try (RawHttp raw = RawHttp.get(app.port(), "/api/export?format=csv")) {
          raw.readUntil("id,published,");
          for (int i = 0; i < 100; i++) {
            raw.readUntil("\r\n");
          }
        } // hung up
        long atHangUp = rows.get();
        assertTrue(done.await(20, TimeUnit.SECONDS), "the export stopped; rows written: " + rows.get());
        assertInstanceOf(IOException.class, ended.get(), "stopped by the failed write");
        assertTrue(rows.get() >= atHangUp);
        // The server goes on answering.
        assertEquals(200, new HttpTestClient(app.port()).get("/health").status());
      } finally {
        app.stop();
      }
    }
  }

  /** The backend, except that its export writes rows until a write fails. */
  static SearchBackend endlessExport(
      SearchBackend delegate, AtomicLong rows, AtomicReference<Throwable> ended, CountDownLatch done) {
    return (SearchBackend)
        Proxy.newProxyInstance(
            SearchBackend.class.getClassLoader(),
            new Class<?>[] {SearchBackend.class},
            (proxy, method, args) -> {
              if (method.getName().equals("export")) {
                ExportSink sink = (ExportSink) args[1];
                try {
                  sink.begin(Long.MAX_VALUE);
                  for (long n = 0; ; n++) {
                    sink.row(new ExportRow("endless-" + n, Instant.EPOCH, "Endless Wire", null,
                        "Row " + n + " of an export that never ends", Map.of("company", List.of("Didi")),
                        "Some text to make the row a little longer, as an article's first sentence would be."));
                    rows.incrementAndGet();
                  }
                } catch (Throwable t) {
                  ended.set(t);
                  throw t;
                } finally {
                  done.countDown();
                }
              }
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
