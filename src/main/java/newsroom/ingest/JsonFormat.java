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
import newsroom.model.Article;
import newsroom.model.Dates;

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

  /**
   * Reads articles sent as text rather than a file (the live API): a JSON object, a JSON array of objects, or,
   * with {@code lines}, one object per line. Unlike a corpus file, every article must carry its own id: there is
   * no file name to derive a stable one from. Problems name {@code origin} and the line.
   */
  public static void parse(
      String text, boolean lines, Path origin, Consumer<Article> articles, Consumer<IngestProblem> problems) {
    if (lines) {
      long lineNo = 0;
      for (String line : text.split("\n", -1)) {
        lineNo++;
        if (!line.isBlank()) {
          parseLine(line, null, origin, lineNo, articles, problems);
        }
      }
      return;
    }
    try {
      parseDocument(MAPPER.readTree(text), origin, false, articles, problems);
    } catch (JsonProcessingException e) {
      problems.accept(new IngestProblem(origin, 0, "invalid JSON: " + e.getOriginalMessage()));
    }
  }

  private static void parseLine(
      String line, String defaultId, Path file, long lineNo, Consumer<Article> articles,
      Consumer<IngestProblem> problems) {
    try {
      toArticle(MAPPER.readTree(line), defaultId, file, lineNo, articles, problems);
    } catch (JsonProcessingException e) {
      problems.accept(new IngestProblem(file, lineNo, "invalid JSON: " + e.getOriginalMessage()));
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
        parseLine(line, TextFiles.stem(file) + "#" + lineNo, file, lineNo, articles, problems);
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
    parseDocument(root, file, true, articles, problems);
  }

  /** {@code defaultIds}: an article without an id gets one from the file name (and its position in an array). */
  private static void parseDocument(
      JsonNode root, Path file, boolean defaultIds, Consumer<Article> articles, Consumer<IngestProblem> problems) {
    if (root == null || root.isMissingNode()) {
      problems.accept(new IngestProblem(file, 0, "no JSON"));
    } else if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        toArticle(root.get(i), defaultIds ? TextFiles.stem(file) + "#" + (i + 1) : null, file, 0, articles, problems);
      }
    } else {
      toArticle(root, defaultIds ? TextFiles.stem(file) : null, file, 0, articles, problems);
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
    if (defaultId == null && idOr(node, null) == null) {
      problems.accept(new IngestProblem(file, line, "missing id"));
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

  /** The article's id, else {@code defaultId} (which may be null: no default). */
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
