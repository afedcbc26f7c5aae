package newsroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import newsroom.ReutersCollection;
import newsroom.ReutersCollection.Story;
import newsroom.TestIndexes;
import newsroom.config.Json;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst tools over HTTP on Reuters-21578: compare, export, cursor paging and significant terms, checked
 * against the date facet and against counts taken from the raw SGML.
 */
class AnalystApiReutersTest {
  @TempDir static Path indexRoot;
  static LuceneBackend backend;
  static Javalin app;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    TestIndexes.build(ReutersCollection.DIR, indexRoot, "reuters");
    backend = TestIndexes.open(indexRoot, false);
    app = ApiServer.create(backend, TestIndexes.settings()).start(0);
    http = new HttpTestClient(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.stop();
    backend.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static JsonNode ok(String pathAndQuery) throws Exception {
    HttpTestClient.Reply r = http.get(pathAndQuery);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** The date facet's months of 1987 for a search: "03" -> count. */
  static Map<String, Long> monthsOf(String filters) throws Exception {
    JsonNode search = ok("/api/search?size=0&facet_limit=1&date=1987" + filters);
    Map<String, Long> months = new TreeMap<>();
    for (JsonNode f : search.get("facets")) {
      if (f.get("name").asText().equals("date")) {
        f.get("values").forEach(v -> months.put(v.get("value").asText(), v.get("count").asLong()));
      }
    }
    return months;
  }

  /** Raw SGML: stories per month ("03" -> n) that pass the predicate. */
  static Map<String, Long> rawMonths(Predicate<Story> which) {
    Map<String, Long> months = new TreeMap<>();
    for (Story s : ReutersCollection.stories()) {
      if (which.test(s)) {
        String name = s.month().substring(5);
        for (Month m : Month.values()) {
          if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
            months.merge(String.format("%02d", m.getValue()), 1L, Long::sum);
          }
        }
      }
    }
    return months;
  }

  @Test
  void compareCrudeAndGrainByMonthCountsAsTheDateFacetAndDividesByTheMonthlyTotals() throws Exception {
    JsonNode c =
        ok("/api/compare?interval=month&series=" + enc("name=Crude&topic=crude") + "&series=" + enc("topic=grain"));
    assertEquals("month", c.get("interval").asText());
    assertEquals("Crude", c.get("series").get(0).get("name").asText());
    assertEquals("topic:grain", c.get("series").get(1).get("name").asText());

    Map<String, Long> crude = monthsOf("&topic=crude");
    Map<String, Long> grain = monthsOf("&topic=grain");
    Map<String, Long> all = monthsOf("");
    // The facet itself agrees with the raw collection.
    assertEquals(rawMonths(s -> s.list("TOPICS").contains("crude")), crude);
    assertEquals(rawMonths(s -> true), all);

    Map<String, Long> comparedCrude = new TreeMap<>();
    Map<String, Long> comparedGrain = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    for (JsonNode b : c.get("buckets")) {
      String key = b.get("key").asText();
      assertTrue(key.startsWith("1987-"), key);
      String month = key.substring(5);
      assertEquals(b.get("start").asText().substring(0, 7), key);
      long total = b.get("total").asLong();
      long nCrude = b.get("counts").get(0).asLong();
      long nGrain = b.get("counts").get(1).asLong();
      if (nCrude > 0) comparedCrude.put(month, nCrude);
      if (nGrain > 0) comparedGrain.put(month, nGrain);
      if (total > 0) totals.put(month, total);
      for (int i = 0; i < 2; i++) {
        JsonNode ratio = b.get("ratios").get(i);
        if (total == 0) {
          assertTrue(ratio.isNull());
        } else {
          assertEquals((double) b.get("counts").get(i).asLong() / total, ratio.asDouble(), 1e-12);
        }
      }
    }
    assertEquals(crude, comparedCrude);
    assertEquals(grain, comparedGrain);
    assertEquals(all, totals);
    assertEquals(crude.values().stream().mapToLong(Long::longValue).sum(), c.get("series").get(0).get("total").asLong());
    assertEquals(ReutersCollection.stories().size(), c.get("baseline").get("total").asLong());
  }

  @Test
  void sharedFiltersNarrowTheSeriesAndTheBaselineAndTheCsvHasTheSameNumbers() throws Exception {
    String query = "/api/compare?interval=month&place=usa&series=" + enc("name=Crude, US&topic=crude");
    JsonNode c = ok(query);
    assertEquals(monthsOf("&topic=crude&place=usa"),
        nonZero(c, b -> b.get("counts").get(0).asLong()));
    assertEquals(monthsOf("&place=usa"), nonZero(c, b -> b.get("total").asLong()));

    HttpTestClient.Reply csv = http.get(query + "&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    List<List<String>> rows = CsvReader.parse(csv.body());
    assertEquals(List.of("bucket", "start", "end", "all_articles", "Crude, US", "Crude, US (share)"), rows.get(0));
    assertEquals(c.get("buckets").size() + 1, rows.size());
    JsonNode first = c.get("buckets").get(0);
    assertEquals(first.get("key").asText(), rows.get(1).get(0));
    assertEquals(first.get("counts").get(0).asText(), rows.get(1).get(4));
  }

  static Map<String, Long> nonZero(JsonNode compare, java.util.function.ToLongFunction<JsonNode> value) {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode b : compare.get("buckets")) {
      long n = value.applyAsLong(b);
      if (n > 0) out.put(b.get("key").asText().substring(5), n);
    }
    return out;
  }

  @Test
  void autoIntervalFollowsThePeriodAndDaysAddUpToMonths() throws Exception {
    JsonNode weeks = ok("/api/compare?series=" + enc("topic=crude"));
    assertEquals("week", weeks.get("interval").asText(), "Feb to Oct 1987 is weeks");
    JsonNode days = ok("/api/compare?from=1987-03-01&to=1987-03-31&series=" + enc("topic=crude"));
    assertEquals("day", days.get("interval").asText());
    assertEquals(31, days.get("buckets").size());
    long sum = 0;
    for (JsonNode b : days.get("buckets")) sum += b.get("counts").get(0).asLong();
    assertEquals(monthsOf("&topic=crude").get("03"), sum);
  }

  @Test
  void badCompareRequestsAreJson400s() throws Exception {
    Map<String, String> bad = new TreeMap<>(Map.of(
        "unknown series syntax", "/api/compare?series=" + enc("crude"),
        "unknown key in a series", "/api/compare?series=" + enc("sort=date"),
        "unknown facet in a series", "/api/compare?series=" + enc("colour=red"),
        "no series", "/api/compare",
        "too many buckets", "/api/compare?interval=day&from=1900-01-01&to=1999-12-31&series=" + enc("topic=crude"),
        "unknown interval", "/api/compare?interval=fortnight&series=" + enc("topic=crude"),
        "query outside a series", "/api/compare?q=oil&series=" + enc("topic=crude"),
        "unknown format", "/api/compare?format=xml&series=" + enc("topic=crude")));
    StringBuilder nine = new StringBuilder("/api/compare?");
    for (int i = 0; i < 9; i++) nine.append("series=").append(enc("name=s" + i + "&q=oil")).append('&');
    bad.put("too many series", nine.toString());
    for (var e : bad.entrySet()) {
      HttpTestClient.Reply r = http.get(e.getValue());
      assertEquals(400, r.status(), e.getKey() + ": " + r.body());
      assertTrue(r.contentType().startsWith("application/json"), e.getKey());
      assertFalse(r.json().get("error").asText().isBlank(), e.getKey());
      assertFalse(r.json().get("detail").asText().isBlank(), e.getKey());
    }
    assertEquals("Too many series", http.get(nine.toString()).json().get("error").asText());
    assertEquals("Unknown series syntax", http.get("/api/compare?series=crude").json().get("error").asText());
    assertEquals("Too many buckets", http.get(bad.get("too many buckets")).json().get("error").asText());
  }

  /** NEWIDs of the stories placed in the USA, from the raw SGML: more than the 10,000 a search can page to. */
  static Set<String> usaIds() {
    Set<String> ids = ReutersCollection.stories().stream()
        .filter(s -> s.list("PLACES").contains("usa")).map(Story::newId).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(ids.size() > 10_000, "more than the result window: " + ids.size());
    return ids;
  }

  @Test
  void anExportOfMoreThanTenThousandMatchesListsThemAllAsQuotedCsv() throws Exception {
    Set<String> expected = usaIds();
    HttpTestClient.Reply r = http.get("/api/export?format=csv&bom=1&place=usa&sort=date");
    assertEquals(200, r.status(), r.body().substring(0, Math.min(300, r.body().length())));
    assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
    assertTrue(r.body().startsWith("\uFEFFid,published,source,url,title,"), r.body().substring(0, 80));
    List<List<String>> rows = CsvReader.parse(r.body().substring(1));
    List<String> header = rows.get(0);
    assertEquals(List.of("id", "published", "source", "url", "title", "topic", "place", "org", "exchange", "people",
        "company", "regulator", "snippet"), header);
    Set<String> ids = new HashSet<>();
    String previous = "";
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(header.size(), row.size(), row.toString());
      assertTrue(ids.add(row.get(0)), "once: " + row.get(0));
      assertTrue(row.get(6).contains("usa"), row.toString());
      assertTrue(row.get(1).compareTo(previous) >= 0, "oldest first");
      previous = row.get(1);
    }
    assertEquals(expected, new TreeSet<>(ids));
    // A title with a comma or a quote survives the round trip through the quoting.
    String id = rows.stream().skip(1).filter(row -> row.get(4).contains(",")).findFirst().orElseThrow().get(0);
    assertEquals(backend.article(id).orElseThrow().title(),
        rows.stream().filter(row -> row.get(0).equals(id)).findFirst().orElseThrow().get(4));
  }

  @Test
  void aJsonLinesExportOfAQueryHasOneArticlePerLine() throws Exception {
    HttpTestClient.Reply r = http.get("/api/export?format=jsonl&q=" + enc("\"cocoa zone\""));
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("application/x-ndjson"), r.contentType());
    List<String> lines = r.body().lines().toList();
    JsonNode search = ok("/api/search?size=100&q=" + enc("\"cocoa zone\""));
    assertEquals(search.get("total").asInt(), lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode row = Json.MAPPER.readTree(lines.get(i));
      assertEquals(search.get("hits").get(i).get("id").asText(), row.get("id").asText());
      assertTrue(row.get("snippet").asText().toLowerCase(Locale.ROOT).contains("cocoa zone"), row.toString());
      assertTrue(row.get("labels").isObject());
    }
  }

  @Test
  void anExportOfTheWholeCollectionStartsStreamingWithinASecond() throws Exception {
    ok("/api/search?q=cocoa"); // the server warm, so what is timed is the export
    http.get("/api/export?format=csv&q=cocoa");
    int stories = ReutersCollection.stories().size(); // read from the SGML before the clock starts
    // A plain socket: what is timed is when the bytes arrive, not when a client library hands them over.
    try (RawHttp raw = RawHttp.get(app.port(), "/api/export?format=csv")) {
      String head = raw.readUntil("\r\n\r\n");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      raw.readUntil("id,published,");
      double seconds = raw.secondsSinceSent();
      assertTrue(head.contains("X-Total-Count: " + stories), head);
      // A second is the target; the margin is for a busy test machine.
      assertTrue(seconds < 3, "the CSV header arrived after " + seconds + " s");
      long bytes = raw.drain();
      assertTrue(bytes > 1_000_000, bytes + " bytes");
    }
  }

  @Test
  void badExportsAreJson400s() throws Exception {
    for (String bad : List.of("/api/export?format=xml", "/api/export?q=" + enc("foo AND"), "/api/export?colour=red&nonsense",
        "/api/export?bom=maybe", "/api/export?topic=earn&sort=sideways")) {
      HttpTestClient.Reply r = http.get(bad);
      if (bad.contains("colour")) {
        assertEquals(200, r.status(), "an unknown parameter is ignored, as in a search");
        continue;
      }
      assertEquals(400, r.status(), bad + ": " + r.body());
      assertTrue(r.contentType().startsWith("application/json"), bad);
    }
    assertEquals("Unknown export format 'xml'", http.get("/api/export?format=xml").json().get("error").asText());
  }

  @Test
  void aCursorWalkPagesPastTheResultWindow() throws Exception {
    Set<String> expected = usaIds();
    assertEquals(400, http.get("/api/search?place=usa&size=100&page=101").status(), "the window ends at 10,000");
    List<String> walked = new ArrayList<>();
    String cursor = "*";
    while (cursor != null) {
      JsonNode page = ok("/api/search?place=usa&sort=-date&size=100&cursor=" + enc(cursor));
      assertEquals(expected.size(), page.get("total").asInt());
      page.get("hits").forEach(h -> walked.add(h.get("id").asText()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    }
    assertEquals(expected.size(), walked.size(), "no article twice");
    assertEquals(expected, new TreeSet<>(walked));
    assertNull(ok("/api/search?place=usa").get("next_cursor").textValue(), "page-numbered searches have no cursor");
  }

  @Test
  void significantTermsOfCrudeAreAboutOil() throws Exception {
    JsonNode st = ok("/api/significant-terms?topic=crude&size=20");
    assertEquals("jlh", st.get("heuristic").asText());
    assertEquals(ReutersCollection.count(s -> s.list("TOPICS").contains("crude")), st.get("matches").asLong());
    List<String> terms = new ArrayList<>();
    st.get("terms").forEach(t -> terms.add(t.get("term").asText()));
    assertTrue(terms.containsAll(List.of("oil", "barrel", "opec")), terms.toString());
    assertTrue(terms.contains("crude oil"), "two-word phrases too: " + terms);
    // A query's own words are left out; its sample is its best-ranked matches.
    JsonNode wheat = ok("/api/significant-terms?q=wheat");
    assertTrue(wheat.get("sampling").asText().contains("best-ranked") || wheat.get("sampling").asText().equals("every match"));
    wheat.get("terms").forEach(t -> assertFalse(t.get("term").asText().equals("wheat")));
    assertEquals(400, http.get("/api/significant-terms?size=0").status());
  }
}
