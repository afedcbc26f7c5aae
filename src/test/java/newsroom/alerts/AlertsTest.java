package newsroom.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchRequest;
import newsroom.config.AlertSettings;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts' own bookkeeping, with a matcher that matches by title words (the real one is tested with the
 * Lucene backend): feeds bounded to the latest matches, the log compacted and replayed, a torn last line cut off,
 * the saved searches kept across reopening.
 */
class AlertsTest {
  @TempDir Path dir;

  /** Matches an article whose title contains the search's q, ignoring case; refuses a q with a parenthesis. */
  static final class TitleMatcher implements SavedSearchMatcher {
    final Map<String, String> searches = new ConcurrentHashMap<>();

    @Override
    public void check(SearchRequest request) {
      if (request.query().contains("(")) {
        throw new InvalidRequestException("Invalid query syntax", "unbalanced parenthesis");
      }
    }

    @Override
    public void register(String id, SearchRequest request) {
      check(request);
      searches.put(id, request.query().toLowerCase(Locale.ROOT));
    }

    @Override
    public void unregister(String id) {
      searches.remove(id);
    }

    @Override
    public Map<String, List<String>> match(List<Article> articles) {
      Map<String, List<String>> found = new LinkedHashMap<>();
      for (Article a : articles) {
        List<String> ids = new ArrayList<>();
        searches.forEach((id, q) -> {
          if (a.title().toLowerCase(Locale.ROOT).contains(q)) {
            ids.add(id);
          }
        });
        if (!ids.isEmpty()) {
          found.put(a.id(), ids);
        }
      }
      return found;
    }
  }

  static final AlertSettings THREE = new AlertSettings(3, 10, 1000, 100, 400, 3, 2);

  static Article article(String id, String title) {
    return new Article(id, title, "Body of " + title, "Wire", null, null, Map.of());
  }

  static List<String> feedArticles(Alerts alerts, String id) {
    return alerts.feed(id).stream().map(AlertMatch::articleId).toList();
  }

  @Test
  void aFeedKeepsTheLatestMatchesAndTheLogIsCompactedToThem() throws Exception {
    String id;
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      id = alerts.create("Kanzhun", SearchRequest.of("kanzhun"), null).id();
      for (int i = 1; i <= 5; i++) {
        alerts.written(List.of(article("k-" + i, "Kanzhun story " + i), article("o-" + i, "Other story " + i)));
      }
      assertEquals(List.of("k-5", "k-4", "k-3"), feedArticles(alerts, id));
      assertEquals(5, Files.readAllLines(dir.resolve(Alerts.LOG_FILE)).size(), "one line per match until compacted");
    }
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      assertEquals(List.of("k-5", "k-4", "k-3"), feedArticles(alerts, id));
      assertEquals(3, Files.readAllLines(dir.resolve(Alerts.LOG_FILE)).size(), "compacted at start");
      // The same article written again is not a new match; a changed one is.
      alerts.written(List.of(article("k-5", "Kanzhun story 5")));
      assertEquals(List.of("k-5", "k-4", "k-3"), feedArticles(alerts, id));
      alerts.written(List.of(article("k-5", "Kanzhun story 5, updated")));
      assertEquals(List.of("k-5", "k-5", "k-4"), feedArticles(alerts, id));
    }
  }

  @Test
  void aTornLastLineIsCutOffAndTheLogGoesOn() throws Exception {
    String id;
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      id = alerts.create("Didi", SearchRequest.of("didi"), null).id();
      alerts.written(List.of(article("d-1", "Didi one"), article("d-2", "Didi two")));
    }
    // A kill in the middle of an append leaves half a line (never acknowledged).
    Files.writeString(dir.resolve(Alerts.LOG_FILE), "{\"type\":\"match\",\"match\":{\"deliv", StandardOpenOption.APPEND);
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      assertEquals(List.of("d-2", "d-1"), feedArticles(alerts, id));
      alerts.written(List.of(article("d-3", "Didi three")));
    }
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      assertEquals(List.of("d-3", "d-2", "d-1"), feedArticles(alerts, id));
    }
    String log = Files.readString(dir.resolve(Alerts.LOG_FILE), StandardCharsets.UTF_8);
    assertFalse(log.contains("\"deliv\n"), log);
  }

  @Test
  void savedSearchesAreKeptRefusedAsTheMatcherRefusesAndDeleted() throws Exception {
    String kept;
    try (Alerts alerts = Alerts.open(dir, THREE, new TitleMatcher())) {
      kept = alerts.create("One", SearchRequest.of("one").withFilter("company", "Kanzhun"), "https://example.org/hook").id();
      String gone = alerts.create("Two", SearchRequest.of("two"), null).id();
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> alerts.create("Bad", SearchRequest.of("a AND ("), null));
      assertEquals("Invalid query syntax", e.getMessage());
      assertThrows(InvalidRequestException.class, () -> alerts.create("Hook", SearchRequest.of("x"), "file:///etc/passwd"));
      assertThrows(InvalidRequestException.class, () -> alerts.create(" ", SearchRequest.of("x"), null));
      assertEquals(true, alerts.delete(gone));
      assertEquals(false, alerts.delete(gone));
    }
    assertFalse(Files.exists(dir.resolve(Alerts.SEARCHES_FILE + ".tmp")));
    TitleMatcher matcher = new TitleMatcher();
    try (Alerts alerts = Alerts.open(dir, THREE, matcher)) {
      assertEquals(List.of(kept), alerts.list().stream().map(SavedSearch::id).toList());
      SavedSearch one = alerts.get(kept).orElseThrow();
      assertEquals(Map.of("company", List.of("Kanzhun")), one.filters());
      assertEquals("https://example.org/hook", one.webhook());
      assertEquals(Map.of(kept, "one"), matcher.searches, "registered with the matcher at start");
    }
  }
}
