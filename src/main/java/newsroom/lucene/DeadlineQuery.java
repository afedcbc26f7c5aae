package newsroom.lucene;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterDocIdSetIterator;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * A query that matches what {@code in} matches and looks at a {@link SearchDeadline} as its documents are
 * iterated (every 1,024 steps), throwing when it has passed. For drill-sideways searches: Lucene's own time limit
 * ({@code IndexSearcher.setTimeout}) scores in windows, which {@code DrillSidewaysScorer} refuses ("maxDoc must be
 * Integer.MAX_VALUE"), so there the time limit is enforced on the base query's iterator instead.
 */
final class DeadlineQuery extends Query {
  private final Query in;
  private final SearchDeadline deadline;

  DeadlineQuery(Query in, SearchDeadline deadline) {
    this.in = in;
    this.deadline = deadline;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = in.rewrite(searcher);
    return rewritten == in ? this : new DeadlineQuery(rewritten, deadline);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    Weight weight = in.createWeight(searcher, scoreMode, boost);
    return new FilterWeight(this, weight) {
      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false; // per search
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        ScorerSupplier supplier = in.scorerSupplier(context);
        if (supplier == null) {
          return null;
        }
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            return new Checked(supplier.get(leadCost));
          }

          @Override
          public long cost() {
            return supplier.cost();
          }

          @Override
          public void setTopLevelScoringClause() throws IOException {
            supplier.setTopLevelScoringClause();
          }
        };
      }
    };
  }

  /** The wrapped scorer, its iterators counting their steps. */
  private final class Checked extends Scorer {
    private final Scorer scorer;
    private int steps;

    Checked(Scorer scorer) {
      this.scorer = scorer;
    }

    private void step() {
      if ((++steps & 1023) == 0) {
        deadline.check();
      }
    }

    private DocIdSetIterator checked(DocIdSetIterator it) {
      return new FilterDocIdSetIterator(it) {
        @Override
        public int nextDoc() throws IOException {
          step();
          return super.nextDoc();
        }

        @Override
        public int advance(int target) throws IOException {
          step();
          return super.advance(target);
        }
      };
    }

    @Override
    public int docID() {
      return scorer.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return checked(scorer.iterator());
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
      if (twoPhase == null) {
        return null;
      }
      return new TwoPhaseIterator(checked(twoPhase.approximation())) {
        @Override
        public boolean matches() throws IOException {
          return twoPhase.matches();
        }

        @Override
        public float matchCost() {
          return twoPhase.matchCost();
        }
      };
    }

    @Override
    public float score() throws IOException {
      return scorer.score();
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      return scorer.getMaxScore(upTo);
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return scorer.advanceShallow(target);
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      scorer.setMinCompetitiveScore(minScore);
    }

    @Override
    public Collection<ChildScorable> getChildren() {
      return List.of(new ChildScorable(scorer, "MUST"));
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    in.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return in.toString(field);
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && in.equals(((DeadlineQuery) other).in) && deadline == ((DeadlineQuery) other).deadline;
  }

  @Override
  public int hashCode() {
    return classHash() * 31 + in.hashCode();
  }
}
