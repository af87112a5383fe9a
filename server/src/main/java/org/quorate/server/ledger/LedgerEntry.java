package org.quorate.server.ledger;

import java.util.Map;

/**
 * An entry waiting for its transaction's end to be chained. {@code sealedBallot}, when present, is
 * the ballot a sealed decision must not reveal yet: the entry then carries only its salted commitment.
 * {@code receipt}: the entry's position and hash go back to the client in the ack.
 */
public record LedgerEntry(String kind, Long decisionId, Long userId, Map<String, Object> body, Map<String, Object> sealedBallot,
    boolean receipt) {

  public static LedgerEntry of(String kind, Long decisionId, Long userId, Map<String, Object> body) {
    return new LedgerEntry(kind, decisionId, userId, body, null, false);
  }
}
