package newsroom.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.Time1963Collection;
import newsroom.model.Article;
import newsroom.ingest.Corpus;
import newsroom.ingest.IngestProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real TIME 1963 collection: its articles as the corpus reader gives them, its topics and its judgments. */
class Time1963DataTest {
  static Path dir;
  static final List<Article> articles = new ArrayList<>();
  static final List<IngestProblem> problems = new ArrayList<>();
  static Topics topics;
  static Qrels qrels;

  @BeforeAll
  static void readTheCollection() throws Exception {
    dir = Time1963Collection.dir();
    // The file itself, not the folder: qrels.dev.txt would be read as a plain-text article.
    Corpus.at(dir.resolve("TIME.ALL"), Corpus.defaultFormats()).read(articles::add, problems::add, (f, b) -> {});
    topics = Topics.read(dir.resolve("topics.dev.tsv"));
    qrels = Qrels.read(dir.resolve("qrels.dev.txt"));
  }

  @Test
  void the423ArticlesAreReadWithUniqueIdsAndNoProblem() {
    assertEquals(List.of(), problems);
    assertEquals(423, articles.size());
    Set<String> ids = articles.stream().map(Article::id).collect(Collectors.toSet());
    assertEquals(423, ids.size());
    assertTrue(ids.stream().allMatch(id -> id.matches("\\d{3}")), "ids are three digits as written");
    assertEquals("017", articles.get(0).id());
    assertEquals(Instant.parse("1963-01-04T00:00:00Z"), articles.get(0).published());
    assertTrue(articles.get(0).body().startsWith("THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED"));
    assertTrue(articles.stream().allMatch(a -> a.title() == null && "TIME".equals(a.source())));
    assertTrue(articles.stream().allMatch(a -> a.published().toString().startsWith("1963-")));
  }

  @Test
  void theArticleWithTheMalformedHeaderHasItsDate() {
    Article a = articles.stream().filter(x -> x.id().equals("431")).findFirst().orElseThrow();
    assertEquals(Instant.parse("1963-08-30T00:00:00Z"), a.published());
    assertTrue(a.body().startsWith("GREAT BRITAIN BOBBIES IN TROUBLE"), a.body());
  }

  @Test
  void everyWordOfTheFileIsInOneArticle() throws Exception {
    // Counted straight from the file: the words of every line but headers and *STOP.
    long raw = 0;
    for (String line : Files.readAllLines(dir.resolve("TIME.ALL"), StandardCharsets.US_ASCII)) {
      if (!line.startsWith("*") && !line.isBlank()) {
        raw += line.strip().split("\\s+").length;
      }
    }
    long read = articles.stream().mapToLong(a -> a.body().split("\\s+").length).sum();
    assertEquals(raw, read);
  }

  @Test
  void the42TopicsAndTheir175JudgmentsFitTheArticles() {
    assertEquals(42, topics.size());
    assertEquals(175, qrels.relevantPairs());
    assertEquals(topics.ids(), new HashSet<>(qrels.queries()), "every topic judged, every judged query a topic");
    Set<String> ids = articles.stream().map(Article::id).collect(Collectors.toSet());
    for (String q : qrels.queries()) {
      assertTrue(ids.containsAll(qrels.relevant(q)), "query " + q + " judges an article that is not there");
    }
    assertTrue(topics.text("3").startsWith("NUMBER OF TROOPS THE UNITED STATES HAS STATIONED IN SOUTH VIET NAM"));
  }

  @Test
  void theJudgmentsAsARankingScoreOneAndNothingFoundScoresZero() {
    Map<String, String> queryOfText = new java.util.HashMap<>();
    topics.texts().forEach((id, text) -> queryOfText.put(text, id));
    Evaluation oracle =
        Evaluation.of(topics, qrels, text -> List.copyOf(qrels.relevant(queryOfText.get(text))), "oracle");
    assertEquals(42, oracle.mean().queries());
    assertEquals(1.0, oracle.mean().map(), 1e-12);
    assertEquals(1.0, oracle.mean().ndcgAt10(), 1e-12);
    assertEquals(1.0, oracle.mean().recallAt100(), 1e-12);
    assertEquals(175, oracle.mean().relevantRetrieved());
    assertEquals(0.0, Evaluation.of(topics, qrels, text -> List.of()).mean().map());
  }
}
