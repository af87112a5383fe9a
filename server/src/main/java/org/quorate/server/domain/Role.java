package org.quorate.server.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a user may do across Quorate. A user may hold several roles. */
public enum Role {
  ADMINISTRATOR("administrator"),
  MODERATOR("moderator"),
  CHAIR("chair"),
  MEMBER("member"),
  PARTY_REPRESENTATIVE("party_representative"),
  OBSERVER("observer");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Role fromWire(String value) {
    return Arrays.stream(values())
        .filter(r -> r.wire.equals(value))
        .findFirst()
        .orElseThrow(() -> DomainException.invalid("roles", "unknown role '" + value + "'"));
  }
}
