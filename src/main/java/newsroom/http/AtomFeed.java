package newsroom.http;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import newsroom.alerts.AlertMatch;
import newsroom.alerts.SavedSearch;

/**
 * A saved search's latest matches as an Atom 1.0 feed (RFC 4287), so any feed reader can follow a search. The
 * feed and entry ids are URNs that never change: the entry's is its match's delivery id, the same one its
 * webhook receives. Written with the JDK's XML writer, which escapes the text; characters XML cannot carry are
 * dropped.
 */
final class AtomFeed {
  static final String NS = "http://www.w3.org/2005/Atom";
  static final String MEDIA_TYPE = "application/atom+xml";

  private AtomFeed() {}

  /**
   * @param base the server's address as the client reached it ({@code http://host:port}), for absolute links
   * @param pageQuery the search's parameters as the page takes them, for the link to its results
   */
  static String of(SavedSearch search, List<AlertMatch> latest, String base, String pageQuery) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("utf-8", "1.0");
      xml.writeStartElement("feed");
      xml.writeDefaultNamespace(NS);
      text(xml, "id", "urn:newsroom:saved-search:" + search.id());
      text(xml, "title", search.name());
      text(xml, "subtitle", "New articles matching the saved search" + (search.q().isBlank() ? "" : " " + search.q()));
      Instant updated = latest.isEmpty() ? search.created() : latest.get(0).matchedAt();
      text(xml, "updated", updated.toString());
      link(xml, "self", MEDIA_TYPE, base + "/api/saved-searches/" + segment(search.id()) + "/feed.atom");
      link(xml, "alternate", "text/html", base + "/" + (pageQuery.isEmpty() ? "" : "?" + pageQuery));
      xml.writeStartElement("author");
      text(xml, "name", "Newsroom search");
      xml.writeEndElement();
      text(xml, "generator", "newsroom-search");
      for (AlertMatch m : latest) {
        xml.writeStartElement("entry");
        text(xml, "id", "urn:newsroom:match:" + m.deliveryId());
        text(xml, "title", m.title() == null || m.title().isBlank() ? m.articleId() : m.title());
        text(xml, "updated", m.matchedAt().toString());
        if (m.published() != null) {
          text(xml, "published", m.published().toString());
        }
        String href = m.url() != null && !m.url().isBlank() ? m.url() : base + "/api/articles/" + segment(m.articleId());
        link(xml, "alternate", null, href);
        if (m.source() != null && !m.source().isBlank()) {
          xml.writeEmptyElement("category");
          xml.writeAttribute("term", xmlSafe(m.source()));
        }
        xml.writeStartElement("summary");
        xml.writeAttribute("type", "text");
        xml.writeCharacters(xmlSafe(m.summary()));
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing an Atom feed to a string failed", e);
    }
  }

  private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeCharacters(xmlSafe(value));
    xml.writeEndElement();
  }

  private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
    xml.writeEmptyElement("link");
    xml.writeAttribute("rel", rel);
    if (type != null) {
      xml.writeAttribute("type", type);
    }
    xml.writeAttribute("href", xmlSafe(href));
  }

  /** A URL path segment: every character that is not unreserved percent-encoded. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The text without the characters XML 1.0 cannot hold (most control characters, lone surrogates). */
  static String xmlSafe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean allowed =
          c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (allowed) {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }
}
