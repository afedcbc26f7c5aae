package newsroom.config;

import java.nio.file.Path;

/**
 * How searches use the machine ({@code speed} in search.json). Neither setting changes an answer, only how
 * fast it comes.
 *
 * @param searchThreads threads that search the index's segments side by side for one request; 0 searches each
 *     request on the thread that received it. More than one lowers the latency of a single search while cores
 *     are idle, and costs a little when every core is already busy with other requests.
 * @param cachedResponses how many recent answers are kept and given again for an identical request until the
 *     index changes (every live write or re-index empties it); 0 for none. News traffic repeats itself: the
 *     front page's browse, the story everyone searches this hour.
 */
public record SpeedSettings(Integer searchThreads, Integer cachedResponses) {
  public static final int DEFAULT_SEARCH_THREADS = 0;
  public static final int DEFAULT_CACHED_RESPONSES = 0;

  public SpeedSettings {
    searchThreads = searchThreads == null ? DEFAULT_SEARCH_THREADS : searchThreads;
    cachedResponses = cachedResponses == null ? DEFAULT_CACHED_RESPONSES : cachedResponses;
  }

  public static SpeedSettings defaults() {
    return new SpeedSettings(null, null);
  }

  void check(Path file) {
    if (searchThreads < 0 || searchThreads > 256) {
      throw new ConfigException(file + ": speed.search_threads must be between 0 and 256, not " + searchThreads);
    }
    if (cachedResponses < 0 || cachedResponses > 1_000_000) {
      throw new ConfigException(
          file + ": speed.cached_responses must be between 0 and 1000000, not " + cachedResponses);
    }
  }
}
