package newsroom.http;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;

/**
 * Error answers raised by handlers as Javalin's {@link HttpResponseException}: its message is the short error,
 * the {@code detail} entry of its details says what to do. {@link ApiServer} turns every one into {@link ApiError}.
 */
final class ApiErrors {
  private static final String DETAIL = "detail";

  private ApiErrors() {}

  static HttpResponseException of(HttpStatus status, String error, String detail) {
    return new HttpResponseException(status.getCode(), error, Map.of(DETAIL, detail));
  }

  static HttpResponseException notFound(String id) {
    return of(HttpStatus.NOT_FOUND, "Not found", "no article with id '" + id + "'");
  }

  /** Ours carry a detail; Javalin's own (a 404 of an unknown path, say) carry their message as the detail. */
  static ApiError toBody(HttpResponseException e) {
    String detail = e.getDetails().get(DETAIL);
    return detail == null ? new ApiError(reason(e.getStatus()), e.getMessage()) : new ApiError(e.getMessage(), detail);
  }

  /** "Not found", "Method not allowed": the status's reason phrase, worded like the API's own errors. */
  static String reason(int status) {
    String phrase = HttpStatus.forStatus(status).getMessage();
    return phrase.charAt(0) + phrase.substring(1).toLowerCase(Locale.ROOT);
  }
}
