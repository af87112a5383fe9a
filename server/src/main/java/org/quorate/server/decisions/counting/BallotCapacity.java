package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * In what right a ballot was cast, judged once, when it was admitted: by the seat's holder in their
 * own right, or by the proxy (or alternate) then holding the seat. Recorded with the ballot, so a
 * proxy appointed, revoked or ending later never changes whether an admitted ballot counts.
 */
public enum BallotCapacity {
  @JsonProperty("holder")
  HOLDER,
  @JsonProperty("proxy")
  PROXY
}
