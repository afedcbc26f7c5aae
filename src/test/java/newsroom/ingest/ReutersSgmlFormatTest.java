package newsroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.ReutersCollection;
import newsroom.ReutersCollection.Story;
import newsroom.model.Article;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Reuters-21578 reader over the real collection, compared story by story with the raw SGML. */
class ReutersSgmlFormatTest {
  static final Map<String, String> LISTS =
      Map.of("TOPICS", "topic", "PLACES", "place", "PEOPLE", "people", "ORGS", "org", "EXCHANGES", "exchange");
  static final List<Article> articles = new ArrayList<>();
  static final List<IngestProblem> problems = new ArrayList<>();

  @BeforeAll
  static void readTheCollection() {
    Corpus.at(ReutersCollection.DIR, Corpus.defaultFormats()).read(articles::add, problems::add, (f, b) -> {});
  }

  @Test
  void everyStoryIsReadOnceInFileOrderWithItsNewId() {
    assertEquals(List.of(), problems);
    assertEquals(21_578, ReutersCollection.stories().size(), "the collection as documented");
    assertEquals(
        ReutersCollection.stories().stream().map(Story::newId).toList(),
        articles.stream().map(Article::id).toList());
  }

  @Test
  void titleBylineDatelineAndBodyHoldTheWordsOfTheSgml() {
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      String text = (a.title() == null ? "" : a.title()) + " " + a.body();
      // Compared as booleans: a failure names the story rather than printing two whole texts.
      boolean same = ReutersCollection.stories().get(i).words().equals(ReutersCollection.words(text));
      assertTrue(same, "the words of story " + a.id() + " differ from its SGML");
    }
  }

  @Test
  void characterReferencesAreDecodedAndWireControlsDropped() {
    long lt = 0;
    long amp = 0;
    for (Story s : ReutersCollection.stories()) {
      lt += occurrences(s.text(), "&lt;");
      amp += occurrences(s.text(), "&amp;");
    }
    long less = 0;
    long ampersands = 0;
    Pattern markupLeft = Pattern.compile("&#\\d+;|&lt;|&amp;|[\\x00-\\x08\\x0B-\\x1F\\x7F]");
    for (Article a : articles) {
      String text = (a.title() == null ? "" : a.title()) + "\n" + a.body();
      assertFalse(markupLeft.matcher(text).find(), a.id() + ": " + text);
      less += occurrences(text, "<");
      ampersands += occurrences(text, "&");
    }
    assertTrue(lt > 0 && amp > 0);
    assertEquals(lt, less);
    assertEquals(amp, ampersands);
  }

  @Test
  void labelListsBecomeLabelsKeyedByDimension() {
    for (int i = 0; i < articles.size(); i++) {
      Story raw = ReutersCollection.stories().get(i);
      Map<String, List<String>> labels = articles.get(i).labels();
      for (Map.Entry<String, String> list : LISTS.entrySet()) {
        assertEquals(
            raw.list(list.getKey()),
            new TreeSet<>(labels.getOrDefault(list.getValue(), List.of())),
            raw.newId() + " " + list.getKey());
      }
    }
  }

  @Test
  void datesAreKeptToTheSecondInUtc() {
    DateTimeFormatter wire = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    Pattern rawDate = Pattern.compile("(\\d{1,2}-[A-Z]{3}-\\d{4})\\s+(\\d{2}:\\d{2}:\\d{2})");
    List<String> timeUnreadable = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      Story raw = ReutersCollection.stories().get(i);
      Instant published = articles.get(i).published();
      Matcher m = rawDate.matcher(raw.element("DATE"));
      if (m.find()) {
        assertEquals(m.group(1) + " " + m.group(2), wire.format(published).toUpperCase(Locale.ROOT), raw.newId());
      } else {
        timeUnreadable.add(raw.newId());
        String day = raw.element("DATE").strip().split("\\s+")[0];
        assertEquals(day + " 00:00:00", wire.format(published).toUpperCase(Locale.ROOT), raw.newId());
      }
    }
    assertEquals(1, timeUnreadable.size(), "one story's time is '605:12:19'; it keeps its day: " + timeUnreadable);
    assertEquals(Instant.parse("1987-02-26T15:01:01Z"), ReutersSgmlFormat.parseDate("26-FEB-1987 15:01:01.79"));
  }

  @Test
  void briefsKeepTheirTitleUnprocessedStoriesTheirText() {
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < articles.size(); i++) {
      Story raw = ReutersCollection.stories().get(i);
      Article a = articles.get(i);
      if (raw.sgml().contains("<TEXT TYPE=\"BRIEF\">")) {
        seen.add("BRIEF");
        assertEquals(ReutersCollection.sgmlWords(raw.element("TITLE")), ReutersCollection.words(a.title()), a.id());
        assertEquals("", a.body(), a.id() + ": the 'Blah blah blah.' filler is not indexed");
      } else if (raw.sgml().contains("<TEXT TYPE=\"UNPROC\">")) {
        seen.add("UNPROC");
        assertNull(a.title(), a.id());
      } else {
        assertTrue(a.body().startsWith(firstWordOf(raw.has("AUTHOR") ? raw.element("AUTHOR") : raw.element("DATELINE"))));
      }
    }
    assertEquals(Set.of("BRIEF", "UNPROC"), seen);
  }

  @Test
  void brokenStoriesAreReportedWithTheirLineAndTheRestRead(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("broken.sgm"),
        String.join(
            "\n",
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">",
            "<REUTERS NEWID=\"1\">",
            "<DATE>26-FEB-1987 15:01:01.79</DATE>",
            "<TEXT><TITLE>GOOD &amp; READ</TITLE><BODY>Body &lt;one>.</BODY></TEXT>",
            "</REUTERS>",
            "<REUTERS OLDID=\"9\">",
            "<DATE>26-FEB-1987 15:01:01.79</DATE>",
            "</REUTERS>",
            "<REUTERS NEWID=\"3\">",
            "<DATE>yesterday</DATE>",
            "</REUTERS>",
            "<REUTERS NEWID=\"4\">",
            "<DATE>27-FEB-1987 09:00:00.00</DATE>",
            "<REUTERS NEWID=\"5\">",
            "<DATE> 2-MAR-1987  10:00:00.00</DATE>",
            "<TEXT TYPE=\"UNPROC\">&#2;RAW TABLE",
            "    a 1",
            "&#3;</TEXT>",
            "</REUTERS>",
            "<REUTERS NEWID=\"6\">"));
    List<Article> read = new ArrayList<>();
    List<IngestProblem> found = new ArrayList<>();
    Corpus.at(dir, Corpus.defaultFormats()).read(read::add, found::add, (f, b) -> {});

    assertEquals(List.of("1", "5"), read.stream().map(Article::id).toList());
    assertEquals("GOOD & READ", read.get(0).title());
    assertEquals("Body <one>.", read.get(0).body());
    assertEquals("RAW TABLE\na 1", read.get(1).body());
    assertEquals(Instant.parse("1987-03-02T10:00:00Z"), read.get(1).published());
    assertEquals(List.of(6L, 9L, 12L, 20L), found.stream().map(IngestProblem::line).toList());
    assertTrue(found.get(0).reason().contains("NEWID"), found.get(0).reason());
    assertTrue(found.get(1).reason().contains("DATE"), found.get(1).reason());
    assertTrue(found.get(2).reason().contains("not closed"), found.get(2).reason());
  }

  private static String firstWordOf(String sgml) {
    return sgml.strip().split("\\s+")[0];
  }

  private static long occurrences(String text, String what) {
    long n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      n++;
    }
    return n;
  }
}
