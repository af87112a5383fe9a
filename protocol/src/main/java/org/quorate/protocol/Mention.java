package org.quorate.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who a message mentions: a user (by id), a Party (by id) or a Party Category (by code, e.g.
 * {@code gas_network}). Every user in a mentioned Party or Category who may read the room is notified.
 */
public record Mention(Kind kind, String ref) {
  public Mention {
    ProtocolViolation.required(kind, "mentions.kind");
    ProtocolViolation.text(ref, "mentions.ref", 100);
  }

  public enum Kind {
    USER("user"), PARTY("party"), CATEGORY("category");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }
}
