package newsroom.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.model.Article;

/**
 * The TIME 1963 test collection of the SMART project ({@code TIME.ALL}, or any {@code *.time} file): magazine
 * articles, each a block that starts with a header line {@code *TEXT 017 01/04/63 PAGE 020}, followed by its text
 * in upper case with a blank line between text lines; the file ends with {@code *STOP}.
 *
 * <p>Each block becomes one article: the id is the number as written (leading zeros kept, since the relevance
 * judgments name articles that way), the body is the text lines joined by single spaces (the collection's own
 * spacing, such as "U.S ." and upper case, is kept), there is no title (the collection has no headlines), the
 * source is {@value #SOURCE} and the date is the issue date at midnight UTC. The page number is not kept.
 *
 * <p>Headers are read leniently: any run of spaces between fields, and a space instead of the second slash of
 * the date ({@code *TEXT 431 08/30 63 PAGE 026} occurs in the collection). A block whose header still cannot be
 * read, whose date is no calendar date, that has no text, or whose id was already read is reported and skipped.
 */
public final class Time1963Format implements CorpusFormat {
  public static final String SOURCE = "TIME";

  /** {@code *TEXT nnn MM/DD/YY PAGE ppp}; the second date separator may be a space, the page may be missing. */
  private static final Pattern HEADER =
      Pattern.compile(
          "\\*TEXT\\s+(\\d+)\\s+(\\d{1,2})/(\\d{1,2})(?:/|\\s+)(\\d{2}|\\d{4})(?:\\s+PAGE\\s+\\d+)?\\s*");

  private static final String TEXT = "*TEXT";
  private static final String STOP = "*STOP";

  @Override
  public boolean handles(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.equals("time.all") || name.endsWith(".time");
  }

  @Override
  public void read(Path file, Consumer<Article> articles, Consumer<IngestProblem> problems) throws IOException {
    // The collection is ASCII; Latin-1 maps every byte, so a stray one cannot make the whole file unreadable.
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      Set<String> seen = new HashSet<>();
      Block block = null;
      boolean stopped = false;
      boolean leadingReported = false;
      boolean trailingReported = false;
      long lineNo = 0;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (stopped) {
          if (!line.isBlank() && !trailingReported) {
            problems.accept(new IngestProblem(file, lineNo, "text after " + STOP + " ignored"));
            trailingReported = true;
          }
          continue;
        }
        if (line.startsWith(TEXT)) {
          emit(block, file, seen, articles, problems);
          block = new Block(line, lineNo);
        } else if (line.strip().equals(STOP)) {
          emit(block, file, seen, articles, problems);
          block = null;
          stopped = true;
        } else if (block != null) {
          block.add(line);
        } else if (!line.isBlank() && !leadingReported) {
          problems.accept(new IngestProblem(file, lineNo, "text before the first " + TEXT + " header ignored"));
          leadingReported = true;
        }
      }
      if (!stopped) {
        // Most likely a truncated copy: the last article is kept, but the file is flagged.
        problems.accept(new IngestProblem(file, lineNo, "no " + STOP + " line at the end; the file may be cut short"));
        emit(block, file, seen, articles, problems);
      }
    }
  }

  /** One {@code *TEXT} block as read so far. */
  private static final class Block {
    final String header;
    final long line;
    final StringBuilder body = new StringBuilder();

    Block(String header, long line) {
      this.header = header;
      this.line = line;
    }

    void add(String text) {
      String stripped = text.strip();
      if (!stripped.isEmpty()) {
        if (!body.isEmpty()) {
          body.append(' ');
        }
        body.append(stripped);
      }
    }
  }

  private static void emit(
      Block block, Path file, Set<String> seen, Consumer<Article> articles, Consumer<IngestProblem> problems) {
    if (block == null) {
      return;
    }
    Matcher m = HEADER.matcher(block.header);
    if (!m.matches()) {
      problems.accept(
          new IngestProblem(file, block.line, "unreadable header '" + block.header.strip() + "'; article skipped"));
      return;
    }
    String id = m.group(1);
    Instant published = date(m.group(2), m.group(3), m.group(4));
    if (published == null) {
      problems.accept(
          new IngestProblem(file, block.line, "article " + id + ": no such date in '" + block.header.strip() + "'; skipped"));
      return;
    }
    if (block.body.isEmpty()) {
      problems.accept(new IngestProblem(file, block.line, "article " + id + " has no text; skipped"));
      return;
    }
    if (!seen.add(id)) {
      problems.accept(new IngestProblem(file, block.line, "article " + id + " appears a second time; skipped"));
      return;
    }
    articles.accept(new Article(id, null, block.body.toString(), SOURCE, null, published, Map.of()));
  }

  /** The day at midnight UTC; a two-digit year is of the 1900s. Null when it is no calendar date. */
  private static Instant date(String month, String day, String year) {
    int y = Integer.parseInt(year);
    try {
      return LocalDate.of(year.length() == 2 ? 1900 + y : y, Integer.parseInt(month), Integer.parseInt(day))
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
