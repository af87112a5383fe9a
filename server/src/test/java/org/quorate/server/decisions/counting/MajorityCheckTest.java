package org.quorate.server.decisions.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.decisions.counting.Choice.ABSTAIN;
import static org.quorate.server.decisions.counting.Choice.APPROVE;
import static org.quorate.server.decisions.counting.Choice.REJECT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quorate.server.decisions.Scenario;
import org.quorate.server.decisions.TestRules;
import org.quorate.server.decisions.counting.MajorityVerdict.CategoryVote;
import org.quorate.server.decisions.counting.MajorityVerdict.CategoryVote.Decision;
import org.quorate.server.decisions.counting.MajorityVerdict.TieBreak;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.MajorityKind;

class MajorityCheckTest {
  private static final BodyRules PANEL = TestRules.panel();

  private static MajorityVerdict verdict(BodyRules rules, int eligible, int approve, int reject, int abstain) {
    Scenario s = Scenario.under(rules).seats("other_sec_party", eligible);
    long seat = 1;
    for (int i = 0; i < approve; i++) {
      s.vote(seat++, APPROVE);
    }
    for (int i = 0; i < reject; i++) {
      s.vote(seat++, REJECT);
    }
    for (int i = 0; i < abstain; i++) {
      s.vote(seat++, ABSTAIN);
    }
    return s.result().majority();
  }

  @ParameterizedTest(name = "{0}: {1} eligible, {2}-{3}-{4}, abstentions in denominator {5} -> carried {6}")
  @CsvSource({
      // kind, eligible, approve, reject, abstain, abstentions in denominator, carried, tie
      "SIMPLE_MAJORITY,    9, 4, 3, 2, false, true,  false",
      "SIMPLE_MAJORITY,    9, 4, 3, 2, true,  false, false",
      "SIMPLE_MAJORITY,    9, 3, 3, 3, false, false, true",
      "SIMPLE_MAJORITY,    9, 0, 0, 5, false, false, false",
      "ABSOLUTE_MAJORITY,  9, 4, 0, 0, false, false, false",
      "ABSOLUTE_MAJORITY,  9, 5, 4, 0, false, true,  false",
      "ABSOLUTE_MAJORITY,  8, 4, 4, 0, false, false, true",
      "TWO_THIRDS,         9, 6, 3, 0, false, true,  false",
      "TWO_THIRDS,         9, 5, 3, 0, false, false, false",
      "TWO_THIRDS,         9, 4, 2, 3, false, true,  false",
      "TWO_THIRDS,         9, 4, 2, 3, true,  false, false",
      "UNANIMITY,          9, 7, 0, 2, false, true,  false",
      "UNANIMITY,          9, 7, 0, 2, true,  false, false",
      "UNANIMITY,          9, 8, 1, 0, false, false, false",
      "UNANIMITY,          9, 0, 0, 3, false, false, false",
  })
  void eachMajorityKindCarriesExactlyWhenItsThresholdIsMet(MajorityKind kind, int eligible, int approve, int reject,
      int abstain, boolean abstentionsInDenominator, boolean carried, boolean tie) {
    BodyRules rules = TestRules.withCastingVote(
        TestRules.withAbstentions(TestRules.withMajority(PANEL, kind), true, abstentionsInDenominator), false);
    MajorityVerdict verdict = verdict(rules, eligible, approve, reject, abstain);
    assertThat(verdict.carried()).isEqualTo(carried);
    assertThat(verdict.tie()).isEqualTo(tie);
    assertThat(verdict.tieBreak()).isEqualTo(tie ? TieBreak.NO_CASTING_VOTE : TieBreak.NONE);
  }

  @Test
  void aSimpleMajorityExplainsTheNumbersBehindIt() {
    MajorityVerdict verdict = verdict(PANEL, 9, 5, 2, 1);
    assertThat(verdict.sentence()).isEqualTo(
        "5 of 7 votes cast approve (4 needed for a simple majority of votes cast); abstentions not counted as votes cast");
    assertThat(verdict.needed()).isEqualTo(4);
    assertThat(verdict.clause()).isEqualTo(PANEL.majority().clause());
  }

  @Test
  void aTieIsDecidedByTheChairsCastingVoteWhereTheRulesGiveOne() {
    Scenario tied = Scenario.under(PANEL).seats("large_supplier", 6).votes(APPROVE, 1, 2, 3).votes(REJECT, 4, 5, 6);
    MajorityVerdict awaiting = tied.result().majority();
    assertThat(awaiting.tieBreak()).isEqualTo(TieBreak.AWAITING_CASTING_VOTE);
    assertThat(awaiting.carried()).isFalse();
    assertThat(awaiting.sentence()).endsWith("; a tie, awaiting the chair's casting vote");

    MajorityVerdict approved = tied.castingVote(APPROVE).result().majority();
    assertThat(approved.carried()).isTrue();
    assertThat(approved.tieBreak()).isEqualTo(TieBreak.CASTING_VOTE_APPROVE);
    assertThat(approved.clause()).contains(PANEL.castingVote().clause());

    MajorityVerdict rejected = tied.castingVote(REJECT).result().majority();
    assertThat(rejected.carried()).isFalse();
    assertThat(rejected.tieBreak()).isEqualTo(TieBreak.CASTING_VOTE_REJECT);
  }

  @Test
  void aCastingVoteIsIgnoredWhenThereIsNoTie() {
    Scenario notTied = Scenario.under(PANEL).seats("large_supplier", 5).votes(APPROVE, 1, 2).votes(REJECT, 3, 4, 5)
        .castingVote(APPROVE);
    MajorityVerdict verdict = notTied.result().majority();
    assertThat(verdict.carried()).isFalse();
    assertThat(verdict.tieBreak()).isEqualTo(TieBreak.NONE);
  }

  @Test
  void aCastingVoteIsIgnoredWhereTheRulesGiveNone() {
    BodyRules noCasting = TestRules.withCastingVote(PANEL, false);
    MajorityVerdict verdict = Scenario.under(noCasting).seats("large_supplier", 4).votes(APPROVE, 1, 2)
        .votes(REJECT, 3, 4).castingVote(APPROVE).result().majority();
    assertThat(verdict.carried()).isFalse();
    assertThat(verdict.tieBreak()).isEqualTo(TieBreak.NO_CASTING_VOTE);
  }

  @Test
  void aMajorityWithinEachCategoryNeedsEveryCategoryWithEligibleVotersToApprove() {
    BodyRules rules = TestRules.withMajority(PANEL, MajorityKind.MAJORITY_IN_EACH_CATEGORY);
    Scenario base = Scenario.under(rules).seats("large_supplier", 3).seats("gas_network", 2)
        .votes(APPROVE, 1, 2).vote(3, REJECT).vote(4, APPROVE);
    MajorityVerdict bothApprove = base.result().majority();
    assertThat(bothApprove.categoryVotes()).extracting(CategoryVote::decision)
        .containsExactly(Decision.APPROVE, Decision.APPROVE);
    assertThat(bothApprove.carried()).isTrue();
    assertThat(bothApprove.inFavour()).isEqualTo(2);
    MajorityVerdict gasSplit = base.vote(5, REJECT).result().majority();
    assertThat(gasSplit.categoryVotes()).extracting(CategoryVote::decision)
        .containsExactly(Decision.APPROVE, Decision.TIED);
    assertThat(gasSplit.carried()).isFalse();
  }

  @Test
  void aCategoryWithoutVotesBlocksAMajorityWithinEachCategory() {
    BodyRules rules = TestRules.withMajority(PANEL, MajorityKind.MAJORITY_IN_EACH_CATEGORY);
    MajorityVerdict verdict = Scenario.under(rules).seats("large_supplier", 2).seats("gas_network", 1)
        .votes(APPROVE, 1, 2).result().majority();
    assertThat(verdict.carried()).isFalse();
    assertThat(verdict.categoryVotes()).extracting(CategoryVote::decision)
        .containsExactly(Decision.APPROVE, Decision.NO_VOTES);
  }

  @Test
  void categoryVotesAreDecidedWithinEachCategoryThenCountedAcrossCategories() {
    BodyRules board = TestRules.seeded("CHANGE_BOARD");
    MajorityVerdict verdict = Scenario.under(board)
        .seats("large_supplier", 2).seats("small_supplier", 2).seats("electricity_network", 2)
        .seats("gas_network", 2).seats("other_sec_party", 1)
        // Large Suppliers approve 2-0, Small Suppliers reject 0-2, Electricity Networks split 1-1,
        // Gas Networks approve 1-0 (one abstains), Other SEC Party rejects 0-1.
        .votes(APPROVE, 1, 2).votes(REJECT, 3, 4).vote(5, APPROVE).vote(6, REJECT).vote(7, APPROVE).vote(8, ABSTAIN)
        .vote(9, REJECT)
        .result().majority();
    // Individually 4 approve, 4 reject: no member majority, but category votes are what count.
    assertThat(verdict.categoryVotes()).extracting(CategoryVote::decision).containsExactly(
        Decision.APPROVE, Decision.REJECT, Decision.TIED, Decision.APPROVE, Decision.REJECT);
    assertThat(verdict.inFavour()).isEqualTo(2);
    assertThat(verdict.denominator()).isEqualTo(4);
    assertThat(verdict.tie()).isTrue();
    assertThat(verdict.tieBreak()).isEqualTo(TieBreak.NO_CASTING_VOTE);
    assertThat(verdict.carried()).isFalse();
    assertThat(verdict.sentence()).contains("by category: Large Suppliers 2-0-0 approve, Small Suppliers 0-2-0 reject,"
        + " Electricity Networks 1-1-0 tied, Gas Networks 1-0-1 approve, Other SEC Parties 0-1-0 reject");
  }

  @Test
  void categoryVotesCarryWhenMoreCategoriesApproveThanReject() {
    BodyRules board = TestRules.seeded("CHANGE_BOARD");
    MajorityVerdict verdict = Scenario.under(board)
        .seats("large_supplier", 2).seats("small_supplier", 2).seats("gas_network", 1)
        // 2 of 5 members approve, but two categories approve and one rejects.
        .vote(1, APPROVE).vote(2, ABSTAIN).vote(3, APPROVE).vote(4, ABSTAIN).vote(5, REJECT)
        .result().majority();
    assertThat(verdict.carried()).isTrue();
    assertThat(verdict.sentence()).startsWith("2 of 3 Party Categories reaching a majority approve (2 needed for a"
        + " majority of Party Category votes)");
  }
}
