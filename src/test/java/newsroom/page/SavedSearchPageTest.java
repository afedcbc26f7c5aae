package newsroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsroom.AtomDocument;
import newsroom.TestIndexes;
import newsroom.config.Json;
import newsroom.http.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * "Save this search" in a real headless Chromium: a wrong token is refused in the page, the right one saves the
 * search on screen with its filter, the page links its Atom feed, and an article written afterwards that matches
 * appears in that feed.
 */
class SavedSearchPageTest {
  static final String TOKEN = "page-token-0123456789";

  @TempDir static Path tmp;
  static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.startWritable(TestIndexes.SEED_CORPUS, tmp, 1280, 900, TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void savesTheSearchOnScreenAndLinksItsFeed() throws Exception {
    page.open("?q=regulator&company=Kanzhun");
    page.browser.findElement(By.id("save-open")).click();
    assertEquals("regulator", page.browser.findElement(By.id("save-name")).getDomProperty("value"), "named after q");
    page.browser.findElement(By.id("save-name")).clear();
    page.browser.findElement(By.id("save-name")).sendKeys("Kanzhun and its regulator");

    page.browser.findElement(By.id("save-token")).sendKeys("wrong-token-0123456789");
    page.browser.findElement(By.cssSelector("#save-form button[type=submit]")).click();
    page.waitFor("the refusal", d -> d.findElement(By.id("save-status")).getText().startsWith("Unauthorized"));

    page.browser.findElement(By.id("save-token")).clear();
    page.browser.findElement(By.id("save-token")).sendKeys(TOKEN);
    page.browser.findElement(By.cssSelector("#save-form button[type=submit]")).click();
    String feed = page.waitFor("the feed link", d -> d.findElements(By.id("saved-feed")).isEmpty() ? null
        : d.findElement(By.id("saved-feed")).getDomAttribute("href"));
    page.waitFor("the list", d -> d.findElements(By.cssSelector("#saved-list li a.feed")).size() == 1);
    assertEquals(feed, page.browser.findElement(By.cssSelector("#saved-list li a.feed")).getDomAttribute("href"));

    HttpTestClient client = new HttpTestClient(page.port());
    var saved = client.get("/api/saved-searches").json().get("saved_searches").get(0);
    assertEquals("Kanzhun and its regulator", saved.get("name").asText());
    assertEquals("regulator", saved.get("q").asText());
    assertEquals(List.of("Kanzhun"), List.of(saved.get("filters").get("company").get(0).asText()));

    for (String[] a : List.of(
        new String[] {"p-1", "The regulator summons Kanzhun"}, new String[] {"p-2", "The regulator summons Didi"})) {
      var r = client.send("POST", "/api/articles", "application/json",
          Json.write(Map.of("id", a[0], "title", a[1], "body", a[1] + ".")), TOKEN);
      assertEquals(200, r.status(), r.body());
    }
    AtomDocument atom = AtomDocument.parse(client.get(feed).body());
    assertEquals("Kanzhun and its regulator", atom.title());
    assertEquals(1, atom.entries().size(), "only the article about Kanzhun matches the company filter");
    assertEquals("The regulator summons Kanzhun", atom.entries().get(0).title());
    assertTrue(atom.entries().get(0).link().endsWith("/api/articles/p-1"));
  }
}
