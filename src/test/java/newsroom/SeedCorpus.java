package newsroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Facts about the bundled seed articles computed straight from their files, independently of the indexer, so
 * tests compare the index with the text rather than with numbers written down by hand. {@link #at} gives the
 * same facts about another folder of articles in the seed's text format (a test's own corpus).
 */
public final class SeedCorpus {
  private static final SeedCorpus SEED = new SeedCorpus(TestIndexes.SEED_CORPUS);

  private final Path dir;

  private SeedCorpus(Path dir) {
    this.dir = dir;
  }

  /** The facts of the .txt articles (with Id, Source and Published headers) in this folder. */
  public static SeedCorpus at(Path dir) {
    return new SeedCorpus(dir);
  }

  /** Ids (the Id: header) of the seed articles whose text mentions any of the given names as whole words. */
  public static Set<String> idsMentioning(String... names) {
    return SEED.mentioning(names);
  }

  /** Ids of the seed articles whose Published header starts with the prefix (e.g. "2022"). */
  public static Set<String> idsPublished(String prefix) {
    return SEED.published(prefix);
  }

  public static Set<String> allIds() {
    return SEED.all();
  }

  public Set<String> mentioning(String... names) {
    return idsWhere(
        text -> Stream.of(names)
            .anyMatch(
                name ->
                    Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE)
                        .matcher(text)
                        .find()));
  }

  public Set<String> published(String prefix) {
    return idsWhere(text -> header(text, "Published").startsWith(prefix));
  }

  public Set<String> fromSource(String source) {
    return idsWhere(text -> header(text, "Source").equals(source));
  }

  public Set<String> all() {
    return idsWhere(text -> true);
  }

  private Set<String> idsWhere(Predicate<String> test) {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        String text = Files.readString(f);
        if (test.test(text)) {
          ids.add(header(text, "Id"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  private static String header(String text, String key) {
    return text.lines()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(key.toLowerCase(Locale.ROOT) + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("seed file without " + key + " header"));
  }
}
