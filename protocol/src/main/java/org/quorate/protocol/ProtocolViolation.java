package org.quorate.protocol;

/** A message that breaks the protocol: malformed, of an unknown type, or with a missing or bad field. */
public final class ProtocolViolation extends RuntimeException {
  private final String field;

  public ProtocolViolation(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The offending field, or null when the whole message is at fault. */
  public String field() {
    return field;
  }

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new ProtocolViolation(field, field + " is required");
    }
    return value;
  }

  static String text(String value, String field, int max) {
    required(value, field);
    if (value.isBlank()) {
      throw new ProtocolViolation(field, field + " must not be blank");
    }
    if (value.length() > max) {
      throw new ProtocolViolation(field, field + " must be at most " + max + " characters");
    }
    return value;
  }

  static String commandId(String id) {
    return text(id, "id", Protocol.MAX_COMMAND_ID);
  }

  static long positive(Long value, String field) {
    required(value, field);
    if (value <= 0) {
      throw new ProtocolViolation(field, field + " must be positive");
    }
    return value;
  }

  static String oneOf(String value, String field, java.util.Set<String> allowed) {
    required(value, field);
    if (!allowed.contains(value)) {
      throw new ProtocolViolation(field, field + " must be one of " + new java.util.TreeSet<>(allowed));
    }
    return value;
  }

  static String optionalText(String value, String field, int max) {
    if (value != null && value.length() > max) {
      throw new ProtocolViolation(field, field + " must be at most " + max + " characters");
    }
    return value == null || value.isBlank() ? null : value;
  }
}
