package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query understanding and query help over HTTP, on the seed corpus with the project's search.json: plain words
 * versus Lucene syntax, entity-name expansion, "did you mean", value search inside a facet, autocomplete and
 * score explanations.
 */
class QueryHelpApiTest {
  static final String RT = "rt-2021-07-05-china-cracks-down-personal-data";
  @TempDir static Path indexRoot;
  static LuceneBackend backend;
  static Javalin app;
  static HttpTestClient client;

  @BeforeAll
  static void start() throws Exception {
    TestIndexes.build(TestIndexes.SEED_CORPUS, indexRoot);
    backend = TestIndexes.open(indexRoot, false);
    app = ApiServer.create(backend, TestIndexes.settings()).start(0);
    client = new HttpTestClient(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.stop();
    backend.close();
  }

  static JsonNode get(String pathAndQuery) throws Exception {
    HttpTestClient.Reply r = client.get(pathAndQuery);
    assertEquals(200, r.status(), pathAndQuery + ": " + r.body());
    return r.json();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static List<String> hitIds(JsonNode search) {
    List<String> ids = new ArrayList<>();
    search.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void aPlainWordQueryForAnEntityAlsoFindsItsOtherNamesRankedBelowTheExactMentions() throws Exception {
    JsonNode r = get("/api/search?q=kanzhun");
    assertEquals("plain", r.get("syntax").asText());
    Set<String> exact = SeedCorpus.idsMentioning("Kanzhun");
    Set<String> any = SeedCorpus.idsMentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin");
    assertFalse(exact.contains(RT), "the RT article says only Boss Zhipin");
    assertEquals(any, new TreeSet<>(hitIds(r)));
    List<String> ranked = hitIds(r);
    // Every article that says Kanzhun comes before the one that only says Boss Zhipin.
    assertEquals(exact, new TreeSet<>(ranked.subList(0, exact.size())));
    assertEquals(RT, ranked.get(ranked.size() - 1));
    // Its snippet marks the other name it was found by.
    JsonNode rt = r.get("hits").get(ranked.size() - 1);
    assertTrue(rt.get("snippets").toString().contains("<mark>Boss Zhipin</mark>"), rt.toString());
  }

  @Test
  void luceneSyntaxKeepsItsExactMeaning() throws Exception {
    JsonNode quoted = get("/api/search?q=" + enc("\"kanzhun\""));
    assertEquals("lucene", quoted.get("syntax").asText());
    assertEquals(SeedCorpus.idsMentioning("Kanzhun"), new TreeSet<>(hitIds(quoted)));
    // The same text read as plain words: the operator word and the parenthesis are just words.
    JsonNode plain = get("/api/search?syntax=plain&q=" + enc("didi AND (app"));
    assertEquals("plain", plain.get("syntax").asText());
    assertTrue(plain.get("total").asInt() > 0);
    assertEquals(400, client.get("/api/search?syntax=lucene&q=" + enc("didi AND (app")).status());
    assertEquals(400, client.get("/api/search?syntax=fancy&q=didi").status());
    assertEquals(400, client.get("/api/search?feedback=magic&q=didi").status());
    assertEquals(400, client.get("/api/search?explain=maybe&q=didi").status());
  }

  @Test
  void feedbackCanBeAskedForAndOnlyReordersTheMatches() throws Exception {
    JsonNode none = get("/api/search?q=" + enc("truck registrations") + "&feedback=none");
    JsonNode rm3 = get("/api/search?q=" + enc("truck registrations") + "&feedback=rm3");
    assertEquals(none.get("total"), rm3.get("total"));
    assertEquals(new TreeSet<>(hitIds(none)), new TreeSet<>(hitIds(rm3)));
  }

  @Test
  void aMisspelledQueryGetsADidYouMeanFromTheIndexsOwnWords() throws Exception {
    JsonNode r = get("/api/search?q=huochebnag");
    assertEquals(0, r.get("total").asInt());
    JsonNode suggestion = r.get("did_you_mean").get(0);
    assertEquals("huochebang", suggestion.get("query").asText());
    // As plain words, huochebang also finds Full Truck Alliance's other names.
    assertEquals(
        SeedCorpus.idsMentioning("Full Truck Alliance", "Yunmanman", "Huochebang").size(),
        suggestion.get("total").asInt());
    // A query that finds enough gets none.
    assertEquals(0, get("/api/search?q=didi").get("did_you_mean").size());
    // In Lucene syntax only the words are respelled; field names and operators stay.
    JsonNode lucene = get("/api/search?q=" + enc("title:kanzhun AND regulatrs"));
    // The index holds words stemmed: the respelling is the indexed word.
    assertEquals("title:kanzhun AND regulator", lucene.get("did_you_mean").get(0).get("query").asText());
  }

  @Test
  void valuesOfAFacetAreFoundByTheStartOfAnyOfTheirWords() throws Exception {
    JsonNode r = get("/api/facets/company?prefix=tru");
    assertEquals("company", r.get("name").asText());
    assertEquals("Company", r.get("label").asText());
    assertEquals(1, r.get("values").size());
    assertEquals("Full Truck Alliance", r.get("values").get(0).get("value").asText());
    assertEquals(
        SeedCorpus.idsMentioning("Full Truck Alliance", "Yunmanman", "Huochebang").size(),
        r.get("values").get(0).get("count").asInt());
    // Counted over the search the other parameters describe, with the dimension's own selection left out.
    JsonNode narrowed = get("/api/facets/company?prefix=a&q=uber&company=Alibaba");
    List<String> values = new ArrayList<>();
    narrowed.get("values").forEach(v -> values.add(v.get("value").asText()));
    assertTrue(values.contains("Alibaba"), values.toString());
    assertTrue(narrowed.get("values").get(values.indexOf("Alibaba")).get("selected").asBoolean());
    // Every value without a prefix, most articles first.
    JsonNode all = get("/api/facets/company?size=3");
    assertEquals(3, all.get("values").size());
    assertTrue(all.get("values").get(0).get("count").asInt() >= all.get("values").get(2).get("count").asInt());
    assertEquals(400, client.get("/api/facets/topic?prefix=a").status());
    assertEquals(400, client.get("/api/facets/date?prefix=2").status());
    assertEquals(400, client.get("/api/facets/company?size=0").status());
  }

  @Test
  void autocompleteOffersTitlesAndFacetValues() throws Exception {
    JsonNode titles = get("/api/suggest?q=" + enc("boss zh"));
    JsonNode first = titles.get("suggestions").get(0);
    assertEquals("title", first.get("kind").asText());
    assertEquals("newsbrief-2021-07-05-cac-probe-fta-boss-zhipin", first.get("id").asText());
    assertTrue(first.get("html").asText().contains("<mark>Boss</mark> <mark>Zhipin</mark>"), first.toString());

    JsonNode values = get("/api/suggest?q=kan");
    JsonNode kanzhun = values.get("suggestions").get(0);
    assertEquals("value", kanzhun.get("kind").asText());
    assertEquals("company", kanzhun.get("dimension").asText());
    assertEquals("Kanzhun", kanzhun.get("text").asText());
    assertEquals(5, kanzhun.get("count").asInt());

    assertEquals(0, get("/api/suggest?q=").get("suggestions").size());
    assertEquals(2, get("/api/suggest?q=c&size=2").get("suggestions").size());
    assertEquals(400, client.get("/api/suggest?q=a&size=0").status());
  }

  @Test
  void explainListsTheMainPartsOfEachScore() throws Exception {
    JsonNode r = get("/api/search?q=kanzhun&explain=true");
    for (JsonNode hit : r.get("hits")) {
      JsonNode e = hit.get("explanation");
      double sum = e.get("rest").asDouble();
      for (JsonNode c : e.get("contributions")) {
        sum += c.get("value").asDouble();
      }
      assertEquals(hit.get("score").asDouble(), sum, 1e-3, hit.toString());
      assertEquals(hit.get("score").asDouble(), e.get("score").asDouble(), 1e-6);
    }
    JsonNode rt = r.get("hits").get(r.get("hits").size() - 1);
    JsonNode c = rt.get("explanation").get("contributions").get(0);
    assertEquals("entity", c.get("kind").asText(), rt.toString());
    assertTrue(c.get("match").asText().contains("zhipin"), c.toString());

    List<String> exact = new ArrayList<>();
    r.get("hits").get(0).get("explanation").get("contributions")
        .forEach(x -> exact.add(x.get("kind").asText() + " " + x.get("field").asText() + ":" + x.get("match").asText()));
    assertTrue(exact.contains("query body:kanzhun"), exact.toString());
    // Without explain=true hits carry no explanation.
    assertFalse(get("/api/search?q=kanzhun").get("hits").get(0).has("explanation"));
  }
}
