package newsroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TIME 1963 reader on small hand-made files (the real collection is read in newsroom.eval.Time1963DataTest). */
class Time1963FormatTest {
  final Time1963Format format = new Time1963Format();
  final List<Article> articles = new ArrayList<>();
  final List<IngestProblem> problems = new ArrayList<>();

  void read(Path dir, String text) throws Exception {
    Path file = dir.resolve("TIME.ALL");
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    format.read(file, articles::add, problems::add);
  }

  @Test
  void claimsTimeAllAndTimeFilesOnly() {
    assertTrue(format.handles(Path.of("TIME.ALL")));
    assertTrue(format.handles(Path.of("some/dir/time.all")));
    assertTrue(format.handles(Path.of("sample.time")));
    assertFalse(format.handles(Path.of("TIME.QUE")));
    assertFalse(format.handles(Path.of("qrels.dev.txt")));
    assertTrue(Corpus.defaultFormats().stream().anyMatch(f -> f instanceof Time1963Format));
  }

  @Test
  void eachTextBlockIsAnArticleWithItsIdAsWrittenItsIssueDateAndItsLinesJoined(@TempDir Path dir) throws Exception {
    read(
        dir,
        """
        *TEXT 017 01/04/63 PAGE 020

        THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST

        PROPOSED TO HELP NATO .

        *TEXT 431 08/30 63 PAGE 026

        GREAT BRITAIN BOBBIES IN TROUBLE

        *TEXT 557        12/27/63         PAGE 021

          INDENTED , WITH SPACES AROUND\t

        *STOP
        """);
    assertEquals(List.of(), problems);
    assertEquals(3, articles.size());
    Article first = articles.get(0);
    assertEquals("017", first.id());
    assertNull(first.title());
    assertEquals("THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED TO HELP NATO .", first.body());
    assertEquals("TIME", first.source());
    assertNull(first.url());
    assertEquals(Instant.parse("1963-01-04T00:00:00Z"), first.published());
    assertEquals(Map.of(), first.labels());
    // The malformed header: a space instead of the date's second slash.
    assertEquals("431", articles.get(1).id());
    assertEquals(Instant.parse("1963-08-30T00:00:00Z"), articles.get(1).published());
    // Headers padded with runs of spaces, text lines stripped.
    assertEquals("557", articles.get(2).id());
    assertEquals(Instant.parse("1963-12-27T00:00:00Z"), articles.get(2).published());
    assertEquals("INDENTED , WITH SPACES AROUND", articles.get(2).body());
  }

  @Test
  void aBadBlockIsReportedWithItsLineAndSkippedAndTheRestIsRead(@TempDir Path dir) throws Exception {
    read(
        dir,
        """
        *TEXT 001 01/04/63 PAGE 001

        FIRST .

        *TEXT ABC 01/04/63 PAGE 002

        NO NUMBER .

        *TEXT 003 13/04/63 PAGE 003

        NO SUCH MONTH .

        *TEXT 004 01/04/63 PAGE 004

        *TEXT 001 01/11/63 PAGE 005

        SAME ID AGAIN .

        *TEXT 006 01/11/63 PAGE 006

        LAST .

        *STOP
        """);
    assertEquals(List.of("001", "006"), articles.stream().map(Article::id).toList());
    assertEquals("FIRST .", articles.get(0).body());
    assertEquals(List.of(5L, 9L, 13L, 15L), problems.stream().map(IngestProblem::line).toList());
    assertTrue(problems.get(0).reason().contains("unreadable header"), problems.get(0).reason());
    assertTrue(problems.get(1).reason().contains("no such date"), problems.get(1).reason());
    assertTrue(problems.get(2).reason().contains("no text"), problems.get(2).reason());
    assertTrue(problems.get(3).reason().contains("second time"), problems.get(3).reason());
  }

  @Test
  void aFileWithoutStopIsFlaggedButKeepsItsLastArticle(@TempDir Path dir) throws Exception {
    read(dir, "*TEXT 001 01/04/63 PAGE 001\n\nFIRST .\n\n*TEXT 002 01/04/63 PAGE 002\n\nCUT SH");
    assertEquals(List.of("001", "002"), articles.stream().map(Article::id).toList());
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).reason().contains("*STOP"), problems.get(0).reason());
  }

  @Test
  void textOutsideTheBlocksIsReportedOnce(@TempDir Path dir) throws Exception {
    read(dir, "PREAMBLE\nMORE\n*TEXT 001 01/04/63 PAGE 001\n\nFIRST .\n*STOP\nAFTER\nMORE\n");
    assertEquals(1, articles.size());
    assertEquals(List.of(1L, 7L), problems.stream().map(IngestProblem::line).toList());
  }
}
