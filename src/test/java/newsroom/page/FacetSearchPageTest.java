package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Value search inside a long facet, in the page: the first 300 Reuters-21578 stories (the repository's sample,
 * reuters profile), whose place facet has far more values than the sidebar lists. Counts are those of the sample's
 * regression spec, taken from the raw SGML.
 */
class FacetSearchPageTest {
  static final Path SAMPLE = Path.of("src/test/resources/regressions/reuters-sample");
  @TempDir static Path tmp;
  static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(SAMPLE, "reuters", tmp, 1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  WebElement findBox(String dimension) {
    return page.browser.findElement(By.cssSelector("fieldset[data-facet='" + dimension + "'] input.facet-find"));
  }

  @Test
  void typingInAFacetsSearchBoxListsTheValuesStartingSoAndTickingOneFilters() {
    page.open("");
    Map<String, Long> listed = page.facetCounts("place");
    assertTrue(listed.size() < 20, "the sidebar lists a few places first: " + listed);
    findBox("place").sendKeys("can");
    page.waitFor("only canada", d -> page.facetCounts("place").equals(Map.of("canada", 19L)));

    // A value a word of which starts so is found too: "germ" finds west-germany.
    findBox("place").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "germ");
    page.waitFor("west-germany", d -> page.facetCounts("place").containsKey("west-germany"));
    assertTrue(page.facetCounts("place").keySet().stream().allMatch(v -> v.matches("(.*-)?germ.*")), page.facetCounts("place").toString());

    findBox("place").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "canad");
    page.waitFor("only canada", d -> page.facetCounts("place").equals(Map.of("canada", 19L)));
    page.checkbox("place", "canada").click();
    page.waitFor("the place filter", d -> page.params("place").equals(List.of("canada")));
    page.waitFor("19 articles", d -> d.findElement(By.id("status")).getText().startsWith("19 articles"));
    // The search box keeps what was typed, and the value stays ticked in its list.
    assertEquals("canad", findBox("place").getDomProperty("value"));
    assertTrue(page.checkbox("place", "canada").isSelected());
  }
}
