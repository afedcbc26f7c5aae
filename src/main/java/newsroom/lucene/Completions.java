package newsroom.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsroom.backend.Suggestion;
import newsroom.config.Dimension;
import newsroom.model.ArticleFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup.LookupResult;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Autocomplete for the search box, with Lucene's suggest module: two {@link AnalyzingInfixSuggester}s built from
 * one reader of the index, one over the articles' titles (newest first; its payload is the article id) and one
 * over the values of the flat facet dimensions (most articles first; its payload is the dimension). Each word
 * typed must start a word of the title or value, in any order; the last word is taken as a prefix. The suggesters
 * live in memory and are rebuilt when the index changes (see {@link LuceneBackend#suggest}).
 */
final class Completions {
  /** Values listed first, before titles, when there are both. */
  private static final int VALUES_FIRST = 3;

  private final AnalyzingInfixSuggester titles;
  private final AnalyzingInfixSuggester values;
  private final Analyzer analyzer;
  final long readerVersion;

  private Completions(AnalyzingInfixSuggester titles, AnalyzingInfixSuggester values, Analyzer analyzer, long version) {
    this.titles = titles;
    this.values = values;
    this.analyzer = analyzer;
    this.readerVersion = version;
  }

  /** Words lower-cased and folded to ASCII, not stemmed: what is typed is a prefix of what is written. */
  static Analyzer analyzer() {
    try {
      return CustomAnalyzer.builder().withTokenizer("standard").addTokenFilter("lowercase").addTokenFilter("asciiFolding").build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Completions build(Generation gen, FacetedSearcher searcher, long version) throws IOException {
    Analyzer analyzer = analyzer();
    IndexReader reader = searcher.getIndexReader();
    List<Entry> titleEntries = new ArrayList<>();
    StoredFields stored = reader.storedFields();
    Bits live = MultiBits.getLiveDocs(reader);
    Set<String> wanted = Set.of(ArticleFields.ID, ArticleFields.TITLE, ArticleFields.PUBLISHED);
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      Document d = stored.document(doc, wanted);
      String title = d.get(ArticleFields.TITLE);
      if (title == null || title.isBlank()) {
        continue;
      }
      var published = d.getField(ArticleFields.PUBLISHED);
      // Newer first: the weight is the day of publication (undated articles last).
      long weight = published == null ? 0 : Math.max(0, published.numericValue().longValue() / 86_400_000L + 100_000L);
      titleEntries.add(new Entry(title.strip(), weight, d.get(ArticleFields.ID)));
    }
    List<Entry> valueEntries = new ArrayList<>();
    if (searcher.facetState() != null) {
      SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(searcher.facetState());
      for (Dimension dim : gen.schema.catalog().dimensions()) {
        if (dim.hierarchical()) {
          continue;
        }
        FacetResult all = counts.getAllChildren(dim.name());
        if (all != null) {
          for (LabelAndValue lv : all.labelValues) {
            valueEntries.add(new Entry(lv.label, lv.value.longValue(), dim.name()));
          }
        }
      }
    }
    return new Completions(suggester(analyzer, titleEntries), suggester(analyzer, valueEntries), analyzer, version);
  }

  private static AnalyzingInfixSuggester suggester(Analyzer analyzer, List<Entry> entries) throws IOException {
    AnalyzingInfixSuggester s = new AnalyzingInfixSuggester(new ByteBuffersDirectory(), analyzer, analyzer, 2, false, true, false);
    s.build(new Entries(entries));
    return s;
  }

  /** Values (at most three when titles follow), then titles, then more values; at most {@code limit}. */
  List<Suggestion> lookup(String text, int limit) throws IOException {
    List<String> typed = PlainWords.tokens(analyzer, "", text);
    if (typed.isEmpty()) {
      return List.of();
    }
    List<LookupResult> v = values.getCount() == 0 ? List.of() : values.lookup(text, limit, true, false);
    List<LookupResult> t = titles.getCount() == 0 ? List.of() : titles.lookup(text, limit, true, false);
    List<Suggestion> out = new ArrayList<>();
    int firstValues = t.isEmpty() ? limit : Math.min(VALUES_FIRST, limit);
    Iterator<LookupResult> vi = v.iterator();
    while (vi.hasNext() && out.size() < firstValues) {
      out.add(value(vi.next(), typed));
    }
    for (LookupResult r : t) {
      if (out.size() >= limit) {
        break;
      }
      String key = r.key.toString();
      out.add(Suggestion.title(key, mark(key, typed), r.payload.utf8ToString()));
    }
    while (vi.hasNext() && out.size() < limit) {
      out.add(value(vi.next(), typed));
    }
    return out;
  }

  private static Suggestion value(LookupResult r, List<String> typed) {
    String key = r.key.toString();
    return Suggestion.value(r.payload.utf8ToString(), key, mark(key, typed), r.value);
  }

  /**
   * {@code text} as HTML, escaped, with the words that start with a typed word in {@code <mark>} (compared lower
   * case and without accents, as the suggester does).
   */
  static String mark(String text, List<String> typed) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(text);
    int last = 0;
    while (m.find()) {
      String folded = fold(m.group());
      boolean hit = typed.stream().anyMatch(folded::startsWith);
      if (hit) {
        escape(text.substring(last, m.start()), out);
        out.append("<mark>");
        escape(m.group(), out);
        out.append("</mark>");
        last = m.end();
      }
    }
    escape(text.substring(last), out);
    return out.toString();
  }

  private static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  private static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }

  private record Entry(String text, long weight, String payload) {}

  /** Entries as the suggester's input: text, weight, payload; no contexts. */
  private static final class Entries implements InputIterator {
    private final Iterator<Entry> it;
    private Entry current;

    Entries(List<Entry> entries) {
      this.it = entries.iterator();
    }

    @Override
    public BytesRef next() {
      if (!it.hasNext()) {
        current = null;
        return null;
      }
      current = it.next();
      return new BytesRef(current.text());
    }

    @Override
    public long weight() {
      return current.weight();
    }

    @Override
    public BytesRef payload() {
      return new BytesRef(current.payload().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean hasPayloads() {
      return true;
    }

    @Override
    public Set<BytesRef> contexts() {
      return null;
    }

    @Override
    public boolean hasContexts() {
      return false;
    }
  }
}
