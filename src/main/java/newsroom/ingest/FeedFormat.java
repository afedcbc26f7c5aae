package newsroom.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import newsroom.model.Article;
import newsroom.model.Dates;

/**
 * RSS 2.0 ({@code .rss}) and Atom ({@code .atom}) feeds, and {@code .xml} files whose root element is
 * {@code <rss>} or {@code <feed>}: each item or entry is an article with its title, link, date, source (the
 * item's own source, else the feed's title) and text (content, else description or summary, as plain text).
 * The id is the guid or Atom id, else the link. Items are streamed; the file is never held in memory.
 *
 * <p>DTDs and external entities are refused, so a feed cannot make the indexer read local files or the network.
 */
public final class FeedFormat implements CorpusFormat {
  private static final Set<String> ROOTS = Set.of("rss", "feed");
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6");

  @Override
  public boolean handles(Path file) {
    if (TextFiles.nameEndsWith(file, ".rss", ".atom")) {
      return true;
    }
    // Any XML file may be a feed: look at its root. One that cannot be parsed is claimed so that its error is
    // reported, not silently ignored; well-formed XML of another kind (a sitemap, say) is not part of the corpus.
    return TextFiles.nameEndsWith(file, ".xml") && rootElement(file).map(ROOTS::contains).orElse(true);
  }

  @Override
  public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = safeFactory().createXMLStreamReader(in);
      try {
        new FeedReader(file, xml, articles, problems).read();
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("not a readable feed: " + e.getMessage(), e);
    }
  }

  private static Optional<String> rootElement(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = safeFactory().createXMLStreamReader(in);
      try {
        return Optional.of(toRoot(xml));
      } finally {
        xml.close();
      }
    } catch (IOException | XMLStreamException e) {
      return Optional.empty();
    }
  }

  /** Moves past the prolog (declaration, comments, a DOCTYPE, which is not read) to the root element. */
  private static String toRoot(XMLStreamReader xml) throws XMLStreamException {
    while (xml.next() != XMLStreamConstants.START_ELEMENT) {
      // nothing before the root is part of the feed
    }
    return xml.getLocalName();
  }

  private static XMLInputFactory safeFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** What one item or entry said, as it is read. */
  private static final class Item {
    String id;
    String title;
    String link;
    String source;
    String content;
    String summary;
    String published;
    String updated;
  }

  /** One pass over one feed file. */
  private static final class FeedReader {
    private final Path file;
    private final XMLStreamReader xml;
    private final Consumer<Article> articles;
    private final Consumer<IngestProblem> problems;
    private String feedTitle;
    private int items;

    FeedReader(Path file, XMLStreamReader xml, Consumer<Article> articles, Consumer<IngestProblem> problems) {
      this.file = file;
      this.xml = xml;
      this.articles = articles;
      this.problems = problems;
    }

    void read() throws XMLStreamException, IOException {
      String root = toRoot(xml);
      if (!ROOTS.contains(root)) {
        throw new IOException("not an RSS or Atom feed: the root element is <" + root + ">");
      }
      int depth = 1;
      while (depth > 0) {
        int event = xml.next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (name.equals("item") || name.equals("entry")) {
            item();
          } else if (name.equals("title") && feedTitle == null) {
            // The first title outside the items: the RSS channel's or the Atom feed's (an image's comes later).
            feedTitle = Markup.htmlToText(text()).replace('\n', ' ');
          } else {
            depth++;
          }
        }
      }
    }

    private void item() throws XMLStreamException {
      items++;
      long line = xml.getLocation().getLineNumber();
      Item item = new Item();
      while (nextChild()) {
        String name = xml.getLocalName();
        switch (name) {
          case "title" -> item.title = Markup.htmlToText(text()).replace('\n', ' ');
          case "link" -> link(item);
          case "guid", "id" -> item.id = text().strip();
          case "encoded", "content" -> item.content = text();
          case "description", "summary" -> item.summary = text();
          case "pubDate", "published", "date", "issued" -> item.published = text().strip();
          case "updated", "modified" -> item.updated = text().strip();
          case "source" -> item.source = source();
          default -> text();
        }
      }
      toArticle(item, line);
    }

    /** RSS: the link's text; Atom: the href of the first link that is no enclosure, edit or other relation. */
    private void link(Item item) throws XMLStreamException {
      String href = xml.getAttributeValue(null, "href");
      String rel = xml.getAttributeValue(null, "rel");
      String text = text().strip();
      String url = href != null ? href.strip() : text;
      if ((rel == null || rel.equals("alternate")) && item.link == null && !url.isEmpty()) {
        item.link = url;
      }
    }

    /** RSS: {@code <source url="...">Name</source>}; Atom: {@code <source><title>Name</title>...</source>}. */
    private String source() throws XMLStreamException {
      StringBuilder direct = new StringBuilder();
      String title = null;
      while (true) {
        int event = xml.next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          break;
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          boolean isTitle = xml.getLocalName().equals("title");
          String text = text();
          if (isTitle) {
            title = text;
          }
        } else if (xml.hasText()) {
          direct.append(xml.getText());
        }
      }
      String name = Markup.htmlToText(title != null ? title : direct.toString());
      return name.isEmpty() ? null : name;
    }

    /**
     * Moves to the next child element of the current one (true), or to its end tag (false). Stray text between
     * an item's elements is passed over, not treated as an error.
     */
    private boolean nextChild() throws XMLStreamException {
      while (true) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (event == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
      }
    }

    /**
     * The text of the current element and all it contains, leaving the reader on its end tag. Atom's XHTML
     * content is inline elements: their text is kept, a block element ends a line.
     */
    private String text() throws XMLStreamException {
      StringBuilder text = new StringBuilder();
      int depth = 1;
      while (depth > 0) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (BLOCKS.contains(xml.getLocalName())) {
            text.append('\n');
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (depth > 0 && BLOCKS.contains(xml.getLocalName())) {
            text.append('\n');
          }
        } else if (xml.hasText()) {
          text.append(xml.getText());
        }
      }
      return text.toString();
    }

    private void toArticle(Item item, long line) {
      String body = Markup.htmlToText(item.content != null && !item.content.isBlank() ? item.content : item.summary);
      String title = item.title == null || item.title.isBlank() ? null : item.title;
      if (title == null && body.isEmpty()) {
        problems.accept(new IngestProblem(file, line, "item without title or text"));
        return;
      }
      String date = item.published != null ? item.published : item.updated;
      Instant published = null;
      if (date != null && !date.isEmpty()) {
        published = parseDate(date).orElse(null);
        if (published == null) {
          problems.accept(new IngestProblem(file, line, "bad date '" + date + "'"));
          return;
        }
      }
      String id = firstNonBlank(item.id, item.link, TextFiles.stem(file) + "#" + items);
      articles.accept(
          new Article(id, title, body, firstNonBlank(item.source, feedTitle, null), item.link, published, Map.of()));
    }
  }

  private static String firstNonBlank(String a, String b, String otherwise) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : otherwise;
  }

  /**
   * RSS dates are RFC 822 ("Mon, 05 Jul 2021 10:48:00 GMT", also with a numeric offset, a US zone name or a
   * two-digit year); Atom and Dublin Core dates are ISO 8601.
   */
  static Optional<Instant> parseDate(String text) {
    Optional<Instant> iso = Dates.parse(text);
    return iso.isPresent() ? iso : parseRfc822(text);
  }

  private static final Pattern RFC_822 =
      Pattern.compile(
          "(?:[A-Za-z]+,\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2}|\\d{4})\\s+"
              + "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([A-Za-z]{1,3}|[+-]\\d{4})?");
  private static final DateTimeFormatter MONTH =
      new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM").toFormatter(Locale.ENGLISH);
  private static final Map<String, Integer> ZONE_HOURS =
      Map.of("EST", -5, "EDT", -4, "CST", -6, "CDT", -5, "MST", -7, "MDT", -6, "PST", -8, "PDT", -7);

  private static Optional<Instant> parseRfc822(String text) {
    Matcher m = RFC_822.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int year = Integer.parseInt(m.group(3));
      if (m.group(3).length() == 2) {
        year += year < 50 ? 2000 : 1900; // RFC 822 years; RFC 1123 made them four digits
      }
      int month = MONTH.parse(m.group(2)).get(ChronoField.MONTH_OF_YEAR);
      LocalDate day = LocalDate.of(year, month, Integer.parseInt(m.group(1)));
      LocalTime time =
          LocalTime.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      return Optional.of(day.atTime(time).atOffset(offset(m.group(7))).toInstant());
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** GMT, UT, Z or no zone is UTC; US zone names and +hhmm offsets as written. */
  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    String z = zone.toUpperCase(Locale.ROOT);
    if (z.startsWith("+") || z.startsWith("-")) {
      return ZoneOffset.ofHoursMinutes(
          Integer.parseInt(z.substring(0, 3)), Integer.parseInt(z.charAt(0) + z.substring(3)));
    }
    if (ZONE_HOURS.containsKey(z)) {
      return ZoneOffset.ofHours(ZONE_HOURS.get(z));
    }
    if (Set.of("GMT", "UT", "UTC", "Z").contains(z)) {
      return ZoneOffset.UTC;
    }
    throw new DateTimeException("unknown time zone " + zone);
  }
}
