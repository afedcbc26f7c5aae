package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import newsroom.config.StorySettings;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import newsroom.stories.Signature;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The story of an article written live: the served articles sharing a band key with it are its candidates (most
 * shared bands first); those whose signature confirms the match name the stories it may join, and it joins the
 * one whose earliest article is earliest (by date, then id). No match: a story of its own.
 *
 * <p>Stories are not merged or renamed live: an article that arrives late but is earlier than a story's first one
 * joins that story without becoming its name, and an article bridging two stories joins one. A re-index groups
 * everything afresh, as a batch build does.
 */
final class LiveStories {
  /** The most candidates looked at for one article: a story run more often than this is found all the same. */
  private static final int MAX_CANDIDATES = 1000;

  private LiveStories() {}

  /** An article written earlier in the same write, not yet searchable: a candidate too. */
  record Written(Signature signature, Candidate story) {}

  /** A story an article may join, with the publication time (epoch ms, undated last) of its earliest article. */
  record Candidate(String story, long published) {
    static final Comparator<Candidate> EARLIEST =
        Comparator.comparingLong(Candidate::published).thenComparing(Candidate::story);
  }

  /** The story {@code article} joins, and its date, given its signature (null when too short to group). */
  static Candidate assign(
      IndexSearcher searcher, Article article, Signature signature, StorySettings settings, List<Written> earlier)
      throws IOException {
    long own = article.published() == null ? Long.MAX_VALUE : article.published().toEpochMilli();
    Candidate alone = new Candidate(article.id(), own);
    if (signature == null) {
      return alone;
    }
    List<Candidate> joinable = new ArrayList<>();
    for (Written w : earlier) {
      if (w.signature() != null && w.signature().similarity(signature) >= settings.threshold()) {
        joinable.add(w.story());
      }
    }
    BooleanQuery.Builder bands = new BooleanQuery.Builder();
    for (String key : signature.bandKeys(settings)) {
      bands.add(new TermQuery(new Term(StoryFields.BANDS, key)), BooleanClause.Occur.SHOULD);
    }
    Query candidates =
        new BooleanQuery.Builder()
            .add(bands.build(), BooleanClause.Occur.MUST)
            // The article's own earlier version is replaced by this write: it is no copy of itself.
            .add(new TermQuery(new Term(ArticleFields.ID, article.id())), BooleanClause.Occur.MUST_NOT)
            .build();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    TopDocs top = searcher.search(candidates, MAX_CANDIDATES);
    for (ScoreDoc hit : top.scoreDocs) {
      Signature other = StoryFields.signature(leaves, hit.doc);
      if (other != null && other.similarity(signature) >= settings.threshold()) {
        String story = StoryFields.story(leaves, hit.doc);
        if (story != null && joinable.stream().noneMatch(c -> c.story().equals(story))) {
          joinable.add(new Candidate(story, firstPublished(searcher, story, StoryFields.published(leaves, hit.doc))));
        }
      }
    }
    return joinable.stream().min(Candidate.EARLIEST).orElse(alone);
  }

  /** When a story's earliest article (the one it is named after) was published; {@code otherwise} if it is gone. */
  private static long firstPublished(IndexSearcher searcher, String story, long otherwise) throws IOException {
    TopDocs first = searcher.search(new TermQuery(new Term(ArticleFields.ID, story)), 1);
    return first.scoreDocs.length == 0
        ? otherwise
        : StoryFields.published(searcher.getIndexReader().leaves(), first.scoreDocs[0].doc);
  }
}
