package newsroom;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An Atom feed parsed with the JDK's XML parser and checked against the requirements of RFC 4287 that a feed
 * reader relies on: the feed and each entry have exactly one id (an absolute IRI), title and updated (an RFC 3339
 * date-time); the feed has an author or every entry has one; each entry has an alternate link or content; entry
 * ids are unique. {@link #parse} throws {@link AssertionError} naming the first requirement broken.
 */
public record AtomDocument(String id, String title, List<Entry> entries) {
  public static final String NS = "http://www.w3.org/2005/Atom";

  /** An entry: its id, title, alternate link and summary text. */
  public record Entry(String id, String title, String link, String summary) {}

  public static AtomDocument parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element feed = doc.getDocumentElement();
      require(NS.equals(feed.getNamespaceURI()) && feed.getLocalName().equals("feed"), "the root is atom:feed");
      String id = single(feed, "id", true);
      require(URI.create(id).isAbsolute(), "the feed id is an absolute IRI: " + id);
      String title = single(feed, "title", true);
      date(single(feed, "updated", true));
      boolean feedAuthor = !children(feed, "author").isEmpty();
      List<Entry> entries = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (Element e : children(feed, "entry")) {
        String entryId = single(e, "id", true);
        require(URI.create(entryId).isAbsolute(), "an entry id is an absolute IRI: " + entryId);
        require(ids.add(entryId), "entry ids are unique: " + entryId);
        date(single(e, "updated", true));
        String published = single(e, "published", false);
        if (published != null) {
          date(published);
        }
        require(feedAuthor || !children(e, "author").isEmpty(), "the feed or each entry has an author");
        String link = null;
        for (Element l : children(e, "link")) {
          String rel = l.getAttribute("rel");
          if (rel.isEmpty() || rel.equals("alternate")) {
            require(link == null, "at most one alternate link per entry");
            link = l.getAttribute("href");
            require(URI.create(link).isAbsolute(), "the entry link is absolute: " + link);
          }
        }
        require(link != null || !children(e, "content").isEmpty(), "an entry has an alternate link or content");
        entries.add(new Entry(entryId, single(e, "title", true), link, single(e, "summary", false)));
      }
      return new AtomDocument(id, title, entries);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String single(Element parent, String name, boolean required) {
    List<Element> found = children(parent, name);
    require(found.size() <= 1, parent.getLocalName() + " has at most one atom:" + name);
    require(!required || found.size() == 1, parent.getLocalName() + " has an atom:" + name);
    return found.isEmpty() ? null : found.get(0).getTextContent();
  }

  private static void date(String value) {
    try {
      OffsetDateTime.parse(value);
    } catch (RuntimeException e) {
      throw new AssertionError("not an RFC 3339 date-time: " + value);
    }
  }

  private static void require(boolean condition, String requirement) {
    if (!condition) {
      throw new AssertionError("Atom (RFC 4287): " + requirement);
    }
  }
}
