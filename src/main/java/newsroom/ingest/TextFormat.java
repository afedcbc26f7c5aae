package newsroom.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import newsroom.model.Article;
import newsroom.model.Dates;

/**
 * A {@code .txt} file holds one article: optional {@code Key: value} header lines (Id, Title, Source, Url,
 * Published) ended by a blank line, then the text. Without a Title header the first non-blank line is the title.
 */
public final class TextFormat implements CorpusFormat {
  private static final Set<String> KEYS = Set.of("id", "title", "source", "url", "published");

  @Override
  public boolean handles(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
  }

  @Override
  public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    List<String> lines = TextFiles.readUtf8(file).lines().toList();
    Map<String, String> header = new HashMap<>();
    int i = 0;
    while (i < lines.size() && headerKey(lines.get(i)) != null) {
      String line = lines.get(i);
      header.put(headerKey(line), line.substring(line.indexOf(':') + 1).strip());
      i++;
    }
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    String title = header.get("title");
    if (title == null && i < lines.size()) {
      title = lines.get(i++).strip();
    }
    String body = String.join("\n", lines.subList(Math.min(i, lines.size()), lines.size())).strip();
    if (body.isEmpty()) {
      problems.accept(new IngestProblem(file, 0, "no article text"));
      return;
    }
    Instant published = null;
    String date = header.get("published");
    if (date != null) {
      published = Dates.parse(date).orElse(null);
      if (published == null) {
        problems.accept(new IngestProblem(file, 0, "bad Published date '" + date + "'"));
        return;
      }
    }
    articles.accept(
        new Article(
            header.getOrDefault("id", TextFiles.stem(file)),
            title,
            body,
            header.get("source"),
            header.get("url"),
            published,
            Map.of()));
  }

  private static String headerKey(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    return KEYS.contains(key) ? key : null;
  }
}
