package org.quorate.server.decisions.counting;

import java.util.List;
import org.quorate.server.decisions.counting.MajorityVerdict.TieBreak;

/**
 * The result of a decision: outcome, the quoracy report, the tally, the majority verdict, what follows
 * if inquorate, the fate of every ballot entry, and one explanation sentence. {@code rules} is the
 * reference of the rules version it was decided under. Not {@link #isFinal() final} while a tie
 * awaits the chair's casting vote.
 */
public record DecisionResult(
    String rules,
    Outcome outcome,
    QuoracyReport quoracy,
    Tally tally,
    MajorityVerdict majority,
    InquorateFollowUp followUp,
    List<BallotDisposition> ballots,
    String explanation) {

  public DecisionResult {
    ballots = List.copyOf(ballots);
  }

  /** The one pure function from a decision's facts to its result. */
  public static DecisionResult decide(DecisionFacts facts) {
    CountedBallots counted = CountedBallots.resolve(facts);
    QuoracyReport quoracy = QuoracyCheck.evaluate(facts, counted);
    Tally tally = Tally.of(facts, counted);
    MajorityVerdict majority = MajorityCheck.evaluate(facts.rules(), tally, facts.castingVote());
    Outcome votes = majority.carried() ? Outcome.CARRIED : Outcome.NOT_CARRIED;
    Outcome outcome = quoracy.quorate() ? votes : Outcome.INQUORATE;
    InquorateFollowUp followUp = quoracy.quorate() ? null
        : InquorateFollowUp.of(facts.rules().inquorate(), facts.inquorateExtensionsUsed(), votes);
    String explanation = outcome.words() + " — " + majority.sentence() + "; " + quoracy.sentence()
        + (followUp == null ? "" : "; " + followUp.sentence())
        + (quoracy.quorate() && majority.tieBreak() == TieBreak.AWAITING_CASTING_VOTE ? " (provisional)" : "")
        + " [rules " + facts.rules().reference() + "]";
    return new DecisionResult(facts.rules().reference(), outcome, quoracy, tally, majority, followUp,
        counted.dispositions(), explanation);
  }

  /** Constituencies whose latest ballot counts: told as "ballots received", whatever the choices. */
  public int ballotsCounted() {
    return (int) ballots.stream().filter(b -> b.status().counts()).count();
  }

  /** False while a quorate tie awaits the chair's casting vote: the decision cannot be settled yet. */
  public boolean isFinal() {
    return outcome == Outcome.INQUORATE || majority.tieBreak() != TieBreak.AWAITING_CASTING_VOTE;
  }
}
