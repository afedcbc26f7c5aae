package newsroom.stories;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import newsroom.config.StorySettings;

/**
 * The MinHash signature of a body: for each of {@link StorySettings#hashes()} hash functions, the least hash of
 * the body's shingles. The share of positions where two signatures agree estimates the Jaccard similarity of the
 * two shingle sets; signatures agreeing on a whole band (a run of {@code rows} positions) are candidates. A body
 * with fewer than {@code min_shingles} distinct shingles has no signature: it is never grouped.
 */
public record Signature(int[] values) {
  private static final HexFormat HEX = HexFormat.of();

  /** The signature of {@code body} under {@code settings}, or null when the body is too short to group. */
  public static Signature of(String body, StorySettings settings) {
    long[] shingles = Arrays.stream(Shingles.hashes(body, settings.shingleSize())).distinct().toArray();
    if (shingles.length < settings.minShingles()) {
      return null;
    }
    int[] values = new int[settings.hashes()];
    Arrays.fill(values, Integer.MAX_VALUE);
    for (long shingle : shingles) {
      for (int i = 0; i < values.length; i++) {
        // Hash function i: the shingle's hash mixed with a constant of its own; the top 31 bits, so min is simple.
        int h = (int) (Shingles.mix(shingle ^ SEEDS[i]) >>> 33);
        if (h < values[i]) {
          values[i] = h;
        }
      }
    }
    return new Signature(values);
  }

  private static final long[] SEEDS = new long[1024];

  static {
    long s = 0x5DEECE66DL;
    for (int i = 0; i < SEEDS.length; i++) {
      s += 0x9E3779B97F4A7C15L;
      SEEDS[i] = Shingles.mix(s);
    }
  }

  /** The estimated Jaccard similarity: the share of positions with equal values. */
  public double similarity(Signature other) {
    int same = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == other.values[i]) {
        same++;
      }
    }
    return (double) same / values.length;
  }

  /** One key per band, "band:hash of its values", as the index stores them to find candidates. */
  public String[] bandKeys(StorySettings settings) {
    String[] keys = new String[settings.bands()];
    for (int b = 0; b < keys.length; b++) {
      long h = b;
      for (int r = 0; r < settings.rows(); r++) {
        h = Shingles.mix(h * 31 + values[b * settings.rows() + r]);
      }
      keys[b] = b + ":" + HEX.toHexDigits(h);
    }
    return keys;
  }

  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
    buffer.asIntBuffer().put(values);
    return buffer.array();
  }

  public static Signature fromBytes(byte[] bytes, int offset, int length) {
    int[] values = new int[length / Integer.BYTES];
    ByteBuffer.wrap(bytes, offset, length).asIntBuffer().get(values);
    return new Signature(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Signature" + Arrays.toString(Arrays.copyOf(values, Math.min(4, values.length))) + "...";
  }
}
