package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import newsroom.ReutersCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * Takes the README's picture of the compare view: crude, grain and money-fx coverage in Reuters-21578, as shares
 * of each week's stories. Not part of the test suite (its name is not a test's); run it with
 * {@code mvn -B test -Dtest=CompareScreenshot}, which writes {@code docs/compare.png} (or the file named by
 * {@code -Dnewsroom.screenshot=...}).
 */
class CompareScreenshot {
  static String series(String spec) {
    return "&series=" + URLEncoder.encode(spec, StandardCharsets.UTF_8);
  }

  static final String STATE = "?view=compare&interval=week&norm=1"
      + series("name=Crude oil&topic=crude") + series("name=Grain&topic=grain") + series("name=Money / FX&topic=money-fx");

  @TempDir Path tmp;

  @Test
  void compareViewOfThreeTopics() throws Exception {
    Path target = Path.of(System.getProperty("newsroom.screenshot", "docs/compare.png"));
    try (PageSession page = PageSession.start(ReutersCollection.DIR, "reuters", tmp, 1280, 1060)) {
      page.open(STATE);
      page.waitFor("the chart", d -> "false".equals(d.findElement(By.id("compare-chart")).getDomAttribute("aria-busy"))
          && !d.findElements(By.cssSelector("#compare-chart svg")).isEmpty());
      assertEquals(3, page.browser.findElements(By.cssSelector("#compare-legend li")).size());
      Files.write(target, page.browser.getScreenshotAs(OutputType.BYTES));
    }
  }
}
