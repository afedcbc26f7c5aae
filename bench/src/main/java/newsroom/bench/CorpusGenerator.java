package newsroom.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.JsonEncoding;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsroom.config.Catalog;
import newsroom.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic news corpus of N articles as JSONL (the corpus format the indexer reads), the same bytes for
 * the same seed and dictionaries. Articles are 300 to 1,200 words of Zipf-distributed vocabulary (short ones more
 * common), mention the profile's companies, regulators and actions at rates like a business-news feed (and
 * thousands of other companies besides), come from a few dozen sources and are dated over eight years with bursts.
 *
 * <p>A share of the articles ({@code syndicated}, 15% by default) are syndicated copies: an article of the
 * last thousand re-run by another source a few hours later, under another title, with a few words of the body
 * changed and sometimes a closing line added, as outlets edit a wire story. Story grouping then has real work.
 *
 * <p>Each article is generated from its own random stream (seed and number), so blocks of articles are generated
 * in parallel and written in order; at most a few blocks are in memory at once.
 */
public final class CorpusGenerator {
  private static final Logger log = LoggerFactory.getLogger(CorpusGenerator.class);
  private static final int BLOCK = 2_000;
  private static final int MIN_WORDS = 300;
  private static final int MAX_WORDS = 1_200;

  /** What a run wrote. */
  public record Summary(long articles, long bytes, Duration elapsed) {}

  /** The share of syndicated copies when none is given. */
  public static final double DEFAULT_SYNDICATED = 0.15;
  /** A copy re-runs one of this many articles before it. */
  private static final int COPY_WINDOW = 1000;

  private final NewsWorld world;
  private final long seed;
  private final double syndicated;

  /** @throws IllegalArgumentException if the catalog lacks one of {@link NewsWorld#ROLES} */
  public CorpusGenerator(Path configDir, Catalog catalog, long seed) {
    this(configDir, catalog, seed, DEFAULT_SYNDICATED);
  }

  /** As above, with {@code syndicated} (0 to 0.9) of the articles copies of an earlier one. */
  public CorpusGenerator(Path configDir, Catalog catalog, long seed, double syndicated) {
    if (!(syndicated >= 0 && syndicated <= 0.9)) {
      throw new IllegalArgumentException("the share of syndicated copies must be between 0 and 0.9, not " + syndicated);
    }
    this.world = new NewsWorld(configDir, catalog, seed);
    this.seed = seed;
    this.syndicated = syndicated;
  }

  /** Writes {@code articles} articles to {@code out} (replaced only once complete). */
  public Summary generate(long articles, Path out, int threads) throws IOException {
    long start = System.nanoTime();
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(out.getFileName() + ".part");
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    long lastLog = start;
    try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      Deque<Future<byte[]>> pending = new ArrayDeque<>();
      long next = 0;
      long written = 0;
      while (written < articles) {
        // Keep two blocks per thread in flight: enough to keep every thread busy, little enough to stay small.
        while (next < articles && pending.size() < 2 * Math.max(1, threads)) {
          long from = next;
          long to = Math.min(articles, from + BLOCK);
          pending.add(pool.submit(() -> block(from, to)));
          next = to;
        }
        w.write(await(pending.removeFirst()));
        written = Math.min(articles, written + BLOCK);
        if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(5)) {
          lastLog = System.nanoTime();
          double seconds = (lastLog - start) / 1e9;
          log.info("{} of {} articles generated, {}/s", written, articles, Math.round(written / seconds));
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      pool.shutdownNow();
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Summary(articles, Files.size(out), Duration.ofNanos(System.nanoTime() - start));
  }

  private static byte[] await(Future<byte[]> block) throws IOException {
    try {
      return block.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("generating a block failed: " + e.getCause(), e.getCause());
    }
  }

  /** Articles [from, to) as JSON lines. */
  byte[] block(long from, long to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (to - from) * 5_000);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(new SerializedString("\n"));
      for (long n = from; n < to; n++) {
        write(article(n), json);
      }
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The fields of one generated article, as the corpus format names them. */
  record Generated(String id, String title, String body, String source, String url, String published) {}

  Generated article(long n) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
    if (n > 0 && rng.nextDouble() < syndicated) {
      // Another article's own stream, so the copy is the same whichever block generates it.
      return copy(n, article(n - 1 - rng.nextInt((int) Math.min(n, COPY_WINDOW))), rng);
    }
    List<String> mentions = new ArrayList<>();
    String lead = null;
    // The main subject: a dictionary company for a good share of the feed, another company otherwise.
    List<NewsWorld.Tagged> companies = world.tagged(NewsWorld.COMPANY);
    boolean dictionaryCompany = rng.nextDouble() < 0.25;
    if (dictionaryCompany) {
      NewsWorld.Tagged c = companies.get(popular(rng, companies.size()));
      lead = world.naming(c, rng);
      mentions.add(lead);
      mentions.add(world.naming(c, rng));
    } else {
      lead = world.otherCompany(rng);
      mentions.add(lead);
    }
    for (int i = rng.nextInt(4); i > 0; i--) {
      mentions.add(world.otherCompany(rng));
    }
    boolean regulated = rng.nextDouble() < (dictionaryCompany ? 0.4 : 0.08);
    if (regulated) {
      List<NewsWorld.Tagged> regulators = world.tagged(NewsWorld.REGULATOR);
      NewsWorld.Tagged r = regulators.get(popular(rng, regulators.size()));
      mentions.add(world.naming(r, rng));
      mentions.add(world.naming(r, rng));
    }
    String action = null;
    List<NewsWorld.Tagged> actions = world.tagged(NewsWorld.ACTION);
    if (rng.nextDouble() < (regulated ? 0.5 : 0.06)) {
      action = world.naming(actions.get(rng.nextInt(actions.size())), rng);
      mentions.add(action);
    }

    int words = MIN_WORDS + (int) ((MAX_WORDS - MIN_WORDS) * Math.pow(rng.nextDouble(), 1.6));
    String body = body(rng, words, mentions);
    String title = title(rng, lead, action);
    String id = String.format(Locale.ROOT, "gen-%d-%08d", seed, n);
    String source = world.source(rng);
    String published = world.published(rng).toString();
    String url = "https://news.example/" + source.toLowerCase(Locale.ROOT).replace(' ', '-') + "/" + id;
    return new Generated(id, title, body, source, url, published);
  }

  /** Article {@code n} as another outlet's re-run of {@code original}: a few words changed, maybe a line added. */
  private Generated copy(long n, Generated original, SplittableRandom rng) {
    String[] words = original.body().split(" ", -1);
    for (int i = 1 + rng.nextInt(3); i > 0; i--) {
      words[rng.nextInt(words.length)] = world.vocabulary.sample(rng);
    }
    String source = world.source(rng);
    for (int tries = 0; source.equals(original.source()) && tries < 5; tries++) {
      source = world.source(rng);
    }
    String body = String.join(" ", words) + (rng.nextBoolean() ? "\n\nDistributed by " + source + "." : "");
    String id = String.format(Locale.ROOT, "gen-%d-%08d", seed, n);
    String published = java.time.Instant.parse(original.published()).plusSeconds(60L * rng.nextInt(48 * 60)).toString();
    String url = "https://news.example/" + source.toLowerCase(Locale.ROOT).replace(' ', '-') + "/" + id;
    return new Generated(id, title(rng, world.otherCompany(rng), null), body, source, url, published);
  }

  /** An index in [0, n) skewed to the front: the first values of a dictionary are the most covered. */
  private static int popular(SplittableRandom rng, int n) {
    return Math.min(n - 1, (int) (n * Math.pow(rng.nextDouble(), 2)));
  }

  private String title(SplittableRandom rng, String lead, String action) {
    StringBuilder t = new StringBuilder(lead);
    for (int i = 3 + rng.nextInt(6); i > 0; i--) {
      t.append(' ').append(world.vocabulary.sample(rng));
    }
    if (action != null && rng.nextBoolean()) {
      t.append(' ').append(action);
    }
    return t.toString();
  }

  /** Sentences of 6 to 28 words in paragraphs of 2 to 6 sentences; each mention goes into a random sentence. */
  private String body(SplittableRandom rng, int words, List<String> mentions) {
    List<StringBuilder> sentences = new ArrayList<>();
    int left = words;
    while (left > 0) {
      int length = Math.min(left, 6 + rng.nextInt(23));
      StringBuilder s = new StringBuilder(length * 8);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          s.append(i % 9 == 8 && rng.nextInt(3) == 0 ? ", " : " ");
        }
        s.append(world.vocabulary.sample(rng));
      }
      sentences.add(s);
      left -= length;
    }
    for (String mention : mentions) {
      StringBuilder s = sentences.get(rng.nextInt(sentences.size()));
      int space = s.indexOf(" ", rng.nextInt(Math.max(1, s.length())));
      if (space < 0) {
        s.append(' ').append(mention);
      } else {
        s.insert(space + 1, mention + " ");
      }
    }
    StringBuilder body = new StringBuilder(words * 8);
    int inParagraph = 0;
    int paragraphLength = 2 + rng.nextInt(5);
    for (StringBuilder s : sentences) {
      if (inParagraph == paragraphLength) {
        body.append("\n\n");
        inParagraph = 0;
        paragraphLength = 2 + rng.nextInt(5);
      } else if (inParagraph > 0) {
        body.append(' ');
      }
      body.append(Character.toUpperCase(s.charAt(0))).append(s, 1, s.length()).append('.');
      inParagraph++;
    }
    return body.toString();
  }

  private static void write(Generated a, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", a.id());
    json.writeStringField("title", NewsWorld.capitalize(a.title()));
    json.writeStringField("body", a.body());
    json.writeStringField("source", a.source());
    json.writeStringField("url", a.url());
    json.writeStringField("published", a.published());
    json.writeEndObject();
  }
}
