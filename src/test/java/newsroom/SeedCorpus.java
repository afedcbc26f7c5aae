package newsroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Facts about the bundled seed articles computed straight from their files, independently of the indexer, so
 * tests compare the index with the text rather than with numbers written down by hand.
 */
public final class SeedCorpus {
  private SeedCorpus() {}

  /** Ids (the Id: header) of the seed articles whose text mentions any of the given names as whole words. */
  public static Set<String> idsMentioning(String... names) {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(TestIndexes.SEED_CORPUS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        String text = Files.readString(f);
        for (String name : names) {
          if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text).find()) {
            ids.add(header(text, "Id"));
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** Ids of the seed articles whose Published header starts with the prefix (e.g. "2022"). */
  public static Set<String> idsPublished(String prefix) {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(TestIndexes.SEED_CORPUS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        String text = Files.readString(f);
        if (header(text, "Published").startsWith(prefix)) {
          ids.add(header(text, "Id"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  public static Set<String> allIds() {
    return idsPublished("");
  }

  private static String header(String text, String key) {
    return text.lines()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(key.toLowerCase(Locale.ROOT) + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("seed file without " + key + " header"));
  }
}
