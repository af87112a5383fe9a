package org.quorate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LedgerVerifierTest {

  /** A chain as the server writes it: a decision's two ballots (one changed) and its close. */
  static List<LedgerVerifier.Stored> chain(String recordedApprove) {
    List<Map<String, Object>> bodies = List.of(
        ballot(1, 10, "approve"), ballot(2, 11, "reject"), ballot(3, 10, "reject"),
        Map.of("kind", "decision_closed", "decision_id", 7, "approve", Integer.parseInt(recordedApprove), "reject", 2, "abstain", 0,
            "counted_ballots", List.of(2, 3)));
    return hashed(bodies);
  }

  /**
   * A Working Group decision as the server now records it, rewritten consistently by an insider:
   * every hash recomputed, only the close's outcome (and rules version, if asked) is theirs.
   */
  static List<LedgerVerifier.Stored> judgedChain(String recordedOutcome, int rulesVersion) {
    Map<String, Object> opened = new TreeMap<>(Map.of("kind", "decision_opened", "decision_id", 8, "kind_of_vote", "asynchronous",
        "rules_body", "WORKING_GROUP", "rules_version", rulesVersion, "motion_version", 1, "options", List.of(),
        "electorate_seats", List.of(1, 2, 3, 4), "seats", fourSeats()));
    Map<String, Object> closed = new TreeMap<>(Map.of("kind", "decision_closed", "decision_id", 8, "outcome", recordedOutcome,
        "approve", 2, "reject", 1, "abstain", 0, "counted_ballots", List.of(1, 2, 3), "recused_seats", List.of(),
        "counted_at_meeting", false));
    return hashed(List.of(opened, castBallot(1, 1, "approve"), castBallot(2, 2, "approve"), castBallot(3, 3, "reject"), closed));
  }

  /** Seats 1 to 4, one voting Large Supplier each, as a decision_opened entry records its electorate. */
  static List<Map<String, Object>> fourSeats() {
    List<Map<String, Object>> seats = new ArrayList<>();
    for (long s = 1; s <= 4; s++) {
      seats.add(seat(s));
    }
    return seats;
  }

  static Map<String, Object> seat(long id) {
    return Map.of("seat_id", id, "user_id", 100 + id, "party_id", 200 + id, "voting_group_id", 300 + id, "category", "large_supplier",
        "voting", true);
  }

  static Map<String, Object> castBallot(long id, long seat, String choice) {
    return new TreeMap<>(Map.of("kind", "ballot", "decision_id", 8, "ballot_id", id, "seat_id", seat, "seat_user_id", 100 + seat,
        "cast_by", 100 + seat, "capacity", "holder", "choice", choice, "motion_version", 1));
  }

  /** Numbers and chains the entries as the ledger does: each hash covers the one before. */
  static List<LedgerVerifier.Stored> hashed(List<Map<String, Object>> bodies) {
    List<LedgerVerifier.Stored> out = new ArrayList<>();
    String prev = Canonical.GENESIS;
    long position = 0;
    for (Map<String, Object> b : bodies) {
      TreeMap<String, Object> body = new TreeMap<>(b);
      body.put("position", ++position);
      String json = Canonical.json(body);
      String hash = Canonical.entryHash(prev, json);
      out.add(new LedgerVerifier.Stored(position, (String) body.get("kind"), json, prev, hash));
      prev = hash;
    }
    return out;
  }

  @Test
  void aCloseWhoseOutcomeIsReJudgedTheSameUnderItsRecordedRulesVerifies() {
    List<LedgerVerifier.Stored> c = judgedChain("carried", 1);
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(4).hash(), List.of());
    assertThat(r.clean()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.rejudged()).isEqualTo(1);
    assertThat(r.tallyOnly()).isZero();
  }

  @Test
  void aConsistentlyRehashedChainWhoseRecordedOutcomeWasFlippedIsNamedAtTheClose() {
    List<LedgerVerifier.Stored> c = judgedChain("not_carried", 1);
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(4).hash(), List.of());
    assertThat(r.clean()).as("the tally still adds up; only the re-judged outcome differs").isFalse();
    assertThat(r.position()).isEqualTo(5);
    assertThat(r.problem()).isEqualTo("entry 5 (close of decision 8): re-judged under WORKING_GROUP v1 the outcome is carried; "
        + "recorded not_carried");
  }

  @Test
  void aCloseUnderARulesVersionTheCatalogueLacksIsReportedAsNotReJudgeableNotAsAMismatch() {
    List<LedgerVerifier.Stored> c = judgedChain("not_carried", 9);
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(4).hash(), List.of());
    assertThat(r.clean()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.notRejudgeable()).isEqualTo(1);
    assertThat(r.notes()).containsExactly("decision 8 (entry 5) not re-judgeable: rules WORKING_GROUP v9 are not in this catalogue");
  }

  @Test
  void aCloseWrittenBeforeSeatsFactsWereRecordedIsRecountedByTallyOnly() {
    LedgerVerifier.Report r = LedgerVerifier.verify(chain("0"), true, chain("0").get(3).hash(), List.of());
    assertThat(r.tallyOnly()).isEqualTo(1);
    assertThat(r.rejudged()).isZero();
  }

  /** A Working Group vote closed at a meeting, recorded with the attendance and other facts its count used. */
  static List<LedgerVerifier.Stored> meetingChain(String recordedOutcome, List<Long> presentUserIds) {
    Map<String, Object> opened = new TreeMap<>(Map.of("kind", "decision_opened", "decision_id", 8, "kind_of_vote", "meeting",
        "rules_body", "WORKING_GROUP", "rules_version", 1, "motion_version", 1, "options", List.of(), "meeting_id", 5,
        "electorate_seats", List.of(1, 2, 3, 4), "seats", fourSeats()));
    Map<String, Object> closed = new TreeMap<>(Map.of("kind", "decision_closed", "decision_id", 8, "outcome", recordedOutcome,
        "approve", 2, "reject", 0, "abstain", 0, "counted_ballots", List.of(1, 2), "recused_seats", List.of(),
        "counted_at_meeting", true));
    closed.put("as_of", "2030-07-02T11:00:00Z");
    closed.put("present_user_ids", presentUserIds);
    closed.put("proxies", List.of());
    closed.put("inquorate_extensions_used", 0);
    closed.put("reopen_barred", true);
    // Two ballots: whether three Voting Groups took part (the quorum) turns on who was present.
    return hashed(List.of(opened, atMeeting(castBallot(1, 1, "approve")), atMeeting(castBallot(2, 2, "approve")), closed));
  }

  static Map<String, Object> atMeeting(Map<String, Object> ballot) {
    Map<String, Object> b = new TreeMap<>(ballot);
    b.put("channel", "at_meeting");
    b.put("cast_at", "2030-07-02T10:30:00Z");
    return b;
  }

  @Test
  void aMeetingVoteIsReJudgedFromTheAttendanceItsCloseRecorded() {
    List<LedgerVerifier.Stored> c = meetingChain("carried", List.of(101L, 102L, 103L, 104L));
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(3).hash(), List.of());
    assertThat(r.clean()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.rejudged()).isEqualTo(1);
    assertThat(r.tallyOnly()).isZero();
  }

  @Test
  void aMeetingVoteRecordedAsCarriedWithTooFewPresentIsNamedAtTheClose() {
    List<LedgerVerifier.Stored> c = meetingChain("carried", List.of(101L));
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(3).hash(), List.of());
    assertThat(r.clean()).as("two Voting Groups present or voting are not the three the quorum needs").isFalse();
    assertThat(r.position()).isEqualTo(4);
    assertThat(r.problem()).startsWith("entry 4 (close of decision 8): re-judged under WORKING_GROUP v1 the outcome is ");
  }

  /** A question with its own options, decided by the most counted ballots once quorate. */
  static List<LedgerVerifier.Stored> optionsChain(String recordedOutcome, String thirdVotersOption) {
    Map<String, Object> opened = new TreeMap<>(Map.of("kind", "decision_opened", "decision_id", 8, "kind_of_vote", "asynchronous",
        "rules_body", "WORKING_GROUP", "rules_version", 1, "motion_version", 1, "options", List.of("Tuesday", "Thursday"),
        "electorate_seats", List.of(1, 2, 3, 4), "seats", fourSeats()));
    Map<String, Object> closed = new TreeMap<>(Map.of("kind", "decision_closed", "decision_id", 8, "outcome", recordedOutcome,
        "approve", 3, "reject", 0, "abstain", 0, "counted_ballots", List.of(1, 2, 3), "recused_seats", List.of(),
        "counted_at_meeting", false));
    closed.put("as_of", "2030-07-02T11:00:00Z");
    closed.put("proxies", List.of());
    closed.put("present_user_ids", null);
    closed.put("inquorate_extensions_used", 0);
    closed.put("reopen_barred", false);
    return hashed(List.of(opened, option(castBallot(1, 1, "approve"), "Thursday"), option(castBallot(2, 2, "approve"), "Tuesday"),
        option(castBallot(3, 3, "approve"), thirdVotersOption), closed));
  }

  static Map<String, Object> option(Map<String, Object> ballot, String option) {
    Map<String, Object> b = new TreeMap<>(ballot);
    b.put("option", option);
    b.put("channel", "asynchronous");
    b.put("cast_at", "2030-07-02T10:30:00Z");
    return b;
  }

  @Test
  void aQuestionWithItsOwnOptionsIsReJudgedByTheMostBallots() {
    List<LedgerVerifier.Stored> c = optionsChain("carried", "Thursday");
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(4).hash(), List.of());
    assertThat(r.clean()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.rejudged()).isEqualTo(1);
  }

  @Test
  void anOptionsQuestionRecordedAsDecidedWhenItsOptionsTiedIsNamed() {
    List<LedgerVerifier.Stored> c = optionsChain("carried", "Unheard-of day");
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(4).hash(), List.of());
    assertThat(r.problem()).isEqualTo("entry 5 (close of decision 8): re-judged under WORKING_GROUP v1 the outcome is not_carried; "
        + "recorded carried");
  }

  @Test
  void anArchiveExcerptMustLinkWhereverTwoOfItsEntriesAreNeighbours() {
    List<LedgerVerifier.Stored> c = judgedChain("carried", 1);
    List<LedgerVerifier.Stored> excerpt = new ArrayList<>(c);
    assertThat(LedgerVerifier.verify(excerpt, false, null, List.of()).clean()).isTrue();
    LedgerVerifier.Stored third = c.get(2);
    // A ballot lifted from elsewhere, re-hashed on its own: its hash checks out, its link does not.
    String forgedPrev = "1".repeat(64);
    excerpt.set(2, new LedgerVerifier.Stored(3, "ballot", third.body(), forgedPrev, Canonical.entryHash(forgedPrev, third.body())));
    LedgerVerifier.Report r = LedgerVerifier.verify(excerpt, false, null, List.of());
    assertThat(r.problem()).isEqualTo("entry 3 does not link to the entry before it (entries deleted or reordered)");
  }

  static Map<String, Object> ballot(long id, long seat, String choice) {
    return Map.of("kind", "ballot", "decision_id", 7, "ballot_id", id, "seat_id", seat, "choice", choice);
  }

  @Test
  void anUntouchedChainVerifiesAndItsCloseIsRecounted() {
    LedgerVerifier.Report r = LedgerVerifier.verify(chain("0"), true, chain("0").get(3).hash(), List.of());
    assertThat(r.clean()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.decisionsRecounted()).isEqualTo(1);
  }

  @Test
  void aCloseWhoseRecordedTallyDiffersFromItsBallotsIsNamed() {
    List<LedgerVerifier.Stored> c = chain("1");
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(3).hash(), List.of());
    assertThat(r.position()).isEqualTo(4);
    assertThat(r.problem()).contains("recount gives 0 approve, 2 reject");
  }

  @Test
  void aChangedDeletedOrSwappedEntryIsNamed() {
    List<LedgerVerifier.Stored> c = chain("0");
    List<LedgerVerifier.Stored> edited = new ArrayList<>(c);
    LedgerVerifier.Stored second = c.get(1);
    edited.set(1, new LedgerVerifier.Stored(2, "ballot", second.body().replace("reject", "approve"), second.prevHash(), second.hash()));
    assertThat(LedgerVerifier.verify(edited, true, null, List.of()).position()).isEqualTo(2);

    List<LedgerVerifier.Stored> deleted = new ArrayList<>(c);
    deleted.remove(1);
    assertThat(LedgerVerifier.verify(deleted, true, null, List.of()).problem()).isEqualTo("entry 2 is missing (next stored entry is 3)");

    List<LedgerVerifier.Stored> swapped = List.of(c.get(0), c.get(2), c.get(1), c.get(3));
    assertThat(LedgerVerifier.verify(swapped, true, null, List.of()).position()).isEqualTo(2);
  }

  @Test
  void aBallotRowThatNoLongerMatchesItsEntryIsNamedWithTheEntry() {
    List<LedgerVerifier.Stored> c = chain("0");
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(3).hash(),
        List.of(new LedgerVerifier.BallotRow(2, 7, "approve", null)));
    assertThat(r.position()).isEqualTo(2);
    assertThat(r.problem()).startsWith("ballot 2 differs from ledger entry 2");
  }

  @Test
  void ballotsWithNoEntryAreAllCountedNotJustTheFirstAsAStoreWrittenWithTheLedgerOffHasNone() {
    List<LedgerVerifier.Stored> c = chain("0");
    LedgerVerifier.Report r = LedgerVerifier.verify(c, true, c.get(3).hash(), List.of(new LedgerVerifier.BallotRow(40, 8, "approve", null),
        new LedgerVerifier.BallotRow(41, 8, "reject", null), new LedgerVerifier.BallotRow(45, 8, "approve", null)));
    assertThat(r.clean()).isFalse();
    assertThat(r.problem()).isEqualTo("ballot 40 has no ledger entry (3 ballots have none, ids 40 to 45)");
    assertThat(LedgerVerifier.verify(c, true, c.get(3).hash(), List.of(new LedgerVerifier.BallotRow(40, 8, "approve", null))).problem())
        .isEqualTo("ballot 40 has no ledger entry");
  }

  @Test
  void aSealedCommitmentOpensOnlyWithItsOwnSaltAndBallot() {
    String ballot = Canonical.json(Map.of("ballot_id", 1, "choice", "approve"));
    String salt = "00".repeat(32);
    String commitment = Canonical.commitment(salt, ballot);
    assertThat(Canonical.commitment(salt, ballot.replace("approve", "reject"))).isNotEqualTo(commitment);
    assertThat(Canonical.commitment("01".repeat(32), ballot)).isNotEqualTo(commitment);
  }
}
