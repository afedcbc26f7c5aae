package newsroom.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsroom.TestIndexes;
import newsroom.model.Article;
import newsroom.config.Catalog;
import org.junit.jupiter.api.Test;

class TagDictionaryTest {
  static final Path CONFIG = TestIndexes.CONFIG;
  static final TagDictionary companies = TagDictionary.load(CONFIG.resolve("entities/company.json"));
  static final TagDictionary regulators = TagDictionary.load(CONFIG.resolve("entities/regulator.json"));
  static final TagDictionary actions = TagDictionary.load(CONFIG.resolve("actions.json"));

  @Test
  void aliasesMapToTheCanonicalName() {
    assertEquals(List.of("Kanzhun"), companies.tag("the job board Boss Zhipin"));
    assertEquals(List.of("Kanzhun"), companies.tag("Online recruiter Zhipin, ..."));
    assertEquals(List.of("Full Truck Alliance"), companies.tag("platforms Yunmanman and Huochebang"));
    assertEquals(List.of("Didi"), companies.tag("Didi Chuxing's app"));
    assertEquals(
        List.of("Cyberspace Administration of China"),
        regulators.tag("a notice posted by the Cybersecurity Review Office on Monday"));
    assertEquals(List.of("Cyberspace Administration of China"), regulators.tag("The CAC said"));
  }

  @Test
  void matchesWholeWordsIgnoringCase() {
    assertEquals(List.of("Didi"), companies.tag("DIDI shares fell"));
    assertEquals(List.of(), companies.tag("Didier Drogba visited Tencentville"));
    assertEquals(List.of("Didi"), companies.tag("Didi’s vice president")); // curly apostrophe ends the word
  }

  @Test
  void exactCaseAliasesDoNotMatchOrdinaryWords() {
    assertEquals(List.of("Full Truck Alliance"), companies.tag("shares of FTA rose"));
    assertEquals(List.of(), regulators.tag("the cac of the crowd")); // "cac" in lower case is not the regulator
  }

  @Test
  void actionPhrasesAndPatterns() {
    assertEquals(List.of("cybersecurity review opened"), actions.tag("opened a cybersecurity review into"));
    assertEquals(
        List.of("new-user registration suspended"),
        actions.tag("all three companies are prohibited to register new users"));
    assertEquals(List.of("app removed from stores"), actions.tag("ordered to remove the ride-hailing Didi app from"));
    assertEquals(List.of("registrations resumed"), actions.tag("can now resume new user registrations"));
    assertEquals(List.of("rectification"), actions.tag("Both companies have rectified problems"));
    assertEquals(List.of(), actions.tag("the app is popular"));
  }

  @Test
  void enricherAddsEveryDimensionAndKeepsLabelsTheArticleCameWith() {
    Enricher enricher = Enricher.forCatalog(CONFIG, Catalog.load(CONFIG, Catalog.DEFAULT_PROFILE));
    Article a =
        new Article("x", "Boss Zhipin probe", "The CAC opened a cybersecurity review.", null, null, null,
            Map.of("company", List.of("Acme")));
    Article tagged = enricher.enrich(a);
    assertEquals(List.of("Acme", "Kanzhun"), tagged.labels().get("company"));
    assertEquals(List.of("Cyberspace Administration of China"), tagged.labels().get("regulator"));
    assertEquals(List.of("cybersecurity review opened"), tagged.labels().get("action"));
  }

  @Test
  void aPatternIsTriedOnlyWhereItsFirstWordIs() {
    assertEquals("remov", TagDictionary.requiredWord("\\bremov(?:e|ed|es|ing|al)\\b(?:\\W+\\w+){0,5}?\\W+apps?\\b"));
    assertEquals("app", TagDictionary.requiredWord("\\bapps?\\b"));
    assertEquals(null, TagDictionary.requiredWord("\\bremoved|\\bdeleted"), "either word may match");
    assertEquals(null, TagDictionary.requiredWord("remov\\w+"), "no word boundary: the letters may be mid-word");
    assertEquals(null, TagDictionary.requiredWord("\\b(?:remov|delet)"));
    assertEquals(null, TagDictionary.requiredWord("\\bab?"), "too short to be worth it");
    // What the patterns find is unchanged: in any case, and with the letters that fold to ASCII ones.
    assertEquals(List.of("app removed from stores"), actions.tag("Regulators REMOVED the Didi app on Sunday"));
    assertEquals(List.of("registrations resumed"), actions.tag("Kanzhun reſumed new regiſtrations"));
    assertEquals(List.of(), actions.tag("Regulators approved the Didi app on Sunday"));
  }
}
