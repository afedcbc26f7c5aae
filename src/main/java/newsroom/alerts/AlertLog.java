package newsroom.alerts;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import newsroom.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts' journal: matches and what became of their deliveries, one JSON line each, appended and forced to
 * disk before the caller goes on. A process killed mid-append leaves at most a torn last line, which was never
 * acknowledged and is cut off on reopening. {@link #rewrite} compacts it to the state worth keeping. Not
 * thread-safe: {@link Alerts} calls it under its lock.
 */
final class AlertLog implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(AlertLog.class);

  private final Path file;
  private FileChannel channel;
  private long lines;

  private AlertLog(Path file) {
    this.file = file;
  }

  /** Opens (or creates) the log and hands every intact event to {@code replay}, in order. */
  static AlertLog open(Path file, Consumer<AlertEvent> replay) throws IOException {
    AlertLog journal = new AlertLog(file);
    boolean created = !Files.exists(file);
    journal.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (created) {
      DurableFiles.forceFolder(file.getParent());
    }
    journal.replay(replay);
    return journal;
  }

  private void replay(Consumer<AlertEvent> replay) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    long intactEnd = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = indexOf(bytes, (byte) '\n', start);
      lineNumber++;
      if (end < 0) {
        break; // a last line without its newline: torn by a crash mid-append
      }
      String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      try {
        if (!line.isBlank()) {
          replay.accept(Json.read(line, AlertEvent.class));
          lines++;
        }
        intactEnd = end + 1;
      } catch (RuntimeException e) {
        if (end + 1 < bytes.length) {
          log.warn("{} line {} cannot be read and is skipped: {}", file, lineNumber, e.getMessage());
          intactEnd = end + 1;
        }
      }
      start = end + 1;
    }
    if (intactEnd < bytes.length) {
      log.warn("{}: cutting off a torn last entry ({} bytes) left by a crash", file, bytes.length - intactEnd);
      channel.truncate(intactEnd);
      channel.force(true);
    }
    channel.position(intactEnd);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Appends the events and forces them to disk: when this returns they survive a crash. */
  void append(List<AlertEvent> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (AlertEvent e : events) {
      text.append(Json.write(e)).append('\n');
    }
    DurableFiles.writeFully(channel, text.toString().getBytes(StandardCharsets.UTF_8));
    channel.force(false);
    lines += events.size();
  }

  /** Replaces the whole log with {@code events} (a compaction), atomically. */
  void rewrite(List<AlertEvent> events) throws IOException {
    StringBuilder text = new StringBuilder();
    for (AlertEvent e : events) {
      text.append(Json.write(e)).append('\n');
    }
    // The old channel stays usable until the new file has replaced it: a failed compaction changes nothing.
    DurableFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    channel.close();
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    lines = events.size();
  }

  /** Events in the log now: the state it holds is smaller once matches leave the feeds. */
  long lines() {
    return lines;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
