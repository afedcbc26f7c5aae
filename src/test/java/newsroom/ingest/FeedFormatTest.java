package newsroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import newsroom.model.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSS 2.0 and Atom feeds: the two small feeds under src/test/resources/feeds, and hostile or odd ones. */
public class FeedFormatTest {
  public static final Path FEEDS = Path.of("src/test/resources/feeds");
  @TempDir Path dir;

  static Map<String, Article> read(Path corpus, List<IngestProblem> problems) {
    List<Article> articles = new ArrayList<>();
    Corpus.at(corpus, Corpus.defaultFormats()).read(articles::add, problems::add, (f, b) -> {});
    return articles.stream().collect(Collectors.toMap(Article::id, Function.identity()));
  }

  static Map<String, Article> readWithoutProblems(Path feed) {
    List<IngestProblem> problems = new ArrayList<>();
    Map<String, Article> articles = read(feed, problems);
    assertEquals(List.of(), problems);
    return articles;
  }

  /** An article of the test feeds, as the reader should give it: feeds bring no labels. */
  static Article expected(String id, String title, String body, String source, String url, String published) {
    return new Article(id, title, body, source, url, Instant.parse(published), Map.of());
  }

  @Test
  void rssItemsKeepTitleLinkDateSourceAndTextWithoutMarkup() {
    String wire = "https://wire.example.org/2021/";
    assertEquals(
        Map.of(
            // HTML in the description is text; the source is the channel's title, not its image's.
            "wire-2021-0702-didi",
            expected(
                "wire-2021-0702-didi",
                "Regulator opens review of Didi",
                "The Cyberspace Administration of China said it had opened a review of the ride-hailing company.\n"
                    + "Shares fell 5% & trading was heavy \u2014 analysts said.",
                "Newsroom Test Wire",
                wire + "07/02/didi-review",
                "2021-07-02T21:30:00Z"),
            // content:encoded wins over the description; scripts are no text; "+0800" is an offset.
            wire + "07/04/apps-pulled",
            expected(
                wire + "07/04/apps-pulled",
                "Apps pulled from stores, ministry says",
                "Regulators ordered app stores to remove the Didi app.\nExisting users were not affected.",
                "Newsroom Test Wire",
                wire + "07/04/apps-pulled",
                "2021-07-04T15:15:00Z"),
            // No guid: the link is the id; the item's own source wins; a title alone is kept; EST is UTC-5.
            wire + "08/01/markets",
            expected(
                wire + "08/01/markets",
                "Brief: markets close lower",
                "",
                "Markets Desk",
                wire + "08/01/markets",
                "2021-08-01T21:00:00Z")),
        readWithoutProblems(FEEDS.resolve("newsroom.rss")));
  }

  @Test
  void atomEntriesReadTextHtmlAndXhtmlContent() {
    String kanzhun = "tag:atom.example.org,2022:kanzhun-resumes";
    String fta = "tag:atom.example.org,2022:fta";
    assertEquals(
        Map.of(
            // XHTML content wins over the summary; the alternate link, not the enclosure; published, not updated.
            kanzhun,
            expected(
                kanzhun,
                "Kanzhun resumes new user registrations",
                "The owner of Boss Zhipin said registrations resumed after the review.\nIts shares rose.",
                "Newsroom Test Atom",
                "https://atom.example.org/kanzhun-resumes",
                "2022-06-29T01:30:00Z"),
            // An HTML title; a plain-text summary; updated when nothing says published; the entry's own source.
            fta,
            expected(
                fta,
                "Full Truck Alliance & the review",
                "Full Truck Alliance said the review of Yunmanman and Huochebang had ended.",
                "Partner Wire",
                "https://atom.example.org/fta",
                "2022-06-29T08:00:00Z")),
        readWithoutProblems(FEEDS.resolve("newsroom.atom")));
  }

  @Test
  void xmlFilesAreFeedsWhenTheirRootSaysSo() throws Exception {
    Files.copy(FEEDS.resolve("newsroom.atom"), dir.resolve("saved-feed.xml"));
    Files.writeString(dir.resolve("sitemap.xml"), "<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>");
    Files.writeString(dir.resolve("cut.xml"), "<?xml version=\"1.0\"?><rss><channel><item><title>cut");
    Corpus corpus = Corpus.at(dir, Corpus.defaultFormats());
    assertEquals(
        List.of("cut.xml", "saved-feed.xml"),
        corpus.files().stream().map(p -> p.getFileName().toString()).toList(),
        "a broken .xml is claimed so that its error is reported; another kind of XML is not part of the corpus");
    List<IngestProblem> problems = new ArrayList<>();
    assertEquals(2, read(dir, problems).size());
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).where().endsWith("cut.xml"), problems.toString());
  }

  @Test
  void externalEntitiesAreNeverRead() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    Files.writeString(
        dir.resolve("hostile.rss"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
            + "<rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>Leak &xxe;</title><description>text &xxe;</description></item></channel></rss>");
    List<IngestProblem> problems = new ArrayList<>();
    Map<String, Article> read = read(dir.resolve("hostile.rss"), problems);
    for (Article a : read.values()) {
      assertFalse((a.title() + a.body()).contains("TOP-SECRET"), a.toString());
    }
    assertEquals(1, read.size() + problems.size(), "the item is read without the entity, or the file refused");
  }

  @Test
  void itemsWithoutTextOrWithBadDatesAreReported() throws Exception {
    Files.writeString(
        dir.resolve("odd.rss"),
        "<rss version=\"2.0\"><channel><title>Odd</title>"
            + "<item><guid>a</guid><description>Only text, no title</description></item>"
            + "<item><guid>b</guid></item>"
            + "<item><guid>c</guid><title>C</title><pubDate>the day after tomorrow</pubDate></item>"
            + "<item><guid>d</guid><title>D</title><pubDate>Tue, 6 Jul 21 08:05 +0530</pubDate></item>"
            + "</channel></rss>");
    List<IngestProblem> problems = new ArrayList<>();
    Map<String, Article> read = read(dir, problems);
    assertFalse(read.containsKey("b"));
    assertNull(read.get("a").title());
    assertEquals("Only text, no title", read.get("a").body());
    assertEquals(Instant.parse("2021-07-06T02:35:00Z"), read.get("d").published());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).reason().contains("without title or text"));
    assertTrue(problems.get(1).reason().contains("bad date"));
  }
}
