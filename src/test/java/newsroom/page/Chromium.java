package newsroom.page;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium driven through chromedriver, both the system's own (Debian's chromium and chromium-driver
 * packages, which .ci/run installs). Their paths are given to Selenium explicitly so that it never looks for, or
 * downloads, a browser or a driver of its own. Without them the browser tests are skipped, except under CI
 * (CI=true), where they fail and say what to install.
 */
final class Chromium {
  private static final Logger log = LoggerFactory.getLogger(Chromium.class);
  static final Path BINARY = Path.of(System.getProperty("newsroom.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("newsroom.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** A new headless browser with a fresh profile in {@code profileDir}, its window {@code width} x {@code height}. */
  static ChromeDriver start(Path profileDir, int width, int height) {
    requireInstalled();
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-US",
        "--user-data-dir=" + profileDir.toAbsolutePath(),
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static void requireInstalled() {
    if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
      return;
    }
    String message =
        "browser tests need Chromium and its driver at "
            + BINARY
            + " and "
            + DRIVER
            + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    log.warn("{}: the browser tests are skipped (under CI=true they would fail)", message);
    assumeTrue(false, message + "; skipped outside CI");
  }
}
