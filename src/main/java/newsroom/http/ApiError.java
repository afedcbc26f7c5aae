package newsroom.http;

/** The body of every error answer: what went wrong, and what to do about it. */
public record ApiError(String error, String detail) {}
