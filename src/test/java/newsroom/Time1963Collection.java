package newsroom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the TIME 1963 relevance collection is: {@code ../shared/relevance-time1963} (relative to the repository
 * root, where the tests run), or where the system property or environment variable {@code NEWSROOM_TIME1963} says.
 * It is not part of the repository: a test that needs it is skipped where it is absent, except on CI (environment
 * variable {@code CI=true}), which has it, so that a missing copy there fails rather than passes unseen.
 */
public final class Time1963Collection {
  private Time1963Collection() {}

  /** The collection's folder; skips the calling test when it is absent. */
  public static Path dir() {
    String configured = System.getProperty("NEWSROOM_TIME1963", System.getenv("NEWSROOM_TIME1963"));
    Path dir = Path.of(configured == null || configured.isBlank() ? "../shared/relevance-time1963" : configured);
    boolean present = Files.isRegularFile(dir.resolve("TIME.ALL"));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("the TIME 1963 collection is missing at " + dir.toAbsolutePath().normalize());
    }
    assumeTrue(present, "the TIME 1963 collection is not at " + dir.toAbsolutePath().normalize());
    return dir;
  }
}
