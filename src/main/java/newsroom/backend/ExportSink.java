package newsroom.backend;

import java.io.IOException;

/**
 * Where an export goes, one row at a time. An {@link IOException} from it (a client that went away) stops the
 * export at once: the backend does no more work for it and passes the exception on.
 */
public interface ExportSink {

  /** Called once before the first row with the number of articles the export will list. */
  default void begin(long total) throws IOException {}

  void row(ExportRow row) throws IOException;
}
