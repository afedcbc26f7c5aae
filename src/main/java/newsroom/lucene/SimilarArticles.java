package newsroom.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsroom.backend.SimilarArticle;
import newsroom.model.Article;
import newsroom.model.ArticleFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** "More like this": articles whose body shares the most distinctive terms of one article's body. */
final class SimilarArticles {
  private SimilarArticles() {}

  static Optional<List<SimilarArticle>> find(Generation gen, IndexSearcher searcher, String id, int limit)
      throws IOException {
    Query self = new TermQuery(new Term(ArticleFields.ID, id));
    TopDocs top = searcher.search(self, 1);
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(gen.analyzer);
    mlt.setFieldNames(new String[] {ArticleFields.BODY});
    // News briefs are short: a word said once can be what the story is about.
    mlt.setMinTermFreq(1);
    // A word no other article has cannot find another article.
    mlt.setMinDocFreq(2);
    Query like =
        new BooleanQuery.Builder()
            .add(mlt.like(top.scoreDocs[0].doc), BooleanClause.Occur.SHOULD)
            .add(self, BooleanClause.Occur.MUST_NOT)
            .build();
    var stored = searcher.storedFields();
    List<SimilarArticle> similar = new ArrayList<>();
    for (ScoreDoc d : searcher.search(like, limit).scoreDocs) {
      Article a = gen.documents.fromStored(stored.document(d.doc));
      similar.add(new SimilarArticle(a.id(), a.title(), a.source(), a.published(), d.score));
    }
    return Optional.of(similar);
  }
}
