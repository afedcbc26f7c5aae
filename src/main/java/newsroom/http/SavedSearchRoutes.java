package newsroom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.alerts.Alerts;
import newsroom.alerts.Delivery;
import newsroom.alerts.SavedSearch;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchBackend;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.backend.StoryOptions;
import newsroom.config.Json;
import newsroom.config.SearchSettings;

/**
 * Saved searches over HTTP: create and delete (write token), list, get, and each one's Atom feed. A saved search
 * is refused exactly as a search with the same q and filters would be; the rest is {@link Alerts}' business.
 */
final class SavedSearchRoutes {
  /** The most saved searches' deliveries shown in one answer. */
  private static final int DELIVERIES_SHOWN = 50;

  /** What POST takes: a name, the search (as the search API's parameters), an optional webhook. */
  record Body(
      String name, String q, String syntax, Map<String, List<String>> filters, String date, String from, String to,
      String webhook) {}

  private final Alerts alerts; // null: saved searches are off on this server
  private final SearchBackend backend;
  private final SearchSettings settings;
  private final long maxBodyBytes;

  SavedSearchRoutes(Alerts alerts, SearchBackend backend, SearchSettings settings, long maxBodyBytes) {
    this.alerts = alerts;
    this.backend = backend;
    this.settings = settings;
    this.maxBodyBytes = maxBodyBytes;
  }

  void create(Context ctx) throws IOException {
    Body body;
    try {
      body = Json.MAPPER.readValue(RequestBodies.utf8(ctx, maxBodyBytes), Body.class);
    } catch (JsonProcessingException e) {
      throw ApiErrors.of(HttpStatus.BAD_REQUEST, "Invalid body",
          "send a JSON object {name, q, filters, date, from, to, syntax, webhook}: " + e.getOriginalMessage());
    }
    if (body == null) {
      throw ApiErrors.of(HttpStatus.BAD_REQUEST, "Invalid body", "send a JSON object {name, q, ...}");
    }
    SavedSearch saved = alerts().create(body.name(), request(body), body.webhook());
    ctx.status(HttpStatus.CREATED).header("Location", "/api/saved-searches/" + AtomFeed.segment(saved.id()));
    ctx.json(view(saved, true));
  }

  /** The search the body describes, read as the search API reads its parameters. */
  private SearchRequest request(Body body) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    if (body.filters() != null) {
      body.filters().forEach((dim, values) -> {
        List<String> given = values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (!given.isEmpty()) {
          filters.put(dim, given);
        }
      });
    }
    String dateName = backend.catalog().dateDimension().map(d -> d.name()).orElse("date");
    return new SearchRequest(
        body.q(), filters, SearchParams.datePath(body.date(), dateName), SearchParams.date(body.from(), "from", false),
        SearchParams.date(body.to(), "to", true), SortOrder.RELEVANCE, 1, settings.defaultPageSize(), 1,
        QuerySyntax.parse(body.syntax()), null, false, null, StoryOptions.NONE);
  }

  void list(Context ctx) {
    ctx.json(Map.of("saved_searches", alerts().list().stream().map(s -> view(s, false)).toList()));
  }

  void get(Context ctx) {
    ctx.json(view(found(ctx), true));
  }

  void delete(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    if (!alerts().delete(id)) {
      throw notFound(id);
    }
    ctx.json(Map.of("deleted", id));
  }

  void feed(Context ctx) {
    SavedSearch search = found(ctx);
    String base = ctx.scheme() + "://" + ctx.host();
    ctx.contentType(AtomFeed.MEDIA_TYPE + "; charset=utf-8")
        .result(AtomFeed.of(search, alerts().feed(search.id()), base, pageQuery(search)));
  }

  private SavedSearch found(Context ctx) {
    String id = ctx.pathParam("id");
    return alerts().get(id).orElseThrow(() -> notFound(id));
  }

  private static HttpResponseException notFound(String id) {
    return ApiErrors.of(HttpStatus.NOT_FOUND, "Not found", "no saved search with id '" + id + "'");
  }

  private Alerts alerts() {
    if (alerts == null) {
      throw new UnsupportedOperationException(
          "saved searches need a server that takes live writes (a write token) on the embedded Lucene backend");
    }
    return alerts;
  }

  /**
   * A saved search as answered: its search, links to its feed and to its results on the page, and how its
   * webhook is doing. The webhook's address is shown by host only: its path often carries a secret, and reading
   * saved searches needs no token.
   */
  private Map<String, Object> view(SavedSearch s, boolean withDeliveries) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("name", s.name());
    v.put("q", s.q());
    v.put("syntax", s.syntax());
    v.put("filters", s.filters());
    v.put("date", s.date().isEmpty() ? null : String.join("/", s.date()));
    v.put("from", s.from());
    v.put("to", s.to());
    v.put("created", s.created());
    v.put("feed", "/api/saved-searches/" + AtomFeed.segment(s.id()) + "/feed.atom");
    v.put("page", "/" + (pageQuery(s).isEmpty() ? "" : "?" + pageQuery(s)));
    v.put("matches", alerts.feed(s.id()).size());
    if (s.webhook() == null) {
      v.put("webhook", null);
      return v;
    }
    List<Delivery> deliveries = alerts.deliveries(s.id());
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("host", URI.create(s.webhook()).getHost());
    for (Delivery.State state : Delivery.State.values()) {
      hook.put(state.name().toLowerCase(java.util.Locale.ROOT),
          deliveries.stream().filter(d -> d.state() == state).count());
    }
    hook.put("last_error", deliveries.stream().map(Delivery::lastError).filter(e -> e != null).findFirst().orElse(null));
    if (withDeliveries) {
      hook.put("deliveries", deliveries.stream().limit(DELIVERIES_SHOWN).map(SavedSearchRoutes::delivery).toList());
    }
    v.put("webhook", hook);
    return v;
  }

  private static Map<String, Object> delivery(Delivery d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("delivery_id", d.match().deliveryId());
    v.put("article_id", d.match().articleId());
    v.put("state", d.state().name().toLowerCase(java.util.Locale.ROOT));
    v.put("attempts", d.attempts());
    v.put("last_error", d.lastError());
    return v;
  }

  /** The search as the page's query string (q, filters, date, from, to), for links to its results. */
  private static String pageQuery(SavedSearch s) {
    StringBuilder q = new StringBuilder();
    param(q, "q", s.q());
    s.filters().forEach((dim, values) -> values.forEach(v -> param(q, dim, v)));
    param(q, "date", String.join("/", s.date()));
    param(q, "from", s.from() == null ? "" : s.from().toString());
    param(q, "to", s.to() == null ? "" : s.to().toString());
    return q.toString();
  }

  private static void param(StringBuilder q, String name, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    q.append(q.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
