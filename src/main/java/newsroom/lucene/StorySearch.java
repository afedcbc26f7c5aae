package newsroom.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.backend.SearchRequest;
import newsroom.backend.SearchResponse.Copy;
import newsroom.backend.SearchResponse.Hit;
import newsroom.backend.SearchResponse.StoryCopies;
import newsroom.model.ArticleFields;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.grouping.GroupDocs;
import org.apache.lucene.search.grouping.GroupingSearch;
import org.apache.lucene.search.grouping.TopGroups;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.queries.function.valuesource.LongFieldSource;
import org.apache.lucene.util.mutable.MutableValue;

/**
 * {@code collapse=story}: one hit per story, with Lucene's grouping by the story key's doc values. Stories are
 * ranked by their best matching copy in the request's order, and that copy stands for the story; then the copies
 * of the page's stories are read (all that match, for the count and the outlets; the first by date listed).
 */
final class StorySearch {
  /** Grouping keeps the first pass's matches to replay them in the second, up to this much memory. */
  private static final double GROUPING_CACHE_MB = 16;

  private StorySearch() {}

  /** A page of stories: the copy standing for each, its story, and how many stories match in all. */
  record Page(ScoreDoc[] heads, String[] stories, long totalStories) {}

  static Page collapse(IndexSearcher searcher, Query matches, Sort sort, SearchRequest request) throws IOException {
    Sort order = sort == null ? Sort.RELEVANCE : sort;
    GroupingSearch grouping = new GroupingSearch(new LongFieldSource(StoryFields.STORY_KEY), new HashMap<>());
    grouping.setGroupSort(order);
    grouping.setSortWithinGroup(order);
    grouping.setGroupDocsLimit(1);
    grouping.setAllGroups(true);
    grouping.setCachingInMB(GROUPING_CACHE_MB, true);
    int offset = (request.page() - 1) * request.size();
    if (request.size() == 0) {
      TopGroups<MutableValue> counted = grouping.search(searcher, matches, 0, 1);
      return new Page(new ScoreDoc[0], new String[0], counted.totalGroupCount);
    }
    TopGroups<MutableValue> top = grouping.search(searcher, matches, offset, request.size());
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<ScoreDoc> heads = new ArrayList<>();
    List<String> stories = new ArrayList<>();
    for (GroupDocs<MutableValue> group : top.groups) {
      if (group.scoreDocs().length > 0) {
        ScoreDoc head = group.scoreDocs()[0];
        // Sorted by date, the group's documents carry no score; by relevance, the group's score is the head's.
        heads.add(new ScoreDoc(head.doc, sort == null ? group.score() : Float.NaN));
        stories.add(StoryFields.story(leaves, head.doc));
      }
    }
    return new Page(heads.toArray(ScoreDoc[]::new), stories.toArray(String[]::new), top.totalGroupCount);
  }

  /**
   * The copies of each story that match {@code matches}: how many, from how many outlets, and the first {@value
   * StoryCopies#SHOWN} by date (then id).
   */
  static Map<String, StoryCopies> copies(IndexSearcher searcher, Query matches, String[] stories) throws IOException {
    long[] keys = Arrays.stream(stories).filter(s -> s != null).mapToLong(StoryFields::key).distinct().toArray();
    Map<String, StoryCopies> found = new LinkedHashMap<>();
    if (keys.length == 0) {
      return found;
    }
    Query ofStories =
        new BooleanQuery.Builder()
            .add(matches, BooleanClause.Occur.MUST)
            .add(NumericDocValuesField.newSlowSetQuery(StoryFields.STORY_KEY, keys), BooleanClause.Occur.FILTER)
            .build();
    List<Integer> docs = new ArrayList<>();
    searcher.search(ofStories, new DocList(docs));
    Map<String, List<Copy>> byStory = new LinkedHashMap<>();
    StoredFields stored = searcher.getIndexReader().storedFields();
    Set<String> fields = Set.of(ArticleFields.ID, ArticleFields.TITLE, ArticleFields.SOURCE, ArticleFields.PUBLISHED);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int doc : docs) {
      Document d = stored.document(doc, fields);
      IndexableField published = d.getField(ArticleFields.PUBLISHED);
      byStory
          .computeIfAbsent(StoryFields.story(leaves, doc), s -> new ArrayList<>())
          .add(new Copy(d.get(ArticleFields.ID), d.get(ArticleFields.TITLE), d.get(ArticleFields.SOURCE),
              published == null ? null : Instant.ofEpochMilli(published.numericValue().longValue())));
    }
    Comparator<Copy> firstRun =
        Comparator.comparing(Copy::published, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Copy::id);
    byStory.forEach(
        (story, copies) -> {
          copies.sort(firstRun);
          Set<String> outlets = new HashSet<>();
          for (Copy c : copies) {
            if (c.source() != null && !c.source().isBlank()) {
              outlets.add(c.source().strip().toLowerCase(Locale.ROOT));
            }
          }
          found.put(
              story,
              new StoryCopies(story, copies.size(), outlets.size(),
                  List.copyOf(copies.subList(0, Math.min(StoryCopies.SHOWN, copies.size())))));
        });
    return found;
  }

  /** The page's hits, each with the copies of the story it stands for. */
  static List<Hit> withCopies(IndexSearcher searcher, Query matches, Page page, List<Hit> hits) throws IOException {
    Map<String, StoryCopies> copies = copies(searcher, matches, page.stories());
    List<Hit> withCopies = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      String story = page.stories()[i];
      withCopies.add(hits.get(i).withStory(story == null ? null : copies.get(story)));
    }
    return withCopies;
  }

  /** The first run of each story among the matches of {@code query} ({@link FirstRuns}). */
  static FirstRuns firstRuns(IndexSearcher searcher, Query query) throws IOException {
    return FirstRuns.of(searcher.getIndexReader(), searcher.search(query, new FacetsCollectorManager()));
  }

  /** Collects the numbers (in the whole reader) of the documents a query matches. */
  private static final class DocList extends SimpleCollector {
    private final List<Integer> docs;
    private int base;

    DocList(List<Integer> docs) {
      this.docs = docs;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      base = context.docBase;
    }

    @Override
    public void collect(int doc) {
      docs.add(base + doc);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
