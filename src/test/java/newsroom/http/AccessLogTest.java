package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Path;
import newsroom.TestIndexes;
import newsroom.config.Json;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** With the JSON access log, each request is one JSON object on the {@code access.json} logger, and no text line. */
class AccessLogTest {
  @TempDir Path tmp;

  @Test
  void eachRequestIsOneJsonObject() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, tmp);
    ListAppender<ILoggingEvent> json = new ListAppender<>();
    ListAppender<ILoggingEvent> text = new ListAppender<>();
    Logger jsonLogger = (Logger) LoggerFactory.getLogger("access.json");
    Logger textLogger = (Logger) LoggerFactory.getLogger("access");
    json.start();
    text.start();
    jsonLogger.addAppender(json);
    textLogger.addAppender(text);
    try (LuceneBackend index = TestIndexes.open(tmp, false)) {
      Javalin app =
          ApiServer.create(index, TestIndexes.settings(), ApiServer.Options.readOnly().withJsonAccessLog(true)).start(0);
      try {
        assertEquals(200, new HttpTestClient(app.port()).get("/api/search?q=didi&size=1").status());
      } finally {
        app.stop();
      }
    } finally {
      jsonLogger.detachAppender(json);
      textLogger.detachAppender(text);
    }
    // The access.json logger is a child of access: only events logged on access itself are text lines.
    assertTrue(text.list.stream().noneMatch(e -> e.getLoggerName().equals("access")), text.list.toString());
    assertEquals(1, json.list.size());
    JsonNode line = Json.MAPPER.readTree(json.list.get(0).getFormattedMessage());
    assertEquals("GET", line.get("method").asText());
    assertEquals("/api/search", line.get("path").asText());
    assertEquals("q=didi&size=1", line.get("query").asText());
    assertEquals(200, line.get("status").asInt());
    assertTrue(line.get("ms").asDouble() >= 0);
    assertTrue(line.get("time").asText().endsWith("Z"));
  }
}
