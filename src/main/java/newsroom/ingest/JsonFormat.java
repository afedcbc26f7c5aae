package newsroom.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import newsroom.index.Article;
import newsroom.index.Dates;

/**
 * {@code .jsonl}: one article object per line, streamed; {@code .json}: one object or an array of them.
 * Fields: id, title, body (required), source, url, published, and optionally labels ({"topic": ["earn"]}).
 */
public final class JsonFormat implements CorpusFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public boolean handles(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  @Override
  public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      readDocument(file, articles, problems);
    } else {
      readLines(file, articles, problems);
    }
  }

  private void readLines(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          toArticle(MAPPER.readTree(line), TextFiles.stem(file) + "#" + lineNo, file, lineNo, articles, problems);
        } catch (JsonProcessingException e) {
          problems.accept(new IngestProblem(file, lineNo, "invalid JSON: " + e.getOriginalMessage()));
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException("not valid UTF-8 text; the rest of the file was skipped", e);
    }
  }

  private void readDocument(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(TextFiles.readUtf8(file));
    } catch (JsonProcessingException e) {
      throw new IOException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IOException("empty file");
    }
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        toArticle(root.get(i), TextFiles.stem(file) + "#" + (i + 1), file, 0, articles, problems);
      }
    } else {
      toArticle(root, TextFiles.stem(file), file, 0, articles, problems);
    }
  }

  private static void toArticle(
      JsonNode node,
      String defaultId,
      Path file,
      long line,
      Consumer<Article> articles,
      Consumer<IngestProblem> problems) {
    if (!node.isObject()) {
      problems.accept(new IngestProblem(file, line, "not a JSON object"));
      return;
    }
    String body = text(node, "body");
    if (body == null || body.isBlank()) {
      problems.accept(new IngestProblem(file, line, "missing body (" + idOr(node, defaultId) + ")"));
      return;
    }
    String title = text(node, "title");
    if (title == null || title.isBlank()) {
      title = body.strip().lines().findFirst().orElse("");
    }
    Instant published = null;
    String date = text(node, "published");
    if (date != null && !date.isBlank()) {
      published = Dates.parse(date).orElse(null);
      if (published == null) {
        problems.accept(new IngestProblem(file, line, "bad published date '" + date + "'"));
        return;
      }
    }
    articles.accept(
        new Article(
            idOr(node, defaultId),
            title.strip(),
            body.strip(),
            text(node, "source"),
            text(node, "url"),
            published,
            labels(node.get("labels"))));
  }

  private static String idOr(JsonNode node, String defaultId) {
    String id = text(node, "id");
    return id == null || id.isBlank() ? defaultId : id.strip();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, List<String>> labels(JsonNode node) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(v -> values.add(v.asText()));
                } else if (!e.getValue().isNull()) {
                  values.add(e.getValue().asText());
                }
                labels.put(e.getKey(), values);
              });
    }
    return labels;
  }
}
