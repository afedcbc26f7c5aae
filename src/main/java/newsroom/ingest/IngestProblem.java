package newsroom.ingest;

/**
 * An article or file that could not be read, and why. The rest of the corpus is still indexed.
 *
 * @param where the file, or the article id when the article was read but could not be indexed
 * @param line the line in the file (1-based), or 0 when the whole file or article is at fault
 */
public record IngestProblem(String where, long line, String reason) {
  public IngestProblem(java.nio.file.Path file, long line, String reason) {
    this(file.toString(), line, reason);
  }

  @Override
  public String toString() {
    return line > 0 ? where + ":" + line + ": " + reason : where + ": " + reason;
  }
}
