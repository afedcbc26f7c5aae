package newsroom.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsroom.TestIndexes;
import newsroom.backend.SearchRequest;
import newsroom.config.Catalog;
import newsroom.config.Json;
import newsroom.enrich.TagDictionary;
import newsroom.http.ApiServer;
import newsroom.lucene.LuceneBackend;
import newsroom.pipeline.CorpusIndexer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at toy scale, so it cannot rot: generate 2,000 articles, index them, and put the query mix to the
 * searcher and to the HTTP API. Checks what the figures are made of (counts, answers, agreement), never timings.
 * PostgreSQL is left out: CI has none.
 */
class BenchmarkSmokeTest {
  static final int ARTICLES = 2_000;
  static final long SEED = 42;

  @TempDir static Path work;
  static Path corpus;
  static Catalog catalog;
  static CorpusIndexer.Summary indexed;
  static List<String> texts = new ArrayList<>();

  @BeforeAll
  static void generateAndIndex() throws IOException {
    catalog = Catalog.load(TestIndexes.CONFIG, Catalog.DEFAULT_PROFILE);
    corpus = work.resolve("corpus.jsonl");
    CorpusGenerator.Summary generated =
        new CorpusGenerator(TestIndexes.CONFIG, catalog, SEED).generate(ARTICLES, corpus, 2);
    assertEquals(ARTICLES, generated.articles());
    try (BufferedReader in = Files.newBufferedReader(corpus)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode a = Json.MAPPER.readTree(line);
        texts.add(a.get("title").asText() + "\n" + a.get("body").asText());
      }
    }
    indexed = TestIndexes.build(corpus, work.resolve("index"));
  }

  @Test
  void theGeneratorIsDeterministicAndWritesRealisticArticles() throws IOException {
    Path again = work.resolve("again.jsonl");
    Path other = work.resolve("other.jsonl");
    new CorpusGenerator(TestIndexes.CONFIG, catalog, SEED).generate(300, again, 1);
    new CorpusGenerator(TestIndexes.CONFIG, catalog, SEED + 1).generate(300, other, 2);
    byte[] first300 = String.join("", Files.readAllLines(corpus).subList(0, 300).stream().map(l -> l + "\n").toList()).getBytes();
    assertArrayEquals(first300, Files.readAllBytes(again), "same seed, same articles, whatever the threads");
    assertFalse(Files.readString(other).equals(Files.readString(again)));

    assertEquals(ARTICLES, texts.size());
    for (String text : texts) {
      int words = text.split("\\s+").length;
      assertTrue(words >= 300 && words <= 1_300, "article of " + words + " words");
    }
  }

  @Test
  void aProfileWithoutOneOfTheRolesOfTheNewsIsRefusedByName() {
    Catalog withoutActions =
        new Catalog(
            "no_actions",
            null,
            catalog.dimensions().stream().filter(d -> !d.name().equals(NewsWorld.ACTION)).toList(),
            catalog.analysis(),
            catalog.stories());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new CorpusGenerator(TestIndexes.CONFIG, withoutActions, SEED));
    assertTrue(e.getMessage().contains("'no_actions' has no dictionary dimension 'action'"), e.getMessage());
  }

  @Test
  void everyArticleIsIndexedAndTaggedLikeAnIndependentScanOfTheText() throws IOException {
    assertEquals(ARTICLES, indexed.indexed());
    assertTrue(indexed.skipped().isEmpty(), indexed.skipped().toString());
    String dictionary = catalog.dimension(NewsWorld.COMPANY).orElseThrow().dictionary();
    TagDictionary.Spec companies = Json.readFile(TestIndexes.CONFIG.resolve(dictionary), TagDictionary.Spec.class);
    try (LuceneBackend backend = TestIndexes.open(work.resolve("index"), false)) {
      for (TagDictionary.Value company : companies.values()) {
        long mentioning = texts.stream().filter(t -> mentions(t, company)).count();
        assertTrue(mentioning > 0, company.name() + " is never mentioned");
        SearchRequest filtered = SearchRequest.of("").withFilter(NewsWorld.COMPANY, company.name());
        assertEquals(mentioning, backend.search(filtered).total(), company.name());
      }
    }
  }

  @Test
  void theQueryMixIsAnsweredInProcessAndOverHttpWithTheSameTotals() throws Exception {
    List<BenchQuery> mix = QueryMix.create(TestIndexes.CONFIG, catalog, SEED, 7, 120);
    assertEquals(Set.copyOf(QueryMix.KINDS), new HashSet<>(mix.stream().map(BenchQuery::kind).toList()));
    Report report = new Report("smoke");
    String dateParameter = catalog.dateDimension().orElseThrow().name();
    try (LuceneBackend backend = TestIndexes.open(work.resolve("index"), false)) {
      LoadRunner.Result local = LoadRunner.run(mix, Benchmark.inProcess(backend), 2, mix.size(), Duration.ofMinutes(5));
      Javalin app = ApiServer.create(backend, TestIndexes.settings()).start(0);
      LoadRunner.Result remote;
      try (HttpTarget http = new HttpTarget(app.port(), dateParameter)) {
        remote = LoadRunner.run(mix, http, 2, 2L * mix.size(), Duration.ofMinutes(5));
      } finally {
        app.stop();
      }
      report.run("in-process, 2 threads", local, null);
      report.run("HTTP, 2 clients", remote, null);

      assertEquals(mix.size(), local.requests());
      assertEquals(2L * mix.size(), remote.requests());
      assertEquals(0, local.failures());
      assertEquals(0, remote.failures());
      assertEquals(2 * mix.size(), remote.latencyNanos().length);
      Set<String> words = corpusWords();
      int nonEmpty = 0;
      for (int i = 0; i < mix.size(); i++) {
        BenchQuery q = mix.get(i);
        LoadRunner.Answer a = local.answers().get(i);
        LoadRunner.Answer b = remote.answers().get(i);
        assertNotNull(b, "query " + i + " sent over HTTP");
        assertEquals(200, b.status(), q.httpQuery(dateParameter));
        assertEquals(a.total(), b.total(), q.httpQuery(dateParameter));
        assertEquals(a.hits(), b.hits(), q.httpQuery(dateParameter));
        assertEquals(Math.min(a.total(), BenchQuery.PAGE_SIZE), a.hits(), q.luceneQuery());
        if (q.kind().equals("term") && words.contains(q.all().get(0))) {
          assertTrue(a.total() > 0, q.luceneQuery() + " is in the corpus text but found nothing");
        }
        nonEmpty += a.total() > 0 ? 1 : 0;
      }
      assertTrue(nonEmpty >= mix.size() / 2, nonEmpty + " of " + mix.size() + " queries found something");
    }
    report.mix(mix);
    String md = report.markdown();
    assertTrue(md.contains("| in-process, 2 threads | 120 | 0 |"), md);
    assertTrue(md.contains("| HTTP, 2 clients | 240 | 0 |"), md);
    assertTrue(md.contains("total hits, HTTP vs in-process: 120 of 120 queries equal"), md);
  }

  /**
   * Whether the text names the company: its name or an alias as whole words (exact-case ones as written). The
   * text's words are joined by single spaces, so a phrase is a plain substring between spaces.
   */
  private static boolean mentions(String text, TagDictionary.Value company) {
    String words = spaced(text);
    String lower = words.toLowerCase(Locale.ROOT);
    List<String> anyCase = new ArrayList<>(List.of(company.name()));
    anyCase.addAll(company.aliases() == null ? List.of() : company.aliases());
    return anyCase.stream().anyMatch(alias -> lower.contains(spaced(alias).toLowerCase(Locale.ROOT)))
        || (company.exactCase() != null && company.exactCase().stream().anyMatch(alias -> words.contains(spaced(alias))));
  }

  private static String spaced(String text) {
    return " " + String.join(" ", text.split("[^\\p{L}\\p{N}]+")).strip() + " ";
  }

  private static Set<String> corpusWords() {
    Set<String> words = new HashSet<>();
    for (String t : texts) {
      for (String w : t.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        words.add(w);
      }
    }
    return words;
  }
}
