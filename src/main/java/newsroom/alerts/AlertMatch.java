package newsroom.alerts;

import java.time.Instant;

/**
 * One article a saved search matched: an entry of its feed and, when it has a webhook, one delivery.
 *
 * @param deliveryId stable for this search and this version of the article (see {@link Alerts#deliveryId}): the
 *     same write matched again gives the same id, so receivers and the outbox itself can drop repeats
 * @param summary the start of the article's text, plain
 * @param matchedAt when the write that matched was made
 */
public record AlertMatch(
    String deliveryId,
    String searchId,
    String articleId,
    String title,
    String url,
    String source,
    Instant published,
    String summary,
    Instant matchedAt) {}
