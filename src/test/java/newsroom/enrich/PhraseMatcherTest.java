package newsroom.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matcher's shortcuts (word shapes, prefix index) must not change what it finds. */
class PhraseMatcherTest {

  private static PhraseMatcher<String> matcher(String... phrases) {
    PhraseMatcher<String> m = new PhraseMatcher<>();
    for (String p : phrases) {
      m.add(p, false, p);
    }
    return m;
  }

  @Test
  void prefixAndWildcardFirstWordsMatchAnywhere() {
    PhraseMatcher<String> m = matcher("regist* new user*", "* app", "delist*");
    assertEquals(
        List.of("delist*", "regist* new user*", "* app"),
        List.copyOf(m.find("Delisting came first; Registration new users later, then the ride app")));
    assertEquals(Set.of(), m.find("register old users; apple; listed"));
  }

  @Test
  void exactCasePrefixesKeepTheirCase() {
    PhraseMatcher<String> m = new PhraseMatcher<>();
    m.add("FT*", true, "exact");
    m.add("Boss", true, "Boss");
    assertEquals(Set.of("exact"), m.find("shares of FTA rose"));
    assertEquals(Set.of(), m.find("shares of fta rose; the boss left"));
  }

  @Test
  void wordsOfAnyLengthAndScriptAreLookedUp() {
    String longWord = "x".repeat(70);
    PhraseMatcher<String> m = matcher("Zürich Bank", longWord, "Ünal", "İstanbul*");
    assertEquals(
        List.of("Zürich Bank", longWord, "Ünal", "İstanbul*"),
        List.copyOf(m.find("ZÜRICH BANK, " + longWord.toUpperCase() + ", ünal and İstanbullu")));
  }

  @Test
  void wordsOfTheRightShapeButOtherLettersDoNotMatch() {
    PhraseMatcher<String> m = matcher("didi", "ipo");
    assertEquals(Set.of(), m.find("dido ips dadi Didier"));
    assertEquals(List.of("ipo", "didi"), List.copyOf(m.find("IPO of DiDi")));
  }
}
