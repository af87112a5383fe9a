package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.List;
import org.quorate.server.decisions.counting.MajorityVerdict.CategoryVote;
import org.quorate.server.decisions.counting.MajorityVerdict.CategoryVote.Decision;
import org.quorate.server.decisions.counting.MajorityVerdict.TieBreak;
import org.quorate.server.decisions.counting.Tally.CategoryTally;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.MajorityKind;

/**
 * Applies a body's majority rule to a tally. A tie is exactly half in favour: the one case where the
 * chair's casting vote (one more vote for or against) decides, and the only one where it is used.
 */
public final class MajorityCheck {
  private MajorityCheck() {}

  public static MajorityVerdict evaluate(BodyRules rules, Tally tally, Choice castingVote) {
    MajorityKind kind = rules.majority().kind();
    boolean abstentionsCount = rules.abstentions().countInDenominator();
    int votesCast = tally.approve() + tally.reject() + (abstentionsCount ? tally.abstain() : 0);
    List<CategoryVote> categoryVotes = kind == MajorityKind.MAJORITY_IN_EACH_CATEGORY
        || kind == MajorityKind.MAJORITY_OF_CATEGORY_VOTES ? categoryVotes(tally, abstentionsCount) : List.of();
    int approvingCategories = count(categoryVotes, Decision.APPROVE);
    int rejectingCategories = count(categoryVotes, Decision.REJECT);

    int inFavour;
    int denominator;
    int needed;
    boolean carried;
    switch (kind) {
      case SIMPLE_MAJORITY -> {
        inFavour = tally.approve();
        denominator = votesCast;
        needed = denominator / 2 + 1;
        carried = denominator > 0 && inFavour * 2 > denominator;
      }
      case ABSOLUTE_MAJORITY -> {
        inFavour = tally.approve();
        denominator = tally.eligible();
        needed = denominator / 2 + 1;
        carried = denominator > 0 && inFavour * 2 > denominator;
      }
      case TWO_THIRDS -> {
        inFavour = tally.approve();
        denominator = votesCast;
        needed = Math.max(1, (2 * denominator + 2) / 3);
        carried = denominator > 0 && inFavour * 3 >= denominator * 2;
      }
      case UNANIMITY -> {
        inFavour = tally.approve();
        denominator = votesCast;
        needed = Math.max(1, denominator);
        carried = denominator > 0 && inFavour == denominator;
      }
      case MAJORITY_IN_EACH_CATEGORY -> {
        inFavour = approvingCategories;
        denominator = categoryVotes.size();
        needed = Math.max(1, denominator);
        carried = denominator > 0 && inFavour == denominator;
      }
      case MAJORITY_OF_CATEGORY_VOTES -> {
        inFavour = approvingCategories;
        denominator = approvingCategories + rejectingCategories;
        needed = rejectingCategories + 1;
        carried = inFavour > rejectingCategories;
      }
      default -> throw new IllegalStateException("unhandled majority kind " + kind);
    }
    boolean tie = kind.canTie() && denominator > 0 && inFavour * 2 == denominator;
    TieBreak tieBreak = TieBreak.NONE;
    if (tie) {
      if (!rules.castingVote().enabled()) {
        tieBreak = TieBreak.NO_CASTING_VOTE;
      } else if (castingVote == null) {
        tieBreak = TieBreak.AWAITING_CASTING_VOTE;
      } else {
        tieBreak = castingVote == Choice.APPROVE ? TieBreak.CASTING_VOTE_APPROVE : TieBreak.CASTING_VOTE_REJECT;
        carried = castingVote == Choice.APPROVE;
      }
    }
    String clause = tie ? rules.majority().clause() + "; " + rules.castingVote().clause() : rules.majority().clause();
    String sentence = sentence(kind, inFavour, denominator, needed, abstentionsCount, tieBreak, categoryVotes);
    return new MajorityVerdict(carried, kind, inFavour, denominator, needed, tie, tieBreak, categoryVotes, clause,
        sentence);
  }

  private static List<CategoryVote> categoryVotes(Tally tally, boolean abstentionsCount) {
    List<CategoryVote> votes = new ArrayList<>();
    for (CategoryTally c : tally.byCategory()) {
      if (c.eligible() == 0) {
        continue;
      }
      int cast = c.approve() + c.reject() + (abstentionsCount ? c.abstain() : 0);
      Decision decision = cast == 0 ? Decision.NO_VOTES
          : c.approve() * 2 > cast ? Decision.APPROVE
          : c.reject() * 2 > cast ? Decision.REJECT
          : c.approve() * 2 == cast ? Decision.TIED
          : Decision.NO_MAJORITY;
      votes.add(new CategoryVote(c.category(), c.name(), c.approve(), c.reject(), c.abstain(), decision));
    }
    return votes;
  }

  private static int count(List<CategoryVote> votes, Decision decision) {
    return (int) votes.stream().filter(v -> v.decision() == decision).count();
  }

  private static String sentence(MajorityKind kind, int inFavour, int denominator, int needed,
      boolean abstentionsCount, TieBreak tieBreak, List<CategoryVote> categoryVotes) {
    String unit = switch (kind) {
      case ABSOLUTE_MAJORITY -> "eligible voters";
      case MAJORITY_IN_EACH_CATEGORY -> "Party Categories with eligible voters";
      case MAJORITY_OF_CATEGORY_VOTES -> "Party Categories reaching a majority";
      default -> "votes cast";
    };
    StringBuilder s = new StringBuilder();
    if (denominator == 0) {
      s.append("no ").append(unit).append(", so no ").append(kind.words());
    } else {
      s.append(inFavour).append(" of ").append(denominator).append(' ').append(unit).append(" approve (")
          .append(needed).append(" needed for ").append(kind.words()).append(')');
    }
    if (kind != MajorityKind.ABSOLUTE_MAJORITY && kind != MajorityKind.MAJORITY_IN_EACH_CATEGORY
        && kind != MajorityKind.MAJORITY_OF_CATEGORY_VOTES) {
      s.append(abstentionsCount ? "; abstentions count as votes cast" : "; abstentions not counted as votes cast");
    }
    switch (tieBreak) {
      case CASTING_VOTE_APPROVE -> s.append("; a tie, decided by the chair's casting vote to approve");
      case CASTING_VOTE_REJECT -> s.append("; a tie, decided by the chair's casting vote to reject");
      case AWAITING_CASTING_VOTE -> s.append("; a tie, awaiting the chair's casting vote");
      case NO_CASTING_VOTE -> s.append("; a tie, and these rules give no casting vote, so not a majority");
      case NONE -> { }
    }
    if (!categoryVotes.isEmpty()) {
      s.append("; by category: ").append(String.join(", ", categoryVotes.stream()
          .map(v -> v.name() + " " + v.approve() + "-" + v.reject() + "-" + v.abstain() + " "
              + v.decision().name().toLowerCase().replace('_', ' '))
          .toList()));
    }
    return s.toString();
  }
}
