package org.quorate.server.decisions.counting;

import org.quorate.server.decisions.rules.Comparison;

/**
 * What may be told of quoracy while a sealed decision is open: only figures no voter's choice can
 * change. Whether a ballot counts for its constituency depends on the seat, proxies, withdrawals and
 * the motion version, never on approve, reject or abstain; the base and the threshold depend on the
 * electorate and recusals alone. Participation is withheld because where abstentions do not count
 * towards the quorum it would tell everyone who abstained.
 *
 * @param ballotsReceived constituencies whose latest ballot counts (the {@code ballot_received} count)
 * @param base eligible constituencies after recusals
 * @param required the participation the quorum will need at the close
 */
public record SealedQuoracy(int ballotsReceived, int base, int required, Comparison comparison, String clause, String sentence) {

  public static SealedQuoracy of(DecisionResult result) {
    return of(result.quoracy(), result.ballotsCounted());
  }

  /** From the quoracy report and the constituencies whose latest ballot counts (the ballots received). */
  public static SealedQuoracy of(QuoracyReport q, int received) {
    String sentence = "sealed: ballots received from " + received + " of " + q.base() + " " + q.noun() + " ("
        + q.threshold() + " required); quoracy is counted when the decision closes";
    return new SealedQuoracy(received, q.base(), q.required(), q.comparison(), q.clause(), sentence);
  }
}
