package newsroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReadingTest {
  @TempDir Path dir;
  final List<Article> articles = new ArrayList<>();
  final List<IngestProblem> problems = new ArrayList<>();

  void read() {
    Corpus.at(dir, Corpus.defaultFormats()).read(articles::add, problems::add, (f, b) -> {});
  }

  @Test
  void textFileWithHeaders() throws Exception {
    Files.writeString(dir.resolve("a.txt"),
        "Id: a-1\nSource: RT\nPublished: 2021-07-05\nUrl: https://example.org/a\n\nThe headline\nFirst line.\nSecond line.\n");
    read();
    assertEquals(List.of(), problems);
    Article a = articles.get(0);
    assertEquals("a-1", a.id());
    assertEquals("The headline", a.title());
    assertEquals("First line.\nSecond line.", a.body());
    assertEquals("RT", a.source());
    assertEquals("https://example.org/a", a.url());
    assertEquals(Instant.parse("2021-07-05T00:00:00Z"), a.published());
  }

  @Test
  void textFileWithoutHeadersUsesFileNameAndFirstLine() throws Exception {
    Files.writeString(dir.resolve("plain-story.txt"), "\n\nHeadline here\nBody text.");
    read();
    assertEquals("plain-story", articles.get(0).id());
    assertEquals("Headline here", articles.get(0).title());
    assertNull(articles.get(0).published());
  }

  @Test
  void jsonLinesBadLinesAreReportedAndTheRestRead() throws Exception {
    Files.writeString(dir.resolve("feed.jsonl"), String.join("\n",
        "{\"id\":\"j1\",\"title\":\"One\",\"body\":\"Body one\",\"published\":\"2021-07-05T10:48:00+03:00\"}",
        "{\"id\":\"j2\",\"title\":\"Two\",",
        "{\"id\":\"j3\",\"title\":\"No body\"}",
        "[1,2]",
        "{\"id\":\"j5\",\"body\":\"Body five\\nmore\",\"published\":\"not a date\"}",
        "{\"id\":\"j6\",\"body\":\"Body six\\nmore\",\"labels\":{\"topic\":[\"earn\",\"acq\"]}}"));
    read();
    assertEquals(List.of("j1", "j6"), articles.stream().map(Article::id).toList());
    assertEquals(Instant.parse("2021-07-05T07:48:00Z"), articles.get(0).published());
    assertEquals("Body six", articles.get(1).title());
    assertEquals(List.of("earn", "acq"), articles.get(1).labels().get("topic"));
    assertEquals(List.of(2L, 3L, 4L, 5L), problems.stream().map(IngestProblem::line).toList());
    assertTrue(problems.get(0).reason().startsWith("invalid JSON"), problems.get(0).reason());
    assertTrue(problems.get(1).reason().startsWith("missing body"));
  }

  @Test
  void jsonArrayFile() throws Exception {
    Files.writeString(dir.resolve("two.json"), "[{\"id\":\"x\",\"body\":\"b\"},{\"body\":\"c\"}]");
    read();
    assertEquals(List.of("x", "two#2"), articles.stream().map(Article::id).toList());
  }

  @Test
  void brokenFilesAreReportedAndSkipped() throws Exception {
    Files.writeString(dir.resolve("good.txt"), "Title\nBody");
    Files.write(dir.resolve("binary.txt"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
    Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 news\nbody".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve("truncated.json"), "{\"id\": \"t\", \"body\": \"cut of");
    Files.writeString(dir.resolve("empty.txt"), "Only a title\n");
    Files.writeString(dir.resolve("README.md"), "not part of the corpus");
    read();
    assertEquals(List.of("good"), articles.stream().map(Article::id).toList());
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.where().endsWith("binary.txt") && p.reason().contains("binary")));
    assertTrue(problems.stream().anyMatch(p -> p.where().endsWith("latin1.txt") && p.reason().contains("UTF-8")));
    assertTrue(problems.stream().anyMatch(p -> p.where().endsWith("truncated.json") && p.reason().contains("JSON")));
    assertTrue(problems.stream().anyMatch(p -> p.where().endsWith("empty.txt") && p.reason().contains("no article text")));
  }
}
