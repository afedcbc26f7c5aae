package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Stories in the page, on the fixture of known copies (src/test/resources/stories): "One per story" collapses the
 * copies, counts stories in the facets, says where a story ran, shows its copies on demand and links to all of them.
 */
class StoriesPageTest {
  @TempDir static Path tmp;
  static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(Path.of("src/test/resources/stories"), "news", tmp, 1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void oneHitPerStorySaysWhereItRanAndListsItsCopiesOnDemand() {
    page.open("");
    page.waitFor("8 articles", d -> d.findElement(By.id("status")).getText().startsWith("8 articles"));
    page.browser.findElement(By.id("collapse")).click();
    page.waitFor("4 stories", d -> d.findElement(By.id("status")).getText().startsWith("4 stories (8 articles)"));
    assertEquals(List.of("story"), page.params("collapse"));
    assertEquals(4, page.hitIds().size());
    // Each story counts once, under the source of its first run.
    page.waitFor("story counts", d -> page.facetCounts("source").equals(Map.of("Reuters", 3L, "Guardian", 1L)));

    WebElement bank = page.browser.findElements(By.cssSelector("#results .hit")).stream()
        .filter(h -> h.getText().contains("Ran in 4 outlets")).findFirst().orElseThrow();
    WebElement list = bank.findElement(By.cssSelector("ol.copies"));
    assertTrue(!list.isDisplayed());
    WebElement toggle = bank.findElement(By.cssSelector("button.show-copies"));
    assertEquals("Show 4 copies", toggle.getText());
    toggle.click();
    page.waitFor("the copies", d -> list.isDisplayed());
    assertEquals("true", toggle.getDomAttribute("aria-expanded"));
    List<String> sources = list.findElements(By.cssSelector("li .source")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("GUARDIAN", "REUTERS", "AP", "BBC"), sources);

    bank.findElement(By.linkText("All copies")).click();
    page.waitFor("the story's copies", d -> page.params("story").equals(List.of("guardian-early")));
    page.waitFor("4 articles", d -> d.findElement(By.id("status")).getText().startsWith("4 articles"));
    assertEquals(Set.of("guardian-early", "wire-1", "ap-copy", "bbc-edit"), new TreeSet<>(page.hitIds()));
    assertTrue(!page.browser.findElement(By.id("collapse")).isSelected());
  }
}
