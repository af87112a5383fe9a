package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.quorate.server.decisions.rules.MajorityKind;

/**
 * Whether the votes carry the motion under the body's majority rule, and why.
 *
 * @param inFavour approving ballots, or approving Party Categories for the category kinds
 * @param denominator what {@code inFavour} is measured against (votes cast, eligible voters, categories)
 * @param needed the smallest {@code inFavour} that carries the motion outright
 * @param categoryVotes each Party Category's own decision, for the category kinds (else empty)
 */
public record MajorityVerdict(
    boolean carried,
    MajorityKind kind,
    int inFavour,
    int denominator,
    int needed,
    boolean tie,
    TieBreak tieBreak,
    List<CategoryVote> categoryVotes,
    String clause,
    String sentence) {

  public MajorityVerdict {
    categoryVotes = List.copyOf(categoryVotes);
  }

  /** How a tie was, or was not, resolved. */
  public enum TieBreak {
    @JsonProperty("none")
    NONE,
    @JsonProperty("casting_vote_approve")
    CASTING_VOTE_APPROVE,
    @JsonProperty("casting_vote_reject")
    CASTING_VOTE_REJECT,
    /** The rules give the chair a casting vote and it has not been given yet. */
    @JsonProperty("awaiting_casting_vote")
    AWAITING_CASTING_VOTE,
    /** The rules give no casting vote: a tie is not a majority. */
    @JsonProperty("no_casting_vote")
    NO_CASTING_VOTE
  }

  /** A Party Category's own vote under a category majority rule. */
  public record CategoryVote(String category, String name, int approve, int reject, int abstain, Decision decision) {
    /** What the category's members decided between them. */
    public enum Decision {
      @JsonProperty("approve")
      APPROVE,
      @JsonProperty("reject")
      REJECT,
      @JsonProperty("tied")
      TIED,
      @JsonProperty("no_majority")
      NO_MAJORITY,
      @JsonProperty("no_votes")
      NO_VOTES
    }
  }
}
