package newsroom.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param syntax how the query was read: {@code lucene} or {@code plain} ({@link QuerySyntax})
 * @param didYouMean other spellings of the query, from the index's own words, when it found little; best first
 * @param nextCursor in a cursor walk, the cursor of the next page; null when the walk is over or when the request
 *     had no cursor
 * @param stories how many stories the matches belong to, when the request collapsed or counted stories
 *     ({@link StoryOptions}); {@code total} still counts articles. Null otherwise.
 */
public record SearchResponse(
    String query,
    long total,
    long tookMs,
    int page,
    int size,
    String sort,
    List<Hit> hits,
    List<FacetView> facets,
    String syntax,
    List<Spelling> didYouMean,
    String nextCursor,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long stories) {

  public SearchResponse {
    didYouMean = didYouMean == null ? List.of() : List.copyOf(didYouMean);
  }
  /** The same answer, said to have taken {@code ms}. */
  public SearchResponse withTookMs(long ms) {
    return new SearchResponse(query, total, ms, page, size, sort, hits, facets, syntax, didYouMean, nextCursor, stories);
  }


  /** An answer without spelling suggestions, its query read as Lucene syntax. */
  public SearchResponse(
      String query, long total, long tookMs, int page, int size, String sort, List<Hit> hits, List<FacetView> facets) {
    this(query, total, tookMs, page, size, sort, hits, facets, QuerySyntax.LUCENE.param(), List.of(), null, null);
  }

  /** An answer that counts no stories. */
  public SearchResponse(
      String query, long total, long tookMs, int page, int size, String sort, List<Hit> hits, List<FacetView> facets,
      String syntax, List<Spelling> didYouMean, String nextCursor) {
    this(query, total, tookMs, page, size, sort, hits, facets, syntax, didYouMean, nextCursor, null);
  }

  public SearchResponse withDidYouMean(List<Spelling> suggestions) {
    return new SearchResponse(query, total, tookMs, page, size, sort, hits, facets, syntax, suggestions, nextCursor, stories);
  }

  /**
   * One matching article.
   *
   * @param titleHtml the title as HTML: escaped, matched terms in {@code <mark>}
   * @param snippets passages of the body as HTML: escaped, matched terms in {@code <mark>}
   * @param score relevance score (null when the index has none for this hit)
   * @param explanation what the score is made of, when the request asked ({@code explain=true}); else null
   * @param story with {@code collapse=story}: the story this hit stands for and its matching copies; else null
   */
  public record Hit(
      String id,
      String title,
      String source,
      String url,
      Instant published,
      Float score,
      String titleHtml,
      List<String> snippets,
      Map<String, List<String>> labels,
      @JsonInclude(JsonInclude.Include.NON_NULL) ScoreExplanation explanation,
      @JsonInclude(JsonInclude.Include.NON_NULL) StoryCopies story) {

    /** A hit with an explanation or none, standing for no story. */
    public Hit(
        String id,
        String title,
        String source,
        String url,
        Instant published,
        Float score,
        String titleHtml,
        List<String> snippets,
        Map<String, List<String>> labels,
        ScoreExplanation explanation) {
      this(id, title, source, url, published, score, titleHtml, snippets, labels, explanation, null);
    }

    /** A hit without an explanation. */
    public Hit(
        String id,
        String title,
        String source,
        String url,
        Instant published,
        Float score,
        String titleHtml,
        List<String> snippets,
        Map<String, List<String>> labels) {
      this(id, title, source, url, published, score, titleHtml, snippets, labels, null);
    }

    public Hit withExplanation(ScoreExplanation e) {
      return new Hit(id, title, source, url, published, score, titleHtml, snippets, labels, e, story);
    }

    public Hit withStory(StoryCopies copies) {
      return new Hit(id, title, source, url, published, score, titleHtml, snippets, labels, explanation, copies);
    }
  }

  /**
   * The story a collapsed hit stands for: the same wire story as run by several outlets.
   *
   * @param id the story's id (the id of its earliest article); {@code story=<id>} lists all its copies
   * @param copies how many articles of the story match the request (the hit among them)
   * @param outlets how many different sources those copies come from
   * @param shown the first of those copies by date (at most {@value #SHOWN}), the hit among them
   */
  public record StoryCopies(String id, long copies, int outlets, List<Copy> shown) {
    /** The most copies listed with a hit; the rest are found with {@code story=<id>}. */
    public static final int SHOWN = 10;
  }

  /** One copy of a story: which article, from which outlet, when. */
  public record Copy(String id, String title, String source, Instant published) {}

  /**
   * The main parts of a hit's score, largest first, and the rest summed up.
   *
   * @param score the hit's score
   * @param contributions the largest parts; they and {@code rest} add up to {@code score}
   * @param rest what the smaller parts not listed add up to
   */
  public record ScoreExplanation(float score, List<ScoreContribution> contributions, float rest) {}

  /**
   * One part of a score.
   *
   * @param kind what part of the query it comes from: {@code query} (the words as asked), {@code proximity} (query
   *     words close together), {@code entity} (another name of an entity the query names), {@code feedback} (a
   *     word added by pseudo-relevance feedback)
   * @param field the article field matched ({@code title}, {@code body}, ...)
   * @param match the indexed word, phrase or words matched, as the index holds them (analysed: lower case, stemmed)
   * @param value how much it adds to the score
   */
  public record ScoreContribution(String kind, String field, String match, float value) {}

  /**
   * A query spelled differently: {@code query} is the text to search instead (the page shows it as "Did you
   * mean ..."), {@code total} how many articles it finds.
   */
  public record Spelling(String query, long total) {}

  /**
   * Counts for one facet dimension, computed drill-sideways: a dimension's own selection does not narrow its
   * own counts, so the other values stay visible and can be added to the selection.
   *
   * @param path for the date: the selected year / month the values are children of; empty otherwise
   */
  public record FacetView(
      String name, String label, boolean hierarchical, List<String> path, List<FacetCount> values) {}

  public record FacetCount(String value, long count, boolean selected) {}
}
