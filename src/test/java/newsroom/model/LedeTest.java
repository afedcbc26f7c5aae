package newsroom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.ingest.Corpus;
import org.junit.jupiter.api.Test;

class LedeTest {

  @Test
  void seedArticlesOpenWithTheirFirstRealSentenceNotTheOutletOrACaption() throws IOException {
    List<Article> articles = new ArrayList<>();
    Corpus.at(TestIndexes.SEED_CORPUS, Corpus.defaultFormats()).read(articles::add, p -> {}, (f, b) -> {});
    Map<String, String> ledes = new HashMap<>();
    articles.forEach(a -> ledes.put(a.id(), Lede.of(a.body(), 2, 320)));

    // Opened by the outlet's name, a caption or a dateline before the story.
    assertTrue(ledes.get("newsbrief-2021-07-05-cac-probe-fta-boss-zhipin").startsWith("Close on heels of crackdown on Didi"),
        ledes.toString());
    assertTrue(ledes.get("dailynews-2021-07-05-regulators-target-kanzhun").split(" ").length >= Lede.MIN_WORDS,
        ledes.toString());
    assertTrue(!ledes.get("dailynews-2021-07-05-regulators-target-kanzhun").startsWith("Daily News"), ledes.toString());
    assertTrue(ledes.get("chinabystander-2021-07-05-tech-crackdown-cracks-on")
        .startsWith("THE CRACKDOWN ON fast-growing technology firms continues apace."), ledes.toString());
    assertTrue(ledes.get("rt-2021-07-05-china-cracks-down-personal-data").startsWith("Chinese regulators have launched"),
        ledes.toString());
    // Bullet points under the headline are a summary, not the story's first sentence.
    assertTrue(ledes.get("scmp-2022-06-29-fta-kanzhun-registrations").startsWith("China’s internet watchdog"),
        ledes.toString());
    ledes.values().forEach(l -> assertTrue(l.length() <= 321, l));
  }

  @Test
  void textWrappedAtAFixedWidthIsJoinedBackIntoSentences() {
    String wire = "BAHIA COCOA REVIEW\n"
        + "    Showers continued throughout the week in\n"
        + "the Bahia cocoa zone, alleviating the drought since early\n"
        + "January and improving prospects for the coming temporao.\n"
        + "    Comissaria Smith said arrivals were slightly ahead of last year.\n";
    assertEquals(
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early"
            + " January and improving prospects for the coming temporao. Comissaria Smith said arrivals were"
            + " slightly ahead of last year.",
        Lede.of(wire, 2, 320));
  }

  @Test
  void noSentenceFallsBackToTheFirstLineAndLongTextIsCutAtAWord() {
    assertEquals("Brief: rates unchanged", Lede.of("\nBrief: rates unchanged\nmore", 2, 320));
    assertEquals("", Lede.of("  ", 2, 320));
    String longSentence = "word ".repeat(100).strip() + ".";
    String cut = Lede.of(longSentence, 2, 50);
    assertTrue(cut.endsWith("\u2026") && cut.length() <= 51, cut);
    assertEquals("One two three four five six. Seven eight nine ten eleven twelve.",
        Lede.of("One two three four five six. Seven eight nine ten eleven twelve. Thirteen a b c d e.", 2, 320));
  }
}
