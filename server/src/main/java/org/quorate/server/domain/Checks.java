package org.quorate.server.domain;

import java.util.Collection;

/** Field checks for request records' compact constructors; each failure names its field. */
public final class Checks {
  private Checks() {}

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw DomainException.invalid(field, "is required");
    }
    return value;
  }

  public static String text(String value, String field, int maxLength) {
    required(value, field);
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw DomainException.invalid(field, "must not be blank");
    }
    if (trimmed.length() > maxLength) {
      throw DomainException.invalid(field, "must be at most " + maxLength + " characters");
    }
    return trimmed;
  }

  public static <C extends Collection<?>> C nonEmpty(C value, String field) {
    required(value, field);
    if (value.isEmpty()) {
      throw DomainException.invalid(field, "must not be empty");
    }
    return value;
  }
}
