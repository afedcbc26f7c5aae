package newsroom.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.backend.Feedback;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.backend.StoryOptions;

/**
 * A search a journalist follows: what it selects (the text and filters of a {@link SearchRequest}, without the
 * paging and sorting that only shape one page of results) and where its matches go besides its Atom feed.
 *
 * @param syntax how {@code q} is read: auto, lucene or plain (as the search's {@code syntax} parameter)
 * @param date the date drill-down (year, month, day; any prefix), empty for none
 * @param webhook an http(s) address that receives each match as a JSON POST; null for none
 */
public record SavedSearch(
    String id,
    String name,
    String q,
    String syntax,
    Map<String, List<String>> filters,
    List<String> date,
    Instant from,
    Instant to,
    String webhook,
    Instant created) {

  public SavedSearch {
    q = q == null ? "" : q;
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    date = date == null ? List.of() : List.copyOf(date);
  }

  /** The selecting part of a request, kept as it was given. */
  static SavedSearch of(String id, String name, SearchRequest request, String webhook, Instant created) {
    return new SavedSearch(
        id, name, request.query(), request.syntax().param(), request.filters(), request.datePath(), request.from(),
        request.to(), webhook, created);
  }

  /** The search it stands for: the articles this request finds are the ones it matches. */
  public SearchRequest request() {
    return new SearchRequest(
        q, filters, date, from, to, SortOrder.RELEVANCE, 1, 10, 1, QuerySyntax.parse(syntax), Feedback.NONE, false,
        null, StoryOptions.NONE);
  }
}
