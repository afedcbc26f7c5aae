package newsroom.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.model.Article;

/**
 * Reuters-21578 ({@code .sgm}): 1987 newswire stories, each a {@code <REUTERS NEWID="n">} element with a
 * {@code <DATE>}, label lists ({@code <TOPICS><D>earn</D></TOPICS>}) and a {@code <TEXT>} of title, dateline
 * and body. The files are SGML, not well-formed XML, so each story is cut out line by line (the file is streamed,
 * one story in memory at a time) and its parts are found by their tags. The body is indexed as the wire ran it:
 * byline, dateline, then the text.
 *
 * <p>Labels are keyed by the dimension names a profile declares: topic, place, people, org, exchange. A story
 * without a body (TYPE="BRIEF") is kept with its title and an empty body; one with neither title nor body
 * (TYPE="UNPROC") is kept with its raw text as the body and no title. The indexer counts both.
 */
public final class ReutersSgmlFormat implements CorpusFormat {
  public static final String SOURCE = "Reuters";

  /** An SGML label list and the facet dimension its values go to. */
  private record LabelList(Pattern element, String dimension) {
    LabelList(String element, String dimension) {
      this(ReutersSgmlFormat.element(element), dimension);
    }
  }

  // COMPANIES is left out: it is empty throughout the collection.
  private static final List<LabelList> LABEL_LISTS =
      List.of(
          new LabelList("TOPICS", "topic"),
          new LabelList("PLACES", "place"),
          new LabelList("PEOPLE", "people"),
          new LabelList("ORGS", "org"),
          new LabelList("EXCHANGES", "exchange"));

  @Override
  public List<String> labelLists() {
    return LABEL_LISTS.stream().map(LabelList::dimension).toList();
  }

  private static final Pattern NEWID = Pattern.compile("<REUTERS\\b[^>]*\\bNEWID=\"(\\d+)\"");
  private static final Pattern DATE = element("DATE");
  private static final Pattern LABEL_VALUE = element("D");
  private static final Pattern TEXT = Pattern.compile("<TEXT\\b[^>]*>(.*?)</TEXT>", Pattern.DOTALL);
  private static final Pattern TITLE = element("TITLE");
  private static final Pattern AUTHOR = element("AUTHOR");
  private static final Pattern DATELINE = element("DATELINE");
  private static final Pattern BODY = element("BODY");
  private static final Pattern TAG = Pattern.compile("</?[A-Z]+\\b[^>]*>");

  /** "26-FEB-1987 15:01:01.79", sometimes with stray spaces or wire bytes around it. */
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{1,2}-[A-Za-z]{3}-\\d{4})\\s+(\\d{1,3}):(\\d{2}):(\\d{2})");
  private static final DateTimeFormatter DAY =
      new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d-MMM-yyyy").toFormatter(Locale.ENGLISH);

  @Override
  public boolean handles(Path file) {
    return TextFiles.nameEndsWith(file, ".sgm");
  }

  @Override
  public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    // The collection is ASCII but for one stray byte; Latin-1 maps every byte, so no story is lost to it.
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      StringBuilder story = null;
      long storyLine = 0;
      long lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.startsWith("<REUTERS")) {
          if (story != null) {
            problems.accept(new IngestProblem(file, storyLine, "story not closed by </REUTERS>; skipped"));
          }
          story = new StringBuilder();
          storyLine = lineNo;
        }
        if (story == null) {
          continue; // the DOCTYPE, or text between stories
        }
        story.append(line).append('\n');
        if (line.contains("</REUTERS>")) {
          toArticle(story.toString(), file, storyLine, articles, problems);
          story = null;
        }
      }
      if (story != null) {
        problems.accept(new IngestProblem(file, storyLine, "story not closed by </REUTERS> at the end of the file"));
      }
    }
  }

  private static void toArticle(
      String story, Path file, long line, Consumer<Article> articles, Consumer<IngestProblem> problems) {
    Matcher id = NEWID.matcher(story);
    if (!id.find()) {
      problems.accept(new IngestProblem(file, line, "story without NEWID"));
      return;
    }
    String date = first(DATE, story);
    Instant published = date == null ? null : parseDate(date);
    if (published == null) {
      String what = date == null ? "no DATE" : "unreadable DATE '" + date.strip() + "'";
      problems.accept(new IngestProblem(file, line, "NEWID " + id.group(1) + ": " + what));
      return;
    }
    String text = first(TEXT, story);
    String title = text == null ? null : first(TITLE, text);
    String body = text == null ? null : first(BODY, text);
    String indexedBody;
    if (body != null) {
      // As the wire ran it: the byline, if any, then "LOS ANGELES, Feb 26 - " and the story.
      String author = first(AUTHOR, text);
      String dateline = first(DATELINE, text);
      indexedBody =
          ((author == null ? "" : oneLine(author) + "\n")
                  + (dateline == null ? "" : oneLine(dateline) + " ")
                  + plain(body))
              .strip();
    } else if (title != null) {
      indexedBody = ""; // a BRIEF: the headline is the story; the text after it is a "Blah blah blah." filler
    } else {
      indexedBody = text == null ? "" : plain(TAG.matcher(text).replaceAll("")); // UNPROC: raw wire text
    }
    articles.accept(
        new Article(
            id.group(1),
            title == null ? null : oneLine(title),
            indexedBody,
            SOURCE,
            null,
            published,
            labels(story)));
  }

  /** The story's label lists, each value once, keyed by facet dimension. */
  private static Map<String, List<String>> labels(String story) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (LabelList list : LABEL_LISTS) {
      String values = first(list.element(), story);
      Set<String> found = new LinkedHashSet<>();
      for (Matcher d = LABEL_VALUE.matcher(values == null ? "" : values); d.find(); ) {
        String value = oneLine(d.group(1));
        if (!value.isEmpty()) {
          found.add(value);
        }
      }
      if (!found.isEmpty()) {
        labels.put(list.dimension(), List.copyOf(found));
      }
    }
    return labels;
  }

  /**
   * The story's time to the second, in UTC (the collection gives no zone). A time that is no time of day (one
   * story says "605:12:19") keeps the story on its day, at midnight, rather than dropping it.
   */
  static Instant parseDate(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.find()) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(m.group(1), DAY);
      LocalTime time;
      try {
        time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      } catch (DateTimeException e) {
        time = LocalTime.MIDNIGHT;
      }
      return day.atTime(time).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Pattern element(String name) {
    return Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL);
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String oneLine(String sgml) {
    return Markup.decodeCharacterReferences(sgml).replaceAll("\\s+", " ").strip();
  }

  /** Decoded text with the wire's hard-wrapped lines joined into paragraphs. */
  private static String plain(String sgml) {
    return unwrap(Markup.decodeCharacterReferences(sgml));
  }

  /**
   * Joins hard-wrapped lines: in Reuters copy a new paragraph (or table row) starts with an indented line, so
   * an unindented line continues the one before. Paragraphs end up one per line, which is what the highlighter
   * cuts passages at.
   */
  static String unwrap(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean paragraphEnded = true;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        paragraphEnded = true;
        continue;
      }
      if (!out.isEmpty()) {
        out.append(paragraphEnded || Character.isWhitespace(line.charAt(0)) ? '\n' : ' ');
      }
      out.append(line.strip());
      paragraphEnded = false;
    }
    return out.toString();
  }
}
