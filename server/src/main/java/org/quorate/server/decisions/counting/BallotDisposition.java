package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What became of one ballot entry in a count, and why: the per-ballot half of an explanation. */
public record BallotDisposition(Ballot ballot, Status status, String explanation) {

  /** The fate of a ballot entry. Only {@link #COUNTED} and {@link #COUNTED_AS_ABSTENTION} count. */
  public enum Status {
    @JsonProperty("counted")
    COUNTED,
    /** Cast on an earlier motion version; the amendment rule counts it as an abstention. */
    @JsonProperty("counted_as_abstention")
    COUNTED_AS_ABSTENTION,
    /** A later entry for the same seat (or Voting Group, or Party Category) replaced it. */
    @JsonProperty("superseded")
    SUPERSEDED,
    /** The voter withdrew; nothing counts for the constituency. */
    @JsonProperty("withdrawn")
    WITHDRAWN,
    /** Cast on an earlier motion version; the amendment rule lapses it. */
    @JsonProperty("lapsed")
    LAPSED,
    /** Cast on an earlier motion version; counts once the voter confirms it on the current one. */
    @JsonProperty("awaiting_confirmation")
    AWAITING_CONFIRMATION,
    /** The principal voted while their proxy held the seat. */
    @JsonProperty("proxy_active")
    PROXY_ACTIVE,
    /** A proxy voted for a seat whose counting ballot someone else cast (the member, or an earlier proxy); that one stands. */
    @JsonProperty("earlier_ballot_stands")
    EARLIER_BALLOT_STANDS,
    /** Cast by someone who neither held the seat nor was its active proxy. */
    @JsonProperty("not_entitled")
    NOT_ENTITLED,
    @JsonProperty("recused")
    RECUSED,
    @JsonProperty("non_voting_seat")
    NON_VOTING_SEAT,
    @JsonProperty("not_in_electorate")
    NOT_IN_ELECTORATE;

    public boolean counts() {
      return this == COUNTED || this == COUNTED_AS_ABSTENTION;
    }
  }
}
