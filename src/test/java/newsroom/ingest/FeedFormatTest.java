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
import newsroom.index.Article;
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

  @Test
  void rssItemsKeepTitleLinkDateSourceAndTextWithoutMarkup() {
    List<IngestProblem> problems = new ArrayList<>();
    Map<String, Article> items = read(FEEDS.resolve("newsroom.rss"), problems);
    assertEquals(List.of(), problems);
    assertEquals(3, items.size());

    Article didi = items.get("wire-2021-0702-didi");
    assertEquals("Regulator opens review of Didi", didi.title());
    assertEquals("https://wire.example.org/2021/07/02/didi-review", didi.url());
    assertEquals(Instant.parse("2021-07-02T21:30:00Z"), didi.published());
    assertEquals("Newsroom Test Wire", didi.source(), "the channel's title, not its image's");
    assertEquals(
        "The Cyberspace Administration of China said it had opened a review of the ride-hailing company.\n"
            + "Shares fell 5% & trading was heavy \u2014 analysts said.",
        didi.body());

    // content:encoded wins over the description; scripts are no text; "+0800" is an offset.
    Article apps = items.get("https://wire.example.org/2021/07/04/apps-pulled");
    assertEquals("Regulators ordered app stores to remove the Didi app.\nExisting users were not affected.", apps.body());
    assertEquals(Instant.parse("2021-07-04T15:15:00Z"), apps.published());

    // No guid: the link is the id; the item's own source wins; a title alone is kept, with an empty body.
    Article brief = items.get("https://wire.example.org/2021/08/01/markets");
    assertEquals("Markets Desk", brief.source());
    assertEquals(Instant.parse("2021-08-01T21:00:00Z"), brief.published(), "EST is five hours behind");
    assertEquals("", brief.body());
  }

  @Test
  void atomEntriesReadTextHtmlAndXhtmlContent() {
    List<IngestProblem> problems = new ArrayList<>();
    Map<String, Article> entries = read(FEEDS.resolve("newsroom.atom"), problems);
    assertEquals(List.of(), problems);
    assertEquals(2, entries.size());

    Article kanzhun = entries.get("tag:atom.example.org,2022:kanzhun-resumes");
    assertEquals("Kanzhun resumes new user registrations", kanzhun.title());
    assertEquals("https://atom.example.org/kanzhun-resumes", kanzhun.url(), "the alternate link, not the enclosure");
    assertEquals(Instant.parse("2022-06-29T01:30:00Z"), kanzhun.published(), "published, not updated");
    assertEquals("Newsroom Test Atom", kanzhun.source());
    assertEquals(
        "The owner of Boss Zhipin said registrations resumed after the review.\nIts shares rose.", kanzhun.body());

    Article fta = entries.get("tag:atom.example.org,2022:fta");
    assertEquals("Full Truck Alliance & the review", fta.title());
    assertEquals("https://atom.example.org/fta", fta.url());
    assertEquals(Instant.parse("2022-06-29T08:00:00Z"), fta.published(), "updated, when nothing says published");
    assertEquals("Partner Wire", fta.source());
    assertEquals("Full Truck Alliance said the review of Yunmanman and Huochebang had ended.", fta.body());
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
