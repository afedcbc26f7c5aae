package newsroom.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading qrels, topics and run files, and writing run files. */
class FilesTest {

  @Test
  void qrelsKeepEveryJudgmentAndCallRelevantWhatIsJudgedOneOrMore() {
    Qrels qrels = Qrels.parse("1 0 017 1\n1 0 018 0\n\n3\t0\t100\t2\r\n3 0 101 -1\n");
    assertEquals(List.of("1", "3"), List.copyOf(qrels.queries()));
    assertEquals(Set.of("017"), qrels.relevant("1"));
    assertEquals(Set.of("100"), qrels.relevant("3"));
    assertEquals(2, qrels.relevance("3", "100"));
    assertEquals(0, qrels.relevance("1", "999"));
    assertEquals(Set.of(), qrels.relevant("2"));
    assertEquals(2, qrels.relevantPairs());
  }

  @Test
  void malformedQrelsNameTheirLine() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Qrels.parse("1 0 a 1\n1 0 b\n"))
            .getMessage()
            .startsWith("qrels:2:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Qrels.parse("1 0 a yes\n")).getMessage()
        .contains("no integer"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Qrels.parse("1 0 a 1\n1 0 a 0\n")).getMessage()
        .contains("a second time"));
  }

  @Test
  void topicsAreReadInFileOrderWithTheirTextAsWritten() {
    Topics topics = Topics.parse("3\tU.S . TROOPS IN VIET NAM .\n\n1\tBUDDHISTS\r\n");
    assertEquals(List.of("3", "1"), List.copyOf(topics.ids()));
    assertEquals("U.S . TROOPS IN VIET NAM .", topics.text("3"));
    assertEquals("BUDDHISTS", topics.text("1"));
    assertEquals(2, topics.size());
    assertThrows(IllegalArgumentException.class, () -> Topics.parse("1 no tab here\n"));
    assertThrows(IllegalArgumentException.class, () -> Topics.parse("1\ta\n1\tb\n"));
  }

  @Test
  void aWrittenRunReadsBackInTheSameOrder(@TempDir Path dir) throws Exception {
    Run run = new Run("bm25", Map.of("7", List.of("c", "a", "b"), "2", List.of()));
    Path file = dir.resolve("run.txt");
    run.write(file);
    assertEquals("7 Q0 c 1 3 bm25\n7 Q0 a 2 2 bm25\n7 Q0 b 3 1 bm25\n", Files.readString(file));
    Run back = Run.read(file);
    assertEquals("bm25", back.tag());
    assertEquals(List.of("c", "a", "b"), back.ranking("7"));
    assertEquals(List.of(), back.ranking("2")); // an empty ranking has no line, so no query either
  }

  @Test
  void aRunFileIsOrderedAsTrecEvalOrdersItByScoreThenDocumentIdDescending() {
    Run run =
        Run.parse(
            """
            q Q0 d1 1 0.5 t
            q Q0 d3 2 0.5 t
            q Q0 d2 3 0.9 t
            q Q0 d10 4 0.5 t
            q Q0 d4 5 1e-1 t
            """);
    // The rank column is ignored; ties go to the id that sorts last byte-wise ("d3" > "d10" > "d1").
    assertEquals(List.of("d2", "d3", "d10", "d1", "d4"), run.ranking("q"));
  }

  @Test
  void malformedRunsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Run.parse("q Q0 d1 1 0.5\n"));
    assertThrows(IllegalArgumentException.class, () -> Run.parse("q Q0 d1 1 high t\n"));
    assertThrows(IllegalArgumentException.class, () -> Run.parse("q Q0 d1 1 1 t\nq Q0 d1 2 0 t\n"));
    assertThrows(IllegalArgumentException.class, () -> Run.parse(""));
    assertThrows(IllegalArgumentException.class, () -> new Run("two words", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new Run("t", Map.of("q", List.of("a b"))));
    assertThrows(IllegalArgumentException.class, () -> new Run("t", Map.of("q", List.of("a", "a"))));
  }
}
