package newsroom.backend;

/**
 * What a backend serves, for {@code /health}.
 *
 * @param backend which implementation ("lucene", ...)
 * @param index the served generation or collection
 */
public record BackendStatus(String backend, String index, long articles) {}
