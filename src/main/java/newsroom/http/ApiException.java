package newsroom.http;

import io.javalin.http.HttpStatus;

/** An error answer with its status, raised by a handler and turned into JSON in one place. */
final class ApiException extends RuntimeException {
  final HttpStatus status;
  final String detail;

  ApiException(HttpStatus status, String message, String detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}
