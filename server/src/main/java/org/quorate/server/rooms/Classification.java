package org.quorate.server.rooms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.quorate.server.domain.DomainException;

/** The SEC information classification of what is said in a room (a Traffic Light Protocol). */
public enum Classification {
  /** Any signed-in user may read. */
  WHITE,
  /** Users of any SEC Party (and SECAS) may read. */
  GREEN,
  /** Named members only (and SECAS, who moderate). */
  AMBER,
  /** Named members only; nothing may be exported. */
  RED;

  /**
   * Whether what is said under {@code source} may be copied whole into a room of this
   * classification: only into the same or a stricter one. Laxer rooms get a link instead.
   */
  public boolean mayHold(Classification source) {
    return compareTo(source) >= 0;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  @JsonCreator
  public static Classification fromWire(String value) {
    return Arrays.stream(values()).filter(c -> c.wire().equals(value)).findFirst()
        .orElseThrow(() -> DomainException.invalid("classification", "must be one of white, green, amber, red"));
  }
}
