package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The analyst tools of the page in headless Chromium over the seed corpus: the compare view (lines, legend,
 * raw or normalised, a point opens its articles, the URL holds it all, CSV), "Download results" and the
 * significant-terms panel. Expected numbers come from the article files.
 */
class AnalystPageTest {
  static final Set<String> DIDI = SeedCorpus.idsMentioning("Didi");
  static final Set<String> KANZHUN = SeedCorpus.idsMentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin");

  @TempDir static Path tmp;
  static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(TestIndexes.SEED_CORPUS, tmp, 1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Set<String> both(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  WebElement find(String css) {
    return page.browser.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return page.browser.findElements(By.cssSelector(css));
  }

  void waitForChart() {
    page.waitFor("the compare chart", d -> "false".equals(find("#compare-chart").getDomAttribute("aria-busy"))
        && !findAll("#compare-chart svg, #compare-chart [role=alert], #compare-chart .timeline-empty").isEmpty());
  }

  static final String TWO_SERIES =
      "?view=compare&interval=month&series=" + enc("name=Didi&company=Didi") + "&series=" + enc("name=Kanzhun&company=Kanzhun");

  @Test
  void theCompareViewDrawsOneLinePerSeriesWithTheCountsOfEachMonth() {
    page.open(TWO_SERIES);
    waitForChart();
    assertTrue(find("#compare-view").isDisplayed());
    assertFalse(find("#search-view").isDisplayed());
    assertEquals(List.of("Didi", "Kanzhun"),
        findAll("#compare-legend .legend-name").stream().map(WebElement::getText).toList());
    assertEquals(2, findAll("#compare-chart .series").size());
    // July 2021 to June 2022: 12 months, a point per series each.
    assertEquals(24, findAll("#compare-chart .point").size());
    assertEquals(String.valueOf(both(DIDI, SeedCorpus.idsPublished("2021-07")).size()),
        point(0, "2021-07").getDomAttribute("data-count"));
    assertEquals(String.valueOf(both(KANZHUN, SeedCorpus.idsPublished("2022-06")).size()),
        point(1, "2022-06").getDomAttribute("data-count"));
    assertEquals("0", point(0, "2021-12").getDomAttribute("data-count"));
    // The editor shows each series.
    assertEquals("Didi", find(".series-row[data-index='0'] input[name=name]").getDomProperty("value"));
  }

  /** What the link with this id downloads, fetched by the page itself. */
  Object fetchText(String linkId) {
    return ((org.openqa.selenium.JavascriptExecutor) page.browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + " fetch(document.getElementById(arguments[0]).href).then(r => r.text()).then(done);",
        linkId);
  }

  WebElement point(int series, String key) {
    return find("#compare-chart .point[data-series='" + series + "'][data-key='" + key + "']");
  }

  @Test
  void sharesAreCountsOverAllArticlesAndTheUrlKeepsTheChoice() {
    page.open(TWO_SERIES);
    waitForChart();
    String raw = point(0, "2021-07").getDomAttribute("cy");
    find(".toggle-option input[value=norm]").findElement(By.xpath("..")).click();
    page.waitFor("the normalised view", d -> "1".equals(page.param("norm")));
    waitForChart();
    long didiJuly = both(DIDI, SeedCorpus.idsPublished("2021-07")).size();
    long allJuly = SeedCorpus.idsPublished("2021-07").size();
    String label = point(0, "2021-07").getDomAttribute("aria-label");
    String share = String.valueOf(Math.round(100.0 * didiJuly / allJuly));
    assertTrue(label.contains("(" + share + "% of " + allJuly + ")"), label);
    assertFalse(raw.equals(point(0, "2021-07").getDomAttribute("cy")) && didiJuly != allJuly, "the line moved");
    page.browser.navigate().refresh();
    waitForChart();
    assertTrue(find(".toggle-option input[value=norm]").isSelected(), "a reload keeps the normalised view");
    assertEquals(List.of("name=Didi&company=Didi", "name=Kanzhun&company=Kanzhun"), page.params("series"));
  }

  @Test
  void clickingAPointOpensThatSeriesArticlesOfThatMonth() {
    page.open(TWO_SERIES);
    waitForChart();
    point(1, "2021-07").click(); // drawn last, so on top where the two lines meet
    Set<String> expected = both(KANZHUN, SeedCorpus.idsPublished("2021-07"));
    page.waitForHits(expected);
    assertEquals("2021-07-01", page.param("from"));
    assertEquals("2021-07-31", page.param("to"));
    assertEquals(List.of("Kanzhun"), page.params("company"));
    assertTrue(find("#search-view").isDisplayed());
    page.browser.navigate().back();
    waitForChart();
    assertTrue(find("#compare-view").isDisplayed(), "back returns to the comparison");
  }

  @Test
  void aSearchOpensInTheCompareViewAndSeriesCanBeAdded() {
    page.open("?q=kanzhun");
    // A plain-word query for a company also finds its other names (Boss Zhipin).
    page.waitForHits(KANZHUN);
    find("#compare-open").click();
    waitForChart();
    assertEquals("compare", page.param("view"));
    assertEquals(List.of("kanzhun"), findAll("#compare-legend .legend-name").stream().map(WebElement::getText).toList());

    find("#add-series").click();
    page.waitFor("a second series row", d -> findAll(".series-row").size() == 2);
    WebElement q = find(".series-row[data-index='1'] input[name=q]");
    q.sendKeys("didi");
    WebElement name = find(".series-row[data-index='1'] input[name=name]");
    name.clear();
    name.sendKeys("Didi", Keys.ENTER);
    page.waitFor("two series in the URL", d -> page.params("series").size() == 2);
    waitForChart();
    assertEquals(List.of("kanzhun", "Didi"), findAll("#compare-legend .legend-name").stream().map(WebElement::getText).toList());
    assertEquals("name=Didi&q=didi", page.params("series").get(1));

    // The CSV download has the same series.
    Object csv = fetchText("compare-csv");
    assertEquals("bucket,start,end,all_articles,kanzhun,kanzhun (share),Didi,Didi (share)",
        csv.toString().lines().findFirst().orElse(""));

    find(".series-row[data-index='0'] .remove-series").click();
    page.waitFor("one series left", d -> page.params("series").size() == 1);
  }

  @Test
  void aBadSeriesInTheUrlShowsTheServersMessage() {
    page.open("?view=compare&series=crude");
    waitForChart();
    assertTrue(find("#compare-chart [role=alert]").getText().contains("Unknown series syntax"));
  }

  @Test
  void downloadResultsExportsEveryMatchAsCsv() {
    page.open("?company=Kanzhun&size=2");
    page.waitForHits(new TreeSet<>(page.hitIds()));
    String href = find("#download").getDomAttribute("href");
    assertTrue(href.contains("/api/export?") && href.contains("company=Kanzhun") && href.contains("format=csv"), href);
    Object csv = fetchText("download");
    List<String> lines = csv.toString().lines().toList();
    // (the page's fetch takes the byte order mark off, as a spreadsheet does)
    assertTrue(lines.get(0).replace("\uFEFF", "").startsWith("id,published,source,url,title,"), lines.get(0));
    assertEquals(KANZHUN.size() + 1, lines.size(), "every match, not the page of 2");
  }

  @Test
  void significantTermsAreShownAndAClickAddsOneToTheQuery() {
    // A query that matches some of the seeds (every seed names Kanzhun, so nothing would stand out among them).
    page.open("?q=probe");
    page.waitFor("the significant terms", d -> find("#terms").isDisplayed()
        && "false".equals(find("#terms-list").getDomAttribute("aria-busy")) && !findAll("#terms .chip.term").isEmpty());
    WebElement first = findAll("#terms .chip.term").get(0);
    String term = first.getDomAttribute("data-term");
    first.click();
    String expected = term.contains(" ") ? "probe AND \"" + term + "\"" : "probe AND " + term;
    page.waitFor("the term in the query", d -> expected.equals(page.param("q")));
    assertEquals(expected, find("#q").getDomProperty("value"));
    page.open("");
    assertFalse(find("#terms").isDisplayed(), "no panel for the whole index");
  }
}
