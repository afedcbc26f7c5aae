package newsroom.cli;

import java.nio.file.Path;
import newsroom.http.ApiServer;
import newsroom.http.WriteAccess;
import newsroom.index.ServedIndex;
import newsroom.search.NewsSearcher;

/** Wires live writes (ingest -> enrich -> index) into the HTTP server's options. */
public final class ServerWiring {
  private ServerWiring() {}

  /** Options of a server that takes writes from clients holding {@code token}. */
  public static ApiServer.Options liveOptions(
      ServedIndex index, NewsSearcher searcher, Path configDir, String token, long maxBodyBytes) {
    return new ApiServer.Options(
        new LiveIngestion(index, searcher, configDir), WriteAccess.withToken(token), maxBodyBytes);
  }
}
