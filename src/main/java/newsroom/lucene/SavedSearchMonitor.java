package newsroom.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SavedSearchMatcher;
import newsroom.backend.SearchRequest;
import newsroom.model.Article;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene percolator of saved searches. Each written article is turned into the very document the index holds
 * ({@link ArticleDocuments}), analysed with the served generation's analyzer into a one-document in-memory index
 * ({@link MemoryIndex}, the structure Lucene's monitor module matches with), and every saved search's query, built
 * as a search builds it ({@link LuceneBackend#selectingQuery}), is run on it. Queries are compiled once per served
 * generation: a re-index with another analysis or catalog recompiles them from the registered requests.
 *
 * <p>Every query is tried on every article (no presearcher narrowing the candidates): one query on a
 * one-document index takes microseconds, so the default cap of a thousand saved searches costs a few milliseconds
 * per written article (docs/benchmarks.md, "Saved searches: matching a write").
 */
final class SavedSearchMonitor implements SavedSearchMatcher {
  private static final Logger log = LoggerFactory.getLogger(SavedSearchMonitor.class);

  private final LuceneBackend backend;
  private final Map<String, SearchRequest> searches = new ConcurrentHashMap<>();
  /** Counts changes to {@link #searches}: compiled queries of an older count are stale. */
  private final AtomicLong changes = new AtomicLong();
  private volatile Compiled compiled;

  /** The queries of the searches as of change {@code version}, compiled for one generation. */
  private record Compiled(Generation generation, long version, Map<String, Query> queries) {}

  SavedSearchMonitor(LuceneBackend backend) {
    this.backend = backend;
  }

  @Override
  public void check(SearchRequest request) {
    compile(backend.servedGenerationIndex(), request);
  }

  @Override
  public void register(String id, SearchRequest request) {
    check(request);
    searches.put(id, request);
    changes.incrementAndGet();
  }

  @Override
  public void unregister(String id) {
    searches.remove(id);
    changes.incrementAndGet();
  }

  @Override
  public Map<String, List<String>> match(List<Article> articles) throws IOException {
    Compiled c = compiled();
    Map<String, List<String>> found = new LinkedHashMap<>();
    if (c.queries().isEmpty()) {
      return found;
    }
    for (Article article : articles) {
      MemoryIndex one = MemoryIndex.fromDocument(c.generation().documents.toDocument(article), c.generation().analyzer);
      IndexSearcher searcher = one.createSearcher();
      List<String> matched = new ArrayList<>();
      for (Map.Entry<String, Query> search : c.queries().entrySet()) {
        if (searcher.count(search.getValue()) > 0) {
          matched.add(search.getKey());
        }
      }
      if (!matched.isEmpty()) {
        found.put(article.id(), List.copyOf(matched));
      }
    }
    return found;
  }

  private Compiled compiled() {
    Generation gen = backend.servedGenerationIndex();
    long version = changes.get(); // read before the searches: a change after it makes a later match recompile
    Compiled c = compiled;
    if (c != null && c.generation() == gen && c.version() == version) {
      return c;
    }
    Map<String, Query> queries = new LinkedHashMap<>();
    searches.forEach(
        (id, request) -> {
          try {
            queries.put(id, compile(gen, request));
          } catch (InvalidRequestException e) {
            // Valid when saved, not under the index's new catalog or analysis: it matches nothing until fixed.
            log.warn("saved search {} no longer compiles ({}: {}); it matches nothing", id, e.getMessage(), e.detail());
          }
        });
    c = new Compiled(gen, version, Map.copyOf(queries));
    compiled = c;
    return c;
  }

  private Query compile(Generation gen, SearchRequest request) {
    try {
      return backend.selectingQuery(gen, request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
