package newsroom.http;

import io.javalin.http.Context;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.config.SearchSettings;

/**
 * {@code GET /api/significant-terms}: the words and two-word phrases over-represented in a search's matches
 * compared with the whole index. Takes the search parameters of {@code /api/search}; {@code size} is how many
 * terms (default 20, at most 100).
 */
final class SignificantTermsRoutes {
  static final int DEFAULT_SIZE = 20;

  private final SearchBackend backend;
  private final SearchSettings settings;

  SignificantTermsRoutes(SearchBackend backend, SearchSettings settings) {
    this.backend = backend;
    this.settings = settings;
  }

  void terms(Context ctx) {
    int size = SearchParams.integer(ctx, "size", DEFAULT_SIZE);
    SearchRequest request = SearchParams.read(ctx, backend, settings).withPage(1, 0).withCursor(null);
    ctx.json(backend.significantTerms(request, size));
  }
}
