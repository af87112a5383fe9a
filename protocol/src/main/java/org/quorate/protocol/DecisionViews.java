package org.quorate.protocol;

import java.time.Instant;
import java.util.List;

/** Shapes shared by decision events and REST replies. */
public final class DecisionViews {
  private DecisionViews() {}

  /**
   * Whether the decision would stand now, and why: e.g. "quorate: 7 of 9 voting members present or
   * voted (more than half required); Large Suppliers 2 (at least 1 required); postal ballots counted 3".
   * {@code forecast} says what is still needed while it is open.
   *
   * <p>While a sealed decision is open (and after it is cancelled) {@code sealed} is true and only
   * what no voter's choice can change is told: {@code ballotsReceived}, {@code base}, {@code required},
   * {@code comparison} and the clause. {@code quorate}, {@code participating},
   * {@code postalBallotsCounted}, {@code composition} and {@code forecast} are then null, because under
   * rules where abstentions do not count towards the quorum they would reveal who abstained.
   */
  public record Quoracy(boolean sealed, int ballotsReceived, Boolean quorate, Integer participating, int required, int base,
      String comparison, Integer postalBallotsCounted, List<Composition> composition, String sentence, String forecast,
      String clause) {}

  /** A composition constraint such as "at least 1 from Gas Networks". */
  public record Composition(String names, int participating, int required, boolean met) {}

  /** Counted ballots overall and per Party Category. */
  /**
   * For a decision with custom options, {@code by_option} counts each option and approve / reject /
   * abstain are zero; otherwise {@code by_option} is null.
   */
  public record Tally(int approve, int reject, int abstain, int eligible, int notVoted, List<CategoryTally> byCategory,
      List<TallyCount> byOption) {}

  public record CategoryTally(String category, String name, int eligible, int approve, int reject, int abstain) {}

  /**
   * One ballot as the register shows it: who, for which Party and category, what, why (with the
   * General SEC Objectives it serves), on which motion version, through which channel, and whether
   * it counted (and if not, why).
   */
  public record Ballot(long seatId, UserRef voter, UserRef castBy, String party, String category, String choice,
      String reason, List<String> objectives, int motionVersion, String channel, Instant castAt, boolean counted,
      String note) {}
}
