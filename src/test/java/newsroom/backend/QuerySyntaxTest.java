package newsroom.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@code syntax=auto} tells Lucene syntax from plain words. */
class QuerySyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"boss zhipin\"", "didi AND kanzhun", "didi OR uber", "NOT didi", "+didi -uber", "title:kanzhun", "huochebang~1",
        "regulat*", "te?t", "(a b)", "term^2", "[a TO b]", "{a TO b}", "/regex/", "a && b", "a || b", "!didi", "a\\:b"
      })
  void syntaxIsLucene(String q) {
    assertEquals(QuerySyntax.LUCENE, QuerySyntax.AUTO.resolve(q), q);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "boss zhipin", "cybersecurity review of didi", "didi and kanzhun", "U.S. aid to Viet Nam", "anti-trust probe",
        "what's new", "Android or iOS", "KENNEDY ADMINISTRATION PRESSURE ON NGO DINH DIEM ."
      })
  void wordsArePlain(String q) {
    assertEquals(QuerySyntax.PLAIN, QuerySyntax.AUTO.resolve(q), q);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "PLAIN", " lucene ", "auto"})
  void explicitSyntaxWins(String param) {
    QuerySyntax s = QuerySyntax.parse(param);
    if (s != QuerySyntax.AUTO) {
      assertEquals(s, s.resolve("\"quoted\" AND words"));
      assertEquals(s, s.resolve("words"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fancy", "regex"})
  void unknownSyntaxIsAClientError(String param) {
    assertThrows(InvalidRequestException.class, () -> QuerySyntax.parse(param));
  }
}
