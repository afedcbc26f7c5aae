package newsroom.config;

import java.util.List;

/**
 * How relevance is ranked, from the {@code ranking} object of index-config/search.json. Each part can be left out:
 * what is missing ranks as plain BM25 with Lucene's defaults did (k1 1.2, b 0.75, no proximity, no entity names,
 * no feedback), so the figures of docs/ranking.md can be reproduced part by part.
 *
 * <p>Everything but {@code bm25} applies to plain-word queries only (see {@code newsroom.backend.QuerySyntax}): a
 * query in Lucene syntax keeps its exact meaning.
 */
public record RankingSettings(Bm25 bm25, Proximity proximity, Entities entities, Feedback feedback, Spelling spelling) {

  public RankingSettings {
    bm25 = bm25 == null ? new Bm25(null, null) : bm25;
    proximity = proximity == null ? new Proximity(null, null, null, null) : proximity;
    entities = entities == null ? new Entities(null, null) : entities;
    feedback = feedback == null ? new Feedback(null, null, null, null, null) : feedback;
    spelling = spelling == null ? new Spelling(null, null) : spelling;
  }

  /** Plain BM25 as Lucene ranks by default, none of the aids. */
  public static RankingSettings classic() {
    return new RankingSettings(null, null, null, null, null);
  }

  /**
   * BM25's parameters: {@code k1} how fast repeated words stop counting, {@code b} how much a long article's
   * words count for less. Norms are the same for any values, so they change without a re-index.
   */
  public record Bm25(Float k1, Float b) {
    public Bm25 {
      k1 = k1 == null ? 1.2f : k1;
      b = b == null ? 0.75f : b;
      if (k1 < 0 || b < 0 || b > 1) {
        throw new IllegalArgumentException("search.json: ranking.bm25 needs k1 >= 0 and 0 <= b <= 1");
      }
    }
  }

  /**
   * A boost for articles where two consecutive words of the query occur close together, as in a sequential
   * dependence model: each such pair adds up to {@code weight} when the two occur within {@code window} words of
   * each other in any order, and up to {@code phraseWeight} more when they occur side by side in the order typed
   * (each a saturating function of how often and how tightly, half of it at {@code pivot}). Weights 0 turn it off.
   */
  public record Proximity(Float weight, Integer window, Float phraseWeight, Float pivot) {
    public Proximity {
      weight = weight == null ? 0f : weight;
      window = window == null ? 8 : window;
      phraseWeight = phraseWeight == null ? 0f : phraseWeight;
      pivot = pivot == null ? 1f : pivot;
      if (weight < 0 || phraseWeight < 0 || window < 2 || pivot <= 0) {
        throw new IllegalArgumentException(
            "search.json: ranking.proximity needs weight >= 0, phrase_weight >= 0, window >= 2, pivot > 0");
      }
    }

    public boolean enabled() {
      return weight > 0 || phraseWeight > 0;
    }
  }

  /**
   * Query-time expansion with the entity dictionaries: a query naming an entity (a company by its name or any
   * alias) also searches its other names, each such match counting {@code weight} times a match of the words
   * typed, so an article that only says "Boss Zhipin" is found for "Kanzhun", a little below the exact mentions.
   * {@code dimensions} are the dictionary dimensions used (companies and regulators are names; action phrases are
   * not). Weight 0 turns it off.
   */
  public record Entities(Float weight, List<String> dimensions) {
    public Entities {
      weight = weight == null ? 0f : weight;
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
      if (weight < 0) {
        throw new IllegalArgumentException("search.json: ranking.entities.weight must be >= 0");
      }
    }

    public boolean enabled() {
      return weight > 0 && !dimensions.isEmpty();
    }
  }

  /**
   * Pseudo-relevance feedback (RM3, as Anserini does it): the first {@code docs} hits of the query are taken as
   * relevant; the {@code terms} words that weigh most in them (words in more than {@code maxDocShare} of all
   * articles are left out) are added to the query, the query's own words keeping {@code originalWeight} of the
   * total weight. {@code method} is the default for plain-word queries ({@code rm3} or {@code none}); a request
   * may ask otherwise ({@code feedback=}). The articles matched stay those the query's own words match: the
   * added words only reorder them, so totals and facet counts keep their meaning.
   */
  public record Feedback(String method, Integer docs, Integer terms, Float originalWeight, Float maxDocShare) {
    public Feedback {
      method = method == null ? "none" : method;
      docs = docs == null ? 10 : docs;
      terms = terms == null ? 10 : terms;
      originalWeight = originalWeight == null ? 0.5f : originalWeight;
      maxDocShare = maxDocShare == null ? 0.1f : maxDocShare;
      if (!method.equals("none") && !method.equals("rm3")) {
        throw new IllegalArgumentException("search.json: ranking.feedback.method is 'rm3' or 'none', not '" + method + "'");
      }
      if (docs < 1 || terms < 1 || originalWeight < 0 || originalWeight > 1 || maxDocShare <= 0) {
        throw new IllegalArgumentException(
            "search.json: ranking.feedback needs docs >= 1, terms >= 1, 0 <= original_weight <= 1, max_doc_share > 0");
      }
    }
  }

  /**
   * "Did you mean": when a query finds fewer than {@code belowHits} articles, each of its words that the index has
   * in fewer than that many articles is checked against the index's own words (at most {@code maxEdits} letters
   * apart, 1 or 2), and the query with the best corrections is offered.
   */
  public record Spelling(Integer belowHits, Integer maxEdits) {
    public Spelling {
      belowHits = belowHits == null ? 3 : belowHits;
      maxEdits = maxEdits == null ? 2 : maxEdits;
      if (belowHits < 0 || maxEdits < 1 || maxEdits > 2) {
        throw new IllegalArgumentException("search.json: ranking.spelling needs below_hits >= 0 and max_edits 1 or 2");
      }
    }
  }
}
