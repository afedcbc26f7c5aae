package newsroom.backend;

/** A rebuild was asked for while another one runs: one at a time, the second caller should retry later. */
public final class RebuildRunningException extends IllegalStateException {
  public RebuildRunningException() {
    super("a re-index is already running");
  }
}
