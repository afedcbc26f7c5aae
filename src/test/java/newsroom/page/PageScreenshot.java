package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import newsroom.TestIndexes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;

/**
 * Takes the README's picture of the page (a query and a facet selected, over the seed corpus). Not part of the
 * test suite (its name is not a test's); run it with {@code mvn -B test -Dtest=PageScreenshot}, which writes
 * {@code docs/screenshot.png} (or the file named by {@code -Dnewsroom.screenshot=...}).
 */
class PageScreenshot {
  static final String STATE = "?q=%22cybersecurity+review%22+OR+probe&company=Full+Truck+Alliance";

  @TempDir Path tmp;

  @Test
  void pageWithAQueryAndAFacetSelected() throws Exception {
    Path target = Path.of(System.getProperty("newsroom.screenshot", "docs/screenshot.png"));
    try (PageSession page = PageSession.start(TestIndexes.SEED_CORPUS, tmp, 1280, 1120)) {
      page.open(STATE);
      page.open(STATE); // again, warm: the "took" figure in the picture is then a typical one
      assertFalse(page.hitIds().isEmpty(), "the screenshot should show results");
      Files.write(target, page.browser.getScreenshotAs(OutputType.BYTES));
    }
  }
}
