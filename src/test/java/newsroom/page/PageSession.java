package newsroom.page;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import newsroom.TestIndexes;
import newsroom.http.ApiServer;
import newsroom.lucene.LuceneBackend;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The server on a random port over an index of a corpus, and a headless Chromium looking at its page. */
final class PageSession implements AutoCloseable {
  /** How long the page may take to answer an action; generous, as the machine may be busy. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  final ChromeDriver browser;
  private final LuceneBackend index;
  private final Javalin app;

  private final newsroom.alerts.Alerts alerts; // null: a read-only server

  private PageSession(ChromeDriver browser, LuceneBackend index, Javalin app) {
    this(browser, index, app, null);
  }

  private PageSession(ChromeDriver browser, LuceneBackend index, Javalin app, newsroom.alerts.Alerts alerts) {
    this.browser = browser;
    this.index = index;
    this.app = app;
    this.alerts = alerts;
  }

  /** The seed corpus served with live writes and saved searches, guarded by {@code token}. */
  static PageSession startWritable(Path corpus, Path work, int width, int height, String token) throws IOException {
    ChromeDriver browser = Chromium.start(work.resolve("chromium-profile"), width, height);
    try {
      TestIndexes.build(corpus, work.resolve("index"));
      LuceneBackend index = TestIndexes.open(work.resolve("index"), true);
      newsroom.alerts.Alerts alerts =
          newsroom.alerts.Alerts.open(
              work.resolve("index/saved-searches"), newsroom.config.AlertSettings.defaults(), index.savedSearches());
      ApiServer.Options options =
          new ApiServer.Options(
                  new newsroom.pipeline.LiveIngestion(index, TestIndexes.CONFIG, alerts),
                  newsroom.http.WriteAccess.withToken(token),
                  1 << 20)
              .withAlerts(alerts);
      return new PageSession(browser, index, ApiServer.create(index, TestIndexes.settings(), options).start(0), alerts);
    } catch (IOException | RuntimeException e) {
      browser.quit();
      throw e;
    }
  }

  int port() {
    return app.port();
  }

  /** Starts the browser first: without Chromium the tests are skipped before any indexing is done. */
  static PageSession start(Path corpus, Path work, int width, int height) throws IOException {
    return start(corpus, newsroom.config.Catalog.DEFAULT_PROFILE, work, width, height);
  }

  /** The same over a corpus indexed with another profile (Reuters-21578 with "reuters", say). */
  static PageSession start(Path corpus, String profile, Path work, int width, int height) throws IOException {
    ChromeDriver browser = Chromium.start(work.resolve("chromium-profile"), width, height);
    try {
      TestIndexes.build(corpus, work.resolve("index"), profile);
      LuceneBackend index = TestIndexes.open(work.resolve("index"), false);
      return new PageSession(browser, index, ApiServer.create(index, TestIndexes.settings()).start(0));
    } catch (IOException | RuntimeException e) {
      browser.quit();
      throw e;
    }
  }

  /** Loads the page at this query string (e.g. "?q=didi") and waits until it has drawn its answer. */
  void open(String query) {
    browser.get("http://localhost:" + app.port() + "/" + query);
    waitUntilSettled();
  }

  /** Waits until the result list and the timeline are not loading. */
  void waitUntilSettled() {
    waitFor("the page to finish loading", d -> true);
  }

  /**
   * Waits until the condition holds (a non-null, non-false value) on a page that has finished loading. A change
   * of state marks the page as loading in the same step as it changes the URL, so a condition on the URL is met
   * only once the page shows that state.
   */
  <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, PATIENCE)
        .withMessage(() -> what + "; page at " + browser.getCurrentUrl())
        .until(
            d -> {
              T value = condition.apply(d);
              return value == null || Boolean.FALSE.equals(value) || !settled() ? null : value;
            });
  }

  private boolean settled() {
    return "false".equals(attribute("results", "aria-busy")) && "false".equals(attribute("timeline-bars", "aria-busy"));
  }

  private String attribute(String id, String name) {
    return browser.findElement(By.id(id)).getDomAttribute(name);
  }

  /** Waits until the result list shows exactly these articles (in any order). */
  void waitForHits(Set<String> expected) {
    new WebDriverWait(browser, PATIENCE)
        .withMessage(() -> "results should be " + expected + " but are " + hitIds() + " at " + browser.getCurrentUrl())
        .until(d -> new TreeSet<>(hitIds()).equals(expected) && settled());
  }

  @SuppressWarnings("unchecked")
  List<String> hitIds() {
    return (List<String>) js("return [...document.querySelectorAll('#results .hit')].map(h => h.dataset.id)");
  }

  /** Value -> count as the sidebar shows them for one facet dimension. */
  @SuppressWarnings("unchecked")
  Map<String, Long> facetCounts(String dimension) {
    List<List<String>> rows =
        (List<List<String>>)
            js(
                "return [...document.querySelectorAll(`fieldset[data-facet='${arguments[0]}'] li`)]"
                    + ".map(li => [li.querySelector('.facet-name').textContent, li.querySelector('.facet-count').textContent])",
                dimension);
    Map<String, Long> counts = new LinkedHashMap<>();
    rows.forEach(r -> counts.put(r.get(0), Long.parseLong(r.get(1).replace(",", ""))));
    return counts;
  }

  WebElement checkbox(String dimension, String value) {
    return (WebElement)
        js(
            "return [...document.querySelectorAll(`fieldset[data-facet='${arguments[0]}'] input`)]"
                + ".find(i => i.value === arguments[1])",
            dimension,
            value);
  }

  WebElement bar(String date) {
    return browser.findElement(By.cssSelector("#timeline-bars .bar[data-date='" + date + "']"));
  }

  /** The values of one parameter of the page's URL, decoded. */
  List<String> params(String name) {
    List<String> values = new ArrayList<>();
    String query = URI.create(browser.getCurrentUrl()).getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
          values.add(kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
      }
    }
    return values;
  }

  String param(String name) {
    List<String> values = params(name);
    return values.isEmpty() ? null : values.get(0);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  @Override
  public void close() throws IOException {
    try {
      browser.quit();
    } finally {
      app.stop();
      if (alerts != null) {
        alerts.close();
      }
      index.close();
    }
  }
}
