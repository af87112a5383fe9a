package org.quorate.server.domain;

import org.quorate.protocol.ErrorCode;

/**
 * A typed failure the client can act on. Mapped to an HTTP status and a wire error in exactly one
 * place each ({@code http.ErrorResponses}, the gateway); services throw or fail futures with it.
 */
public final class DomainException extends RuntimeException {
  private final ErrorCode code;
  private final String field;
  private final java.time.Duration retryAfter;

  public DomainException(ErrorCode code, String message, String field) {
    this(code, message, field, null);
  }

  private DomainException(ErrorCode code, String message, String field, java.time.Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** Refused for now; the client may try again after the given time (HTTP {@code Retry-After}). */
  public static DomainException rateLimited(String message, java.time.Duration retryAfter) {
    return new DomainException(ErrorCode.RATE_LIMITED, message, null, retryAfter);
  }

  public static DomainException notAuthenticated(String message) {
    return new DomainException(ErrorCode.NOT_AUTHENTICATED, message, null);
  }

  public static DomainException notAuthorised(String message) {
    return new DomainException(ErrorCode.NOT_AUTHORISED, message, null);
  }

  public static DomainException notFound(String what, Object id) {
    return new DomainException(ErrorCode.NOT_FOUND, what + " " + id + " not found", null);
  }

  public static DomainException invalid(String field, String message) {
    return new DomainException(ErrorCode.INVALID, field + ": " + message, field);
  }

  public static DomainException conflict(String message) {
    return new DomainException(ErrorCode.CONFLICT, message, null);
  }

  public static DomainException decisionClosed(String message) {
    return new DomainException(ErrorCode.DECISION_CLOSED, message, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** When a refused client may try again, or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  /** The offending field for {@link ErrorCode#INVALID}, else null. */
  public String field() {
    return field;
  }
}
