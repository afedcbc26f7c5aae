package newsroom.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.backend.Feedback;
import newsroom.backend.InvalidRequestException;
import newsroom.backend.QuerySyntax;
import newsroom.backend.SearchRequest;
import newsroom.backend.SortOrder;
import newsroom.backend.SearchBackend;
import newsroom.backend.StoryOptions;
import newsroom.config.Catalog;
import newsroom.config.Dimension;
import newsroom.config.SearchSettings;
import newsroom.model.Dates;

/**
 * Reads a {@link SearchRequest} from query parameters: {@code q}, one parameter per dimension of the served
 * catalog (repeat it to select several values; the date dimension takes a path such as {@code 2021/07}),
 * {@code from}/{@code to}, {@code sort}, {@code page}, {@code size}, {@code facet_limit}, {@code syntax},
 * {@code feedback}, {@code explain}, {@code cursor}, and the story options {@code collapse=story},
 * {@code story=<id>}, {@code count=articles|stories}. Ranges are checked by {@link SearchRequest#check}, the same for
 * every backend; story options are refused (501) by a backend that does not group stories.
 */
final class SearchParams {
  private SearchParams() {}

  static SearchRequest read(Context ctx, SearchBackend backend, SearchSettings settings) {
    Catalog catalog = backend.catalog();
    Map<String, List<String>> filters = new LinkedHashMap<>();
    List<String> datePath = List.of();
    for (Dimension dim : catalog.dimensions()) {
      if (dim.hierarchical()) {
        datePath = datePath(single(ctx, dim.name()), dim.name());
      } else {
        List<String> values = ctx.queryParams(dim.name()).stream().filter(v -> !v.isBlank()).toList();
        if (!values.isEmpty()) {
          filters.put(dim.name(), values);
        }
      }
    }
    return new SearchRequest(
        single(ctx, "q"),
        filters,
        datePath,
        date(ctx, "from", false),
        date(ctx, "to", true),
        SortOrder.parse(single(ctx, "sort")),
        integer(ctx, "page", 1),
        integer(ctx, "size", settings.defaultPageSize()),
        integer(ctx, "facet_limit", settings.facetValuesShown()),
        QuerySyntax.parse(single(ctx, "syntax")),
        Feedback.parse(single(ctx, "feedback")),
        bool(ctx, "explain"),
        single(ctx, "cursor"),
        stories(ctx, backend));
  }

  /** {@code collapse=story}, {@code story=<id>}, {@code count=articles|stories}; refused by a backend without stories. */
  static StoryOptions stories(Context ctx, SearchBackend backend) {
    String collapse = single(ctx, "collapse");
    if (collapse != null && !collapse.isBlank() && !collapse.strip().equals("story")) {
      throw new InvalidRequestException(
          "Invalid collapse", "collapse takes one value, story (one hit per story), not '" + collapse + "'");
    }
    String count = single(ctx, "count");
    if (count != null && !count.isBlank() && !count.strip().equals("stories") && !count.strip().equals("articles")) {
      throw new InvalidRequestException(
          "Invalid count", "count must be articles (every article) or stories (each story once), not '" + count + "'");
    }
    StoryOptions options =
        new StoryOptions(
            collapse != null && !collapse.isBlank(),
            single(ctx, "story"),
            count != null && count.strip().equals("stories"));
    if (options.any() && !backend.groupsStories()) {
      throw new UnsupportedOperationException(
          "this backend does not group copies into stories: collapse, story and count=stories need the Lucene"
              + " backend");
    }
    return options;
  }

  /** {@code true}/{@code false} (also 1/0, yes/no); absent is false. */
  static boolean bool(Context ctx, String name) {
    String value = single(ctx, name);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new InvalidRequestException("Invalid " + name, name + " must be true or false, not '" + value + "'");
    };
  }

  /** A parameter given once; a repeated one is an error rather than a silent pick. */
  static String single(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() > 1) {
      throw new InvalidRequestException("Repeated parameter '" + name + "'", name + " may be given once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** A whole number, read with Javalin's validator (a malformed one is a 400 naming the parameter). */
  static int integer(Context ctx, String name, int defaultValue) {
    String value = single(ctx, name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    return ctx.queryParamAsClass(name, Integer.class).get();
  }

  /** {@code to} given as a day includes that whole day. */
  static Instant date(Context ctx, String name, boolean endOfDay) {
    return date(single(ctx, name), name, endOfDay);
  }

  /** A date given as {@code value} for the parameter {@code name}; null when blank. */
  static Instant date(String value, String name, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant =
        Dates.parse(value)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "Invalid " + name + " date",
                        name + " must be an ISO date (2021-07-05) or date-time, not '" + value + "'"));
    return endOfDay && value.strip().length() == 10 ? instant.plus(Duration.ofDays(1)).minusMillis(1) : instant;
  }

  /** {@code 2021}, {@code 2021/07} or {@code 2021/07/05}, checked to be a real year, month and day. */
  static List<String> datePath(String value, String name) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    String v = value.strip();
    if (!v.matches("\\d{4}(/\\d{2}(/\\d{2})?)?")) {
      throw new InvalidRequestException(
          "Invalid date filter", name + " must look like 2021, 2021/07 or 2021/07/05, not '" + value + "'");
    }
    List<String> path = List.of(v.split("/"));
    if (path.size() >= 2) {
      int month = Integer.parseInt(path.get(1));
      int day = path.size() == 3 ? Integer.parseInt(path.get(2)) : 1;
      try {
        LocalDate.of(Integer.parseInt(path.get(0)), month, day);
      } catch (java.time.DateTimeException e) {
        throw new InvalidRequestException("Invalid date filter", "no such date: " + value);
      }
    }
    return path;
  }
}
