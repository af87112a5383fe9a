package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** Stable error codes shared by the WebSocket protocol and the REST API. Never renamed once published. */
public enum ErrorCode {
  /** No valid token: sign in again. */
  NOT_AUTHENTICATED("not_authenticated"),
  /** Signed in, but this user may not do this. */
  NOT_AUTHORISED("not_authorised"),
  /** The named thing does not exist (or is not visible to this user). */
  NOT_FOUND("not_found"),
  /** The request is malformed or a field is invalid; {@code field} names it. */
  INVALID("invalid"),
  /** Too many requests; retry later. */
  RATE_LIMITED("rate_limited"),
  /** The request conflicts with the current state (e.g. a duplicate name, a stale version). */
  CONFLICT("conflict"),
  /** The decision is closed: no ballot may be cast, changed or withdrawn. */
  DECISION_CLOSED("decision_closed"),
  /** A dependency (the database) is unavailable; retry later. */
  UNAVAILABLE("unavailable"),
  /** Something unexpected failed on the server; nothing was changed. */
  INTERNAL("internal");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
