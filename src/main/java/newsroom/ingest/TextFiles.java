package newsroom.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Reads corpus files as strict UTF-8, so a binary or wrongly encoded file is reported, not indexed as junk. */
final class TextFiles {
  private TextFiles() {}

  static String readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        throw new IOException("binary file (NUL byte), not text");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IOException("not valid UTF-8 text", e);
    }
  }

  /** Whether the file's name ends with one of the suffixes (".sgm"), whatever its case. */
  static boolean nameEndsWith(Path file, String... suffixes) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Arrays.stream(suffixes).anyMatch(name::endsWith);
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
