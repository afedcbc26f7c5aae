package newsroom.lucene;

import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse;
import org.apache.lucene.search.IndexSearcher;

/**
 * The latest answers of one searcher, that is of one state of the index, by request: a live write or a new
 * generation brings a new searcher and so an empty cache, and an answer is never older than what is served.
 * Least recently used answers go first. Requests that walk a cursor or explain scores are not kept.
 */
final class ResponseCache {
  private final IndexSearcher owner;
  private final Map<SearchRequest, SearchResponse> answers;

  ResponseCache(IndexSearcher owner, int capacity) {
    this.owner = owner;
    this.answers =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<SearchRequest, SearchResponse> eldest) {
            return size() > capacity;
          }
        };
  }

  boolean belongsTo(IndexSearcher searcher) {
    return owner == searcher;
  }

  static boolean keeps(SearchRequest request) {
    return request.cursor() == null && !request.explain();
  }

  synchronized SearchResponse get(SearchRequest request) {
    return answers.get(request);
  }

  synchronized void put(SearchRequest request, SearchResponse response) {
    answers.put(request, response);
  }
}
