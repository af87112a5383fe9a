package org.quorate.server.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.quorate.server.decisions.rules.RulesCatalogue;

/**
 * Checks a run of ledger entries with no help from the server: each hash, each link to the previous
 * entry, each sealed commitment against its revealed salt, and every close re-counted from the
 * ballots recorded before it and its outcome re-judged, by the server's own counting code, under the
 * rules version its opening recorded ({@link LedgerRejudge}). Pure Java: the {@code verify} command and the tests share it.
 */
public final class LedgerVerifier {
  /** An entry as stored. */
  public record Stored(long position, String kind, String body, String prevHash, String hash) {}

  /** A ballot row as the server's tables hold it now, compared with its ledger entry. */
  public record BallotRow(long id, long decisionId, String choice, String reason) {}

  /** The first problem found (null: clean), and what was checked. */
  /**
   * Of the {@code decisionsRecounted}, {@code rejudged} had their outcome re-judged under their recorded
   * rules, {@code tallyOnly} only their tally re-counted (their entries lack a fact the count needs),
   * and {@code notRejudgeable} name a rules version this catalogue does not hold ({@code notes} say which).
   */
  public record Report(String problem, Long position, int entries, int decisionsRecounted, int commitmentsOpened,
      int rejudged, int tallyOnly, int notRejudgeable, List<String> notes) {
    Report(String problem, Long position, int entries, int recounted, int opened) {
      this(problem, position, entries, recounted, opened, 0, 0, 0, List.of());
    }

    public boolean clean() {
      return problem == null;
    }
  }

  private LedgerVerifier() {}

  /**
   * @param contiguous true for a whole chain (positions from 1, each linked to the one before);
   *     false for an archive's excerpt, where only each entry's own hash can be checked
   */
  public static Report verify(List<Stored> entries, boolean contiguous, String headHash, List<BallotRow> rows) {
    return verify(entries, contiguous, headHash, rows, RulesCatalogue.loadDefaults());
  }

  public static Report verify(List<Stored> entries, boolean contiguous, String headHash, List<BallotRow> rows, RulesCatalogue catalogue) {
    Map<Long, Map<String, Object>> openings = new HashMap<>();
    Map<Long, Integer> motionVersions = new HashMap<>();
    int[] judged = new int[3];
    List<String> notes = new ArrayList<>();
    String prev = Canonical.GENESIS;
    long expected = 1;
    Map<Long, Map<String, Object>> sealedByPosition = new HashMap<>();
    Map<Long, Map<String, Object>> ballotsById = new HashMap<>();
    Map<Long, Long> positionOfBallot = new HashMap<>();
    int recounted = 0;
    int opened = 0;
    for (Stored e : entries) {
      long at = e.position();
      if (contiguous && at != expected) {
        return new Report("entry " + expected + " is missing (next stored entry is " + at + ")", expected, entries.size(), recounted, opened);
      }
      // An archive's excerpt links wherever two of its entries are neighbours in the chain.
      if ((contiguous || at == expected) && !e.prevHash().equals(prev)) {
        return new Report("entry " + at + " does not link to the entry before it (entries deleted or reordered)", at, entries.size(), recounted, opened);
      }
      if (!contiguous && at < expected) {
        return new Report("entry " + at + " is out of order in the archive", at, entries.size(), recounted, opened);
      }
      if (!e.hash().equals(Canonical.entryHash(e.prevHash(), e.body()))) {
        return new Report("entry " + at + " (" + e.kind() + ") does not match its hash: its content was changed", at, entries.size(), recounted, opened);
      }
      if (!e.body().equals(Canonical.recanonical(e.body()))) {
        return new Report("entry " + at + " is not canonical JSON", at, entries.size(), recounted, opened);
      }
      Map<String, Object> body = Canonical.parse(e.body());
      if (!Objects.equals(number(body.get("position")), at) || !e.kind().equals(body.get("kind"))) {
        return new Report("entry " + at + " records another position or kind than where it is stored", at, entries.size(), recounted, opened);
      }
      switch (e.kind()) {
        case "decision_opened" -> {
          openings.put(number(body.get("decision_id")), body);
          motionVersions.put(number(body.get("decision_id")), (int) number(body.get("motion_version")));
        }
        case "decision_changed" -> {
          if (body.get("motion_version") != null) {
            motionVersions.put(number(body.get("decision_id")), (int) number(body.get("motion_version")));
          }
        }
        case "ballot" -> {
          if (body.containsKey("commitment")) {
            sealedByPosition.put(at, body);
          } else {
            remember(body, at, ballotsById, positionOfBallot);
          }
        }
        case "salts_revealed" -> {
          for (Object o : (List<?>) body.get("openings")) {
            Map<?, ?> opening = (Map<?, ?>) o;
            long p = number(opening.get("position"));
            Map<String, Object> committed = sealedByPosition.get(p);
            String ballotJson = Canonical.json(opening.get("ballot"));
            if (committed == null
                || !committed.get("commitment").equals(Canonical.commitment((String) opening.get("salt"), ballotJson))) {
              return new Report("entry " + p + ": the salt revealed at entry " + at + " does not open its commitment", p, entries.size(), recounted, opened);
            }
            opened++;
            remember(Canonical.parse(ballotJson), p, ballotsById, positionOfBallot);
          }
        }
        case "decision_closed" -> {
          String problem = recount(body, ballotsById, positionOfBallot);
          if (problem != null) {
            return new Report("entry " + at + " (close of decision " + body.get("decision_id") + "): " + problem, at, entries.size(), recounted, opened);
          }
          recounted++;
          long decision = number(body.get("decision_id"));
          List<Map<String, Object>> ballots = ballotsById.values().stream()
              .filter(b -> number(b.get("decision_id")) == decision).toList();
          LedgerRejudge.Verdict v = LedgerRejudge.judge(body, openings.get(decision), motionVersions.getOrDefault(decision, 1), ballots, catalogue);
          switch (v.kind()) {
            case MISMATCH -> {
              return new Report("entry " + at + " (close of decision " + decision + "): " + v.detail(), at, entries.size(), recounted, opened,
                  judged[0], judged[1], judged[2], notes);
            }
            case REJUDGED -> judged[0]++;
            case TALLY_ONLY -> {
              judged[1]++;
              notes.add("decision " + decision + " (entry " + at + ") recounted by tally only: " + v.detail());
            }
            case NOT_REJUDGEABLE -> {
              judged[2]++;
              notes.add("decision " + decision + " (entry " + at + ") not re-judgeable: " + v.detail());
            }
          }
        }
        default -> { }
      }
      prev = e.hash();
      expected = at + 1;
    }
    if (contiguous && headHash != null && !headHash.equals(prev)) {
      return new Report("the chain head " + headHash + " is not the last entry's hash " + prev + " (entries removed at the end)", expected, entries.size(), recounted, opened);
    }
    List<Long> unrecorded = new ArrayList<>();
    for (BallotRow row : rows) {
      Map<String, Object> recorded = ballotsById.get(row.id());
      Long p = positionOfBallot.get(row.id());
      if (recorded == null) {
        if (sealedByPosition.values().stream().anyMatch(b -> Objects.equals(number(b.get("decision_id")), row.decisionId()))) {
          continue; // sealed and not yet revealed: checked once the decision closes
        }
        unrecorded.add(row.id());
        continue;
      }
      String choice = row.choice() == null ? "withdrawn" : row.choice();
      if (!choice.equals(recorded.get("choice")) || !Objects.equals(strip(row.reason()), recorded.get("reason"))) {
        return new Report("ballot " + row.id() + " differs from ledger entry " + p + " (now " + choice + ", recorded "
            + recorded.get("choice") + ")", p, entries.size(), recounted, opened);
      }
    }
    if (!unrecorded.isEmpty()) {
      // All of them, not just the first: a store written with the ledger off (a benchmark baseline) lacks every one.
      return new Report("ballot " + unrecorded.get(0) + " has no ledger entry" + (unrecorded.size() == 1 ? ""
          : " (" + unrecorded.size() + " ballots have none, ids " + unrecorded.get(0) + " to " + unrecorded.get(unrecorded.size() - 1) + ")"),
          null, entries.size(), recounted, opened);
    }
    return new Report(null, null, entries.size(), recounted, opened, judged[0], judged[1], judged[2], notes);
  }

  private static void remember(Map<String, Object> ballot, long position, Map<Long, Map<String, Object>> byId, Map<Long, Long> positions) {
    long id = number(ballot.get("ballot_id"));
    byId.put(id, ballot);
    positions.put(id, position);
  }

  /** Re-counts a close: every counted ballot must be in the ledger for that decision, and their choices add up. */
  private static String recount(Map<String, Object> closed, Map<Long, Map<String, Object>> ballots, Map<Long, Long> positions) {
    long decision = number(closed.get("decision_id"));
    int[] tally = new int[3];
    List<Long> seats = new ArrayList<>();
    for (Object o : (List<?>) closed.get("counted_ballots")) {
      long id = number(o);
      Map<String, Object> b = ballots.get(id);
      if (b == null || number(b.get("decision_id")) != decision) {
        return "counted ballot " + id + " is not in the ledger before the close";
      }
      long seat = number(b.get("seat_id"));
      if (seats.contains(seat)) {
        return "two ballots counted for seat " + seat + " (entries " + positions.get(id) + ")";
      }
      seats.add(seat);
      switch (String.valueOf(b.get("choice"))) {
        case "approve" -> tally[0]++;
        case "reject" -> tally[1]++;
        case "abstain" -> tally[2]++;
        default -> { return "counted ballot " + id + " (entry " + positions.get(id) + ") is a withdrawal"; }
      }
    }
    int[] recorded = {(int) number(closed.get("approve")), (int) number(closed.get("reject")), (int) number(closed.get("abstain"))};
    if (!java.util.Arrays.equals(tally, recorded)) {
      return "recount gives " + tally[0] + " approve, " + tally[1] + " reject, " + tally[2] + " abstain; recorded "
          + recorded[0] + ", " + recorded[1] + ", " + recorded[2];
    }
    return null;
  }

  private static String strip(String reason) {
    return reason == null || reason.isBlank() ? null : reason.strip();
  }

  private static long number(Object o) {
    return o == null ? -1 : ((Number) o).longValue();
  }
}
