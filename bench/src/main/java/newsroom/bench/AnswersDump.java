package newsroom.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import newsroom.cli.Options;
import newsroom.config.Catalog;
import newsroom.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a running server's answer to every query of the benchmark's mix, one JSON line each, without the time
 * it took: two builds that should answer alike (a change made for speed) give files that are byte-identical.
 */
final class AnswersDump {
  private static final Logger log = LoggerFactory.getLogger(AnswersDump.class);
  static final Set<String> OPTIONS = Set.of("port", "config", "profile", "seed", "mix-seed", "queries", "out");

  private AnswersDump() {}

  static void run(Options options) throws IOException, InterruptedException {
    Path config = options.path("config", "index-config");
    Catalog catalog = Catalog.load(config, options.get("profile", Catalog.DEFAULT_PROFILE));
    List<BenchQuery> mix =
        QueryMix.create(
            config, catalog, options.integer("seed", 42), options.integer("mix-seed", 7), options.integer("queries", 500));
    String dateParameter = catalog.dateDimension().orElseThrow().name();
    Path out = options.path("out", "answers.jsonl");
    try (HttpTarget http = new HttpTarget(options.integer("port", 7700), dateParameter);
        BufferedWriter w = Files.newBufferedWriter(out)) {
      for (BenchQuery query : mix) {
        HttpResponse<byte[]> response = http.send(query);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        body.remove("took_ms");
        w.write(response.statusCode() + " " + Json.MAPPER.writeValueAsString(body));
        w.newLine();
      }
    }
    log.info("wrote {} answers to {}", mix.size(), out);
  }
}
