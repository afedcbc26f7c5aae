package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.config.Catalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The search page in a real headless Chromium, over the seed corpus plus one article whose title and source are
 * markup. Expected results are computed from the article files, not read back from the API.
 */
class SearchPageTest {
  static final String MARKUP_ID = "markup-title-test";
  static final String MARKUP_TITLE = "<img src=x onerror=alert(1)>";
  static final String MARKUP_SOURCE = "<b>Markup Wire</b>";
  static final String MARKUP_BODY_LINE = "<script>window.injected = true</script><b>not bold</b>";

  @TempDir static Path tmp;
  static SeedCorpus corpus;
  static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    Path dir = TestIndexes.copyOfSeedCorpus(tmp.resolve("corpus"));
    Files.writeString(
        dir.resolve("markup.txt"),
        String.join(
            "\n",
            "Id: " + MARKUP_ID,
            "Title: " + MARKUP_TITLE,
            "Source: " + MARKUP_SOURCE,
            "Published: 2023-03-01",
            "",
            "Regulators fined Didi again, a wire reported in markup.",
            MARKUP_BODY_LINE));
    corpus = SeedCorpus.at(dir);
    page = PageSession.start(dir, tmp, 1280, 1000);
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

  /** The first entity chip with this value inside the elements matching {@code scope}. */
  WebElement entityChip(String scope, String value) {
    return findAll(scope + " .chip.entity").stream()
        .filter(c -> c.getText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no chip " + value + " in " + scope));
  }

  @Test
  void typingAQueryShowsTheMatchingArticlesWithTheTermsMarked() {
    page.open("");
    find("#q").sendKeys("\"Boss Zhipin\""); // no Enter: results come as you type
    Set<String> expected = corpus.mentioning("Boss Zhipin");
    page.waitForHits(expected);
    assertEquals("\"Boss Zhipin\"", page.param("q"));
    assertTrue(find("#status").getText().startsWith(expected.size() + " articles"), find("#status").getText());
    for (WebElement hit : findAll("#results .hit")) {
      List<String> marked = hit.findElements(By.tagName("mark")).stream().map(WebElement::getText).toList();
      assertTrue(marked.stream().anyMatch(m -> m.equalsIgnoreCase("Boss Zhipin")), hit.getText() + " marks " + marked);
    }
  }

  @Test
  void tickingACompanyNarrowsTheResultsAndTheOtherCountsButNotItsOwn() {
    page.open("");
    page.waitForHits(corpus.all());
    Map<String, Long> companiesBefore = page.facetCounts("company");
    Map<String, Long> sourcesBefore = page.facetCounts("source");
    for (var source : sourcesBefore.entrySet()) {
      assertEquals(corpus.fromSource(source.getKey()).size(), source.getValue(), source.getKey());
    }

    page.checkbox("company", "Kanzhun").click();
    Set<String> kanzhun = corpus.mentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin");
    page.waitForHits(kanzhun);
    assertNotEquals(corpus.all(), kanzhun, "the test corpus has an article without Kanzhun");
    assertEquals(List.of("Kanzhun"), page.params("company"));
    assertTrue(page.checkbox("company", "Kanzhun").isSelected());

    // Other dimensions count only the matching articles...
    Map<String, Long> expectedSources = new LinkedHashMap<>();
    for (String source : sourcesBefore.keySet()) {
      long n = both(corpus.fromSource(source), kanzhun).size();
      if (n > 0) {
        expectedSources.put(source, n);
      }
    }
    page.waitFor("source counts of the Kanzhun articles", d -> page.facetCounts("source").equals(expectedSources));
    assertNotEquals(sourcesBefore, page.facetCounts("source"));
    // ...while the company counts are drill-sideways: as they were, so another company can be added.
    assertEquals(companiesBefore, page.facetCounts("company"));

    // The selection shows as a removable chip.
    WebElement chip = find("#active-filters .chip.removable");
    assertEquals("Company: Kanzhun", chip.getText().replace("×", "").strip());
    chip.click();
    page.waitForHits(corpus.all());
    assertEquals(List.of(), page.params("company"));
  }

  @Test
  void clickingTimelineBarsDrillsIntoMonthAndDayAndTheBreadcrumbClimbsBack() {
    page.open("");
    WebElement july = page.bar("2021/07");
    Set<String> inJuly = corpus.published("2021-07");
    assertTrue(july.getDomAttribute("aria-label").endsWith(": " + inJuly.size() + " articles"), july.getDomAttribute("aria-label"));
    july.click();
    page.waitForHits(inJuly);
    assertEquals("2021/07", page.param("date"));
    assertEquals(List.of("All dates", "2021", "July"), crumbs());
    assertEquals(31, findAll("#timeline-bars .bar").size(), "the days of July");

    page.bar("2021/07/05").click();
    page.waitForHits(corpus.published("2021-07-05"));
    assertEquals("true", page.bar("2021/07/05").getDomAttribute("aria-pressed"));
    assertEquals("Date: 5 July 2021", find("#active-filters .chip.removable").getText().replace("×", "").strip());

    crumb("2021").click();
    page.waitForHits(corpus.published("2021"));
    assertEquals(12, findAll("#timeline-bars .bar").size(), "the months of 2021");

    crumb("All dates").click();
    page.waitForHits(corpus.all());
    assertNull(page.param("date"));
  }

  @Test
  void fromAndToInputsFilterByDateRange() {
    page.open("");
    setDateInput("from", "2022-01-01");
    Set<String> since2022 = new TreeSet<>(corpus.published("2022"));
    since2022.addAll(corpus.published("2023"));
    page.waitForHits(since2022);
    assertEquals("2022-01-01", page.param("from"));
    setDateInput("to", "2022-12-31");
    page.waitForHits(corpus.published("2022"));
    assertEquals("2022-12-31", page.param("to"));
  }

  /** Sets a date input as a person picking a date does: a new value, then a change event. */
  void setDateInput(String id, String isoDate) {
    page.js(
        "const i = document.getElementById(arguments[0]); i.value = arguments[1];"
            + " i.dispatchEvent(new Event('change', {bubbles: true}));",
        id,
        isoDate);
  }

  List<String> crumbs() {
    return findAll("#date-crumbs li").stream().map(WebElement::getText).map(t -> t.replace("›", "").strip()).toList();
  }

  WebElement crumb(String label) {
    return findAll("#date-crumbs button").stream()
        .filter(b -> b.getText().strip().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no breadcrumb " + label + " in " + crumbs()));
  }

  record Snapshot(String url, List<String> hits, String q, String sort, List<String> checked, String status) {}

  Snapshot snapshot() {
    page.waitUntilSettled();
    @SuppressWarnings("unchecked")
    List<String> checked =
        (List<String>)
            page.js("return [...document.querySelectorAll('#facets input:checked')].map(i => i.dataset.focusKey)");
    return new Snapshot(
        page.browser.getCurrentUrl(),
        page.hitIds(),
        find("#q").getDomProperty("value"),
        new Select(find("#sort")).getFirstSelectedOption().getText(),
        checked,
        find("#status").getText().replaceAll(" · \\d+ ms$", ""));
  }

  @Test
  void reloadAndBackForwardRestoreTheWholeState() {
    String cac = "Cyberspace Administration of China";
    Set<String> matching =
        both(
            corpus.mentioning("Didi"),
            corpus.mentioning("Cyberspace Administration", "CAC", "Cybersecurity Review Office", "Office of Cybersecurity Review"));
    page.open("?size=2");
    find("#q").sendKeys("didi", Keys.ENTER);
    page.waitFor("the query in the URL", d -> "didi".equals(page.param("q")));
    page.checkbox("regulator", cac).click();
    page.waitFor("the regulator filter", d -> page.params("regulator").equals(List.of(cac)));
    new Select(find("#sort")).selectByVisibleText("Newest first");
    page.waitFor("the sort", d -> "-date".equals(page.param("sort")));
    assertTrue(find("#status").getText().startsWith(matching.size() + " articles"), find("#status").getText());
    // Newest first: the page starts with the most recent matching article.
    String newest = both(matching, corpus.published("2022")).iterator().next();
    assertEquals(newest, page.hitIds().get(0));

    find("#pager a[rel=next]").click();
    page.waitFor("page 2", d -> "2".equals(page.param("page")));
    Snapshot second = snapshot();
    assertEquals(2, second.hits().size());
    assertFalse(second.hits().contains(newest));
    assertEquals(List.of("regulator:" + cac), second.checked());

    page.browser.navigate().refresh();
    assertEquals(second, snapshot());

    page.browser.navigate().back();
    page.waitFor("back to page 1", d -> page.param("page") == null);
    assertEquals(newest, snapshot().hits().get(0));
    page.browser.navigate().back();
    page.waitFor("back to relevance", d -> page.param("sort") == null);
    assertEquals("Relevance", snapshot().sort());
    page.browser.navigate().back();
    page.waitFor("back to no filter", d -> page.params("regulator").isEmpty());
    assertEquals(List.of(), snapshot().checked());

    page.browser.navigate().forward();
    page.browser.navigate().forward();
    page.browser.navigate().forward();
    page.waitFor("forward to page 2", d -> "2".equals(page.param("page")));
    assertEquals(second, snapshot());
  }

  @Test
  void anArticleOpensWithItsTextTagsAndSimilarArticlesAndTheWayBack() {
    String phrase = "\"cybersecurity review\"";
    page.open("?q=" + enc(phrase));
    List<String> results = page.hitIds();
    WebElement first = find("#results .hit .hit-title a");
    String title = first.getText();
    String id = results.get(0);
    first.click();
    page.waitFor("the article", d -> find("#article-view").isDisplayed() && !findAll(".similar-list li, .similar p").isEmpty());
    assertEquals(id, page.param("article"));
    assertEquals(title, find("#article-title").getText());
    assertFalse(find("#search-view").isDisplayed());
    assertTrue(
        findAll(".reader-body mark").stream().anyMatch(m -> m.getText().toLowerCase().startsWith("cybersecurity")),
        "the query's words are marked in the text");
    List<String> similar =
        findAll(".similar-list li").stream().map(li -> li.getDomAttribute("data-id")).toList();
    assertFalse(similar.isEmpty());
    assertFalse(similar.contains(id));
    assertTrue(corpus.all().containsAll(similar), similar.toString());
    List<String> chips = findAll("#article-view .chip.entity").stream().map(WebElement::getText).toList();
    assertFalse(chips.isEmpty());

    // A link to the article (here: a reload) shows the same article, tags and all.
    page.browser.navigate().refresh();
    page.waitFor("the article after a reload", d -> find("#article-title").getText().equals(title)
        && findAll("#article-view .chip.entity").stream().map(WebElement::getText).toList().equals(chips));

    find(".reader .back").click();
    page.waitFor("the results again", d -> find("#search-view").isDisplayed());
    assertNull(page.param("article"));
    assertEquals(results, page.hitIds());

    // Escape goes back too; an entity chip of the article filters the results by it.
    find("#results .hit .hit-title a").click();
    page.waitFor("the article", d -> find("#article-view").isDisplayed());
    find("body").sendKeys(Keys.ESCAPE);
    page.waitFor("the results after Escape", d -> find("#search-view").isDisplayed());
    find("#results .hit .hit-title a").click();
    page.waitFor("the article's chips", d -> !findAll("#article-view .chip.entity").isEmpty());
    entityChip("#article-view", "Full Truck Alliance").click();
    page.waitForHits(
        both(
            corpus.mentioning("cybersecurity review", "cybersecurity reviews"),
            corpus.mentioning("Full Truck Alliance", "Yunmanman", "Huochebang")));
    assertEquals(List.of("Full Truck Alliance"), page.params("company"));
  }

  @Test
  void entityChipOfAResultIsAFilter() {
    page.open("");
    entityChip("#results .hit", "Full Truck Alliance").click();
    page.waitForHits(corpus.mentioning("Full Truck Alliance", "Yunmanman", "Huochebang"));
    assertTrue(page.checkbox("company", "Full Truck Alliance").isSelected());
    assertEquals("true", find("#results .hit .chip.entity[aria-pressed=true]").getDomAttribute("aria-pressed"));
  }

  @Test
  void aBadQueryShowsTheServersMessageAndThePageKeepsWorking() {
    page.open("");
    find("#q").sendKeys("foo AND", Keys.ENTER);
    WebElement alert = page.waitFor("the error", d -> d.findElement(By.cssSelector("#results [role=alert]")));
    assertTrue(alert.getText().contains("Invalid query syntax"), alert.getText());
    assertTrue(alert.getText().contains("Cannot parse"), alert.getText());

    find("#q").clear();
    find("#q").sendKeys("zzzqqqx", Keys.ENTER);
    page.waitFor("no results", d -> d.findElement(By.cssSelector("#results .no-results")).isDisplayed());
    assertTrue(find("#status").getText().startsWith("0 articles"));

    find("#q").clear();
    find("#q").sendKeys("kanzhun", Keys.ENTER);
    // Plain words: the articles that name Kanzhun by any of its names.
    page.waitForHits(corpus.mentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin"));
  }

  @Test
  void markupInTitlesSourcesTextAndTheQueryIsShownAsText() {
    page.open("?q=markup");
    page.waitForHits(Set.of(MARKUP_ID));
    assertEquals(MARKUP_TITLE, find("#results .hit .hit-title").getText());
    assertEquals(MARKUP_SOURCE, find("#results .hit .source").getDomProperty("textContent"));
    assertTrue(page.facetCounts("source").containsKey(MARKUP_SOURCE), page.facetCounts("source").toString());
    assertNoInjectedElements("#results, #facets");

    find("#results .hit .hit-title a").click();
    page.waitFor("the article", d -> find("#article-title").getText().equals(MARKUP_TITLE));
    assertTrue(find(".reader-body").getText().contains(MARKUP_BODY_LINE), find(".reader-body").getText());
    assertNoInjectedElements("#article-view");

    page.open("");
    find("#q").sendKeys(MARKUP_TITLE, Keys.ENTER);
    page.waitFor("the query in the URL", d -> MARKUP_TITLE.equals(page.param("q")));
    assertEquals(MARKUP_TITLE, find("#q").getDomProperty("value"));
    assertNoInjectedElements("body");
  }

  void assertNoInjectedElements(String where) {
    for (String tag : List.of("img", "script", "b")) {
      assertEquals(
          0L,
          page.js(
              "return [...document.querySelectorAll(arguments[0])].reduce((n, e) => n + e.querySelectorAll(arguments[1]).length, 0)",
              where,
              tag),
          tag + " element in " + where);
    }
    assertEquals(Boolean.TRUE, page.js("return window.injected === undefined"));
    assertThrows(NoAlertPresentException.class, () -> page.browser.switchTo().alert());
  }

  @Test
  void facetsAndResultsWorkFromTheKeyboard() {
    page.open("");
    page.waitForHits(corpus.all());
    page.checkbox("company", "Kanzhun").sendKeys(Keys.SPACE);
    page.waitForHits(corpus.mentioning("Kanzhun", "Boss Zhipin", "Zhipin"));
    // The sidebar is drawn again with the new counts; the focus stays on the box just ticked.
    assertEquals("company:Kanzhun", page.js("return document.activeElement.dataset.focusKey"));
    assertTrue(page.checkbox("company", "Kanzhun").isSelected());

    find("#q").sendKeys(Keys.ARROW_DOWN);
    List<String> ids = page.hitIds();
    assertEquals(ids.get(0), page.js("return document.activeElement.closest('.hit').dataset.id"));
    page.browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
    assertEquals(ids.get(1), page.js("return document.activeElement.closest('.hit').dataset.id"));
    page.browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    page.waitFor("the article opened from the keyboard", d -> ids.get(1).equals(page.param("article")));
  }

  @Test
  void aMisspelledQueryOffersTheSpellingTheIndexKnows() {
    page.open("");
    find("#q").sendKeys("huochebnag", Keys.ENTER);
    WebElement offer = page.waitFor("did you mean", d -> d.findElement(By.id("did-you-mean")));
    assertTrue(offer.getText().startsWith("Did you mean huochebang"), offer.getText());
    offer.findElement(By.tagName("button")).click();
    page.waitForHits(corpus.mentioning("Full Truck Alliance", "Yunmanman", "Huochebang"));
    assertEquals("huochebang", page.param("q"));
    assertTrue(findAll("#did-you-mean").isEmpty());
  }

  @Test
  void autocompleteSelectsAValueAsAFilterFromTheKeyboard() {
    page.open("");
    find("#q").sendKeys("kan");
    WebElement first = page.waitFor("suggestions", d -> d.findElement(By.cssSelector("#suggestions li[role=option]")));
    assertEquals("true", find("#q").getDomAttribute("aria-expanded"));
    assertTrue(first.getText().startsWith("Kanzhun"), first.getText());
    assertTrue(first.getText().endsWith("Company"), first.getText());
    find("#q").sendKeys(Keys.ARROW_DOWN);
    assertEquals("suggestion-0", find("#q").getDomAttribute("aria-activedescendant"));
    find("#q").sendKeys(Keys.ENTER);
    page.waitForHits(corpus.mentioning("Kanzhun", "Kanzhun Ltd", "Boss Zhipin", "Zhipin"));
    assertEquals(List.of("Kanzhun"), page.params("company"));
    assertNull(page.param("q"));
    assertEquals("", find("#q").getDomProperty("value"));
    assertFalse(find("#suggestions").isDisplayed());
  }

  @Test
  void autocompleteOpensAnArticleByItsTitle() {
    page.open("");
    find("#q").sendKeys("boss zh");
    WebElement title =
        page.waitFor("a title suggestion", d -> d.findElement(By.cssSelector("#suggestions li[data-kind=title]")));
    assertEquals(List.of("Boss", "Zhipin"), title.findElements(By.tagName("mark")).stream().map(WebElement::getText).toList());
    title.click();
    page.waitFor("the article", d -> "newsbrief-2021-07-05-cac-probe-fta-boss-zhipin".equals(page.param("article")));
    page.waitFor("its title", d -> find("#article-title").getText().startsWith("Chinese regulators open"));
  }

  @Test
  void onAPhoneTheFiltersFoldAwayAndNothingOverflows() {
    Dimension before = page.browser.manage().window().getSize();
    page.browser.manage().window().setSize(new Dimension(390, 844));
    try {
      page.open("?q=didi");
      assertEquals(
          Boolean.TRUE, page.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
      assertFalse(find("#facets").isDisplayed());
      find("#filters-toggle").click();
      assertTrue(find("#facets").isDisplayed());
      assertEquals("true", find("#filters-toggle").getDomAttribute("aria-expanded"));
    } finally {
      page.browser.manage().window().setSize(before);
    }
  }

  @Test
  void everyFlatDimensionOfTheProfileIsASidebarFacetWithItsLabel() throws Exception {
    page.open("");
    List<newsroom.config.Dimension> flat =
        Catalog.load(TestIndexes.CONFIG, Catalog.DEFAULT_PROFILE).dimensions().stream().filter(f -> !f.hierarchical()).toList();
    assertEquals(
        flat.stream().map(newsroom.config.Dimension::label).toList(),
        page.js("return [...document.querySelectorAll('#facets legend')].map(l => l.textContent)"));
    assertEquals(
        flat.stream().map(newsroom.config.Dimension::name).toList(),
        page.js("return [...document.querySelectorAll('#facets fieldset')].map(f => f.dataset.facet)"));
    // The search tips name the same dimensions as query fields, after title and body.
    List<String> fields = new java.util.ArrayList<>(List.of("title", "body"));
    flat.forEach(d -> fields.add(d.name()));
    assertEquals(fields, page.js("return [...document.querySelectorAll('#field-names code')].map(c => c.textContent)"));
  }
}
