package newsroom.alerts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Files replaced whole so that a crash at any moment leaves either the old content or the new, never a mix. */
final class DurableFiles {
  private DurableFiles() {}

  /**
   * Writes {@code content} to a temporary file beside {@code target}, forces it to disk, renames it over the
   * target in one step and forces the folder, so the rename itself survives a power cut.
   */
  static void replace(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(out, content);
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceFolder(target.getParent());
  }

  static void writeFully(FileChannel out, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** Makes a rename or a new file in {@code folder} durable (its entry is in the folder's own data). */
  static void forceFolder(Path folder) throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
