package newsroom.backend;

import java.time.Instant;

/** An article that reads like another one ("more like this"), with how strongly. */
public record SimilarArticle(String id, String title, String source, Instant published, float score) {}
