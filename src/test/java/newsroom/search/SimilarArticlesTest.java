package newsroom.search;

import newsroom.backend.InvalidRequestException;
import newsroom.backend.SimilarArticle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newsroom.SeedCorpus;
import newsroom.TestIndexes;
import newsroom.lucene.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "More like this": the articles that share an article's distinctive words, never the article itself. */
class SimilarArticlesTest {
  @TempDir static Path tmp;
  static LuceneBackend searcher;

  @BeforeAll
  static void buildIndex() throws Exception {
    // Two stories on glaciers share their words; the third, on chip exports, shares none with them.
    Path corpus = TestIndexes.copyOfSeedCorpus(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("more.jsonl"),
        String.join(
            "\n",
            "{\"id\":\"glacier-1\",\"title\":\"Glacier retreat\",\"published\":\"2023-03-01\","
                + "\"body\":\"Meltwater from the Vatnajokull glacier flooded the fjord as the glacier retreat sped up.\"}",
            "{\"id\":\"glacier-2\",\"title\":\"Fjord floods\",\"published\":\"2023-03-02\","
                + "\"body\":\"Scientists measured glacier meltwater entering the fjord below Vatnajokull.\"}",
            "{\"id\":\"chips\",\"title\":\"Export licences\",\"published\":\"2023-03-03\","
                + "\"body\":\"Semiconductor export licences were tightened for lithography equipment.\"}"));
    TestIndexes.build(corpus, tmp.resolve("index"));
    searcher = TestIndexes.open(tmp.resolve("index"), false);
  }

  @AfterAll
  static void close() throws Exception {
    searcher.close();
  }

  static List<String> ids(List<SimilarArticle> similar) {
    return similar.stream().map(SimilarArticle::id).toList();
  }

  @Test
  void theArticleSharingTheDistinctiveWordsComesFirstAndUnrelatedOnesNot() {
    // Common words ("from", "up") may bring in other articles further down; the glacier stories lead.
    List<String> likeFirst = ids(searcher.similar("glacier-1", 10).orElseThrow());
    assertEquals("glacier-2", likeFirst.get(0), likeFirst.toString());
    assertFalse(likeFirst.contains("chips"), likeFirst.toString());
    assertEquals("glacier-1", ids(searcher.similar("glacier-2", 10).orElseThrow()).get(0));
    List<String> likeChips = ids(searcher.similar("chips", 10).orElseThrow());
    assertFalse(likeChips.contains("glacier-1") || likeChips.contains("glacier-2"), likeChips.toString());
  }

  @Test
  void seedArticlesFindOtherSeedArticlesButNeverThemselves() {
    for (String id : SeedCorpus.allIds()) {
      List<String> similar = ids(searcher.similar(id, 3).orElseThrow());
      assertFalse(similar.isEmpty(), id);
      assertTrue(similar.size() <= 3, id);
      assertFalse(similar.contains(id), id);
      // They are all on the same reviews; the made-up stories above share none of their words.
      assertTrue(SeedCorpus.allIds().containsAll(similar), id + " -> " + similar);
    }
  }

  @Test
  void unknownIdIsEmptyAndSizeIsChecked() {
    assertTrue(searcher.similar("no-such-article", 5).isEmpty());
    assertThrows(InvalidRequestException.class, () -> searcher.similar("glacier-1", 0));
    assertThrows(InvalidRequestException.class, () -> searcher.similar("glacier-1", 1000));
  }
}
