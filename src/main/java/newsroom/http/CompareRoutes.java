package newsroom.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.analysis.Comparison;
import newsroom.backend.Interval;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.SearchBackend;
import newsroom.config.Catalog;
import newsroom.config.Dimension;

/**
 * {@code GET /api/compare}: attention over time, compared ({@link Comparison}).
 *
 * <pre>
 * series=name=Crude&amp;topic=crude     one series per parameter (up to 8), each a URL query string of its own:
 * series=q=wheat OR corn              name, q and facet filters (a dimension repeated ORs its values)
 * place=usa                           shared facet filters: narrow every series and the baseline
 * from=1987-03-01&amp;to=1987-06-30      the period (default: from the first to the last dated match of any series)
 * interval=auto|day|week|month|year   the bucket width (default auto: from the period)
 * format=json|csv                     the answer (csv: one row per bucket, a count and a ratio column per series)
 * count=articles|stories              count every article, or each story once, on the day of its first run
 * </pre>
 */
final class CompareRoutes {
  private static final String SERIES = "series";

  private final SearchBackend backend;

  CompareRoutes(SearchBackend backend) {
    this.backend = backend;
  }

  /** {@code count=stories}; collapsing or one story make no sense for counts over time. */
  private boolean countStories(Context ctx) {
    for (String misplaced : List.of("collapse", "story")) {
      if (ctx.queryParam(misplaced) != null) {
        throw new InvalidRequestException(
            "Unknown compare parameter '" + misplaced + "'", "compare counts articles or stories: use count=stories");
      }
    }
    return SearchParams.stories(ctx, backend).countStories();
  }

  void compare(Context ctx) {
    String format = SearchParams.single(ctx, "format");
    boolean csv = "csv".equals(format);
    if (format != null && !csv && !"json".equals(format)) {
      throw new InvalidRequestException("Unknown format '" + format + "'", "format must be json or csv");
    }
    Catalog catalog = backend.catalog();
    for (String misplaced : List.of("q", "date", "cursor")) {
      if (ctx.queryParam(misplaced) != null) {
        throw new InvalidRequestException(
            "Unknown compare parameter '" + misplaced + "'",
            misplaced.equals("q")
                ? "a query belongs to a series: series=q=..."
                : "give the period as from and to");
      }
    }
    List<Comparison.Series> series = new ArrayList<>();
    for (String spec : ctx.queryParams(SERIES)) {
      series.add(series(spec, catalog, series.size() + 1));
    }
    Map<String, List<String>> shared = new LinkedHashMap<>();
    for (Dimension dim : catalog.dimensions()) {
      List<String> values = ctx.queryParams(dim.name()).stream().filter(v -> !v.isBlank()).toList();
      if (!values.isEmpty() && !dim.hierarchical()) {
        shared.put(dim.name(), values);
      }
    }
    Comparison.Result result =
        Comparison.run(
            backend,
            new Comparison.Request(
                series,
                shared,
                SearchParams.date(ctx, "from", false),
                SearchParams.date(ctx, "to", true),
                Interval.parse(SearchParams.single(ctx, "interval")),
                countStories(ctx)));
    if (csv) {
      ctx.header("Content-Disposition", "attachment; filename=\"newsroom-compare.csv\"");
      ctx.contentType("text/csv; charset=utf-8").result(csv(result));
    } else {
      ctx.json(result);
    }
  }

  /** {@code name=Crude&topic=crude&q=...}: a series as a URL query string; anything else is a 400. */
  static Comparison.Series series(String spec, Catalog catalog, int number) {
    String name = null;
    String query = "";
    Map<String, List<String>> filters = new LinkedHashMap<>();
    List<String> described = new ArrayList<>();
    for (String pair : spec.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw badSyntax(spec, "'" + pair + "' is not key=value");
      }
      String key;
      String value;
      try {
        key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).strip();
        value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
      } catch (IllegalArgumentException e) {
        throw badSyntax(spec, "'" + pair + "' is not URL-encoded");
      }
      if (value.isEmpty()) {
        continue;
      }
      if (key.equals("name")) {
        if (name != null) {
          throw badSyntax(spec, "name is given twice");
        }
        name = value;
      } else if (key.equals("q")) {
        if (!query.isEmpty()) {
          throw badSyntax(spec, "q is given twice");
        }
        query = value;
        described.add(value);
      } else if (catalog.dimension(key).filter(d -> !d.hierarchical()).isPresent()) {
        filters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        described.add(key + ":" + value);
      } else {
        throw badSyntax(
            spec,
            "'" + key + "' is neither name, q nor a facet of this index (" + String.join(", ", flat(catalog)) + ")");
      }
    }
    if (name == null) {
      name = described.isEmpty() ? "series " + number : String.join(" ", described);
    }
    return new Comparison.Series(name, query, filters);
  }

  private static List<String> flat(Catalog catalog) {
    return catalog.dimensions().stream().filter(d -> !d.hierarchical()).map(Dimension::name).toList();
  }

  private static InvalidRequestException badSyntax(String spec, String why) {
    return new InvalidRequestException(
        "Unknown series syntax",
        "series '" + spec + "': " + why + ". A series is a query string such as name=Crude&topic=crude&q=oil");
  }

  /** bucket, start, end, all articles, then a count and a ratio column per series. */
  static String csv(Comparison.Result result) {
    StringBuilder out = new StringBuilder();
    List<Object> header = new ArrayList<>(List.of("bucket", "start", "end", "all_articles"));
    for (Comparison.SeriesTotal s : result.series()) {
      header.add(s.name());
      header.add(s.name() + " (share)");
    }
    out.append(Csv.line(header));
    for (Comparison.Bucket b : result.buckets()) {
      List<Object> row = new ArrayList<>(List.of(b.key(), b.start(), b.end(), b.total()));
      for (int i = 0; i < b.counts().size(); i++) {
        row.add(b.counts().get(i));
        row.add(b.ratios().get(i));
      }
      out.append(Csv.line(row));
    }
    return out.toString();
  }
}
