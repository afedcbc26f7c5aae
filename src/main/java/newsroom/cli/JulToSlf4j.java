package newsroom.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what libraries log through {@code java.util.logging} (Lucene does: which vector implementation it chose)
 * to the service's log, in its format, instead of the JDK's two-line console format on stderr.
 */
final class JulToSlf4j extends Handler {
  private final SimpleFormatter formatter = new SimpleFormatter();

  private JulToSlf4j() {}

  /** Replaces the root JUL logger's handlers with this one. */
  static void install() {
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(new JulToSlf4j());
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
    String message = formatter.formatMessage(record);
    int level = record.getLevel().intValue();
    if (level >= Level.SEVERE.intValue()) {
      log.error(message, record.getThrown());
    } else if (level >= Level.WARNING.intValue()) {
      log.warn(message, record.getThrown());
    } else if (level >= Level.INFO.intValue()) {
      log.info(message, record.getThrown());
    } else {
      log.debug(message, record.getThrown());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
