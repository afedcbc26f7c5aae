package newsroom.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One article as an export lists it.
 *
 * @param snippet the first passage of the body that the query matched (or the body's first passage), plain text
 */
public record ExportRow(
    String id,
    Instant published,
    String source,
    String url,
    String title,
    Map<String, List<String>> labels,
    String snippet) {}
