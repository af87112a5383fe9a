package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.protocol.DecisionEvent;
import org.quorate.protocol.TallyCount;
import org.quorate.protocol.UserRef;
import org.quorate.server.decisions.DecisionFactsLoader.Loaded;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingVotes;
import org.quorate.server.meetings.RegisterSnapshot;
import org.quorate.server.rooms.RoomEventLog;

/**
 * Votes taken live at a meeting, as decisions counted by the rules engine. Calling a vote on an
 * agenda item takes over a postal vote not yet counted for that meeting and the item's Modification
 * (its ballots stay and count as the rules say; its closing time, the deadline for postal ballots,
 * gives way to the chair's close), or opens a new decision of kind {@code meeting} in the meeting's
 * room with the body's electorate frozen now. Ballots go through {@link BallotAdmission}
 * like any other, with channel at_meeting; the close counts with the meeting's attendance and records
 * the result as a moderator's close would, so it reaches the Modification Register.
 *
 * <p>Events: the meeting room hears the meetings feature's own events. A decision whose room is
 * another room (a postal vote opened in the Modification's room) goes on hearing its decision events
 * there, so those following it see it taken over, its ballots and its close; a decision in the
 * meeting's room gets none, which would repeat the meeting events.
 */
public final class DecisionMeetingVotes implements MeetingVotes {
  static final List<String> OPTIONS = List.of("approve", "reject", "abstain");

  private final DecisionService decisions;
  private final DecisionModeration moderation;
  private final DecisionStore store;
  private final MeetingVoteRecords records;

  public DecisionMeetingVotes(DecisionService decisions, DecisionModeration moderation, DecisionStore store) {
    this.decisions = decisions;
    this.moderation = moderation;
    this.store = store;
    this.records = new MeetingVoteRecords(decisions, store);
  }

  @Override
  public Future<OpenedVote> callVote(RoomEventLog.Tx tx, VoteCall call) {
    if (!Set.copyOf(call.options()).equals(Set.copyOf(OPTIONS))) {
      return Future.failedFuture(DomainException.invalid("options", "a meeting vote decides a motion: its options are approve, "
          + "reject and abstain"));
    }
    SqlClient db = tx.conn();
    return prepared(db, call).compose(found -> found.isPresent() ? adopt(tx, call, found.get()) : open(tx, call));
  }

  /** An open postal (or prepared meeting) vote for this meeting and the item's Modification, not yet called. */
  private Future<Optional<Long>> prepared(SqlClient db, VoteCall call) {
    if (call.modificationId() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.preparedQuery("SELECT id FROM decision d WHERE meeting_id = $1 AND body_id = $2 AND modification_id = $3 "
            + "AND status = 'open' AND kind IN ('postal', 'meeting') "
            + "AND NOT EXISTS (SELECT 1 FROM meeting_vote_call c WHERE c.decision_id = d.id) ORDER BY id LIMIT 1")
        .execute(Tuple.of(call.meetingId(), call.bodyId(), call.modificationId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  private Future<OpenedVote> adopt(RoomEventLog.Tx tx, VoteCall call, long decisionId) {
    SqlClient db = tx.conn();
    return store.lock(db, decisionId).compose(d -> store.now(db).compose(now -> {
      // Past its closing time a postal vote takes no more postal ballots, but it is still counted here.
      if (!"open".equals(d.status())) {
        return Future.failedFuture(DomainException.decisionClosed("decision " + d.id() + " is " + d.status()));
      }
      return decisions.loader().load(db, d).compose(l -> {
        DecisionResult sofar = DecisionResult.decide(l.facts(now));
        int counted = (int) sofar.ballots().stream().filter(b -> b.status().counts()).count();
        String reason = "called as a meeting vote at meeting " + call.meetingId() + ": \"" + call.question() + "\"";
        String detail = counted + " ballot(s) cast before the meeting carried into the vote"
            + (d.closesAt() == null ? "" : "; postal closing time was " + d.closesAt());
        UserRef by = user(call.calledBy(), l);
        return store.takeToMeeting(db, d.id())
            .compose(v -> store.recordChange(db, d.id(), "taken_to_meeting", reason, call.calledBy(), detail))
            .compose(v -> d.roomId() == call.roomId() ? Future.succeededFuture()
                : tx.append(d.roomId(), seq -> new DecisionEvent.DecisionChanged(d.roomId(), seq, d.id(), "taken_to_meeting", reason, by,
                    null, d.motionText(), d.motionVersion(), DecisionWire.quoracy(d, sofar))).mapEmpty())
            .compose(v -> remember(db, call, d.id(), true))
            .map(v -> new OpenedVote(d.id(), voting(l.seats())));
      });
    }));
  }

  private Future<OpenedVote> open(RoomEventLog.Tx tx, VoteCall call) {
    SqlClient db = tx.conn();
    return decisions.body(db, call.bodyId()).compose(body -> store.nextGroup(db).compose(group -> {
      BodyRules rules = body.rules();
      DecisionStore.NewDecision row = new DecisionStore.NewDecision(group, call.modificationId() == null ? "Motion" : call.modificationId(),
          call.roomId(), body.id(), call.modificationId(), call.meetingId(), call.question(), "meeting", "open",
          !rules.reasons().requiredFor().isEmpty(), rules.reference(), DecisionService.json(rules), call.question(), null,
          call.calledBy(), null);
      return decisions.openFrozen(db, row, rules);
    })).compose(d -> remember(db, call, d.id(), false).compose(v -> store.seats(db, d.id())).map(seats -> {
      // A vote opened at the meeting enters the ledger as any decision does, with its frozen seats.
      DecisionLedger.opened(tx, d, call.calledBy(), seats);
      return new OpenedVote(d.id(), voting(seats));
    }));
  }

  private static Future<Void> remember(SqlClient db, VoteCall call, long decisionId, boolean adopted) {
    return db.preparedQuery("INSERT INTO meeting_vote_call (decision_id, meeting_id, agenda_item_id, question, adopted, called_by, "
            + "called_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(decisionId, call.meetingId(), call.itemId(), call.question(), adopted, call.calledBy(),
            DecisionStore.odt(call.at())))
        .mapEmpty();
  }

  @Override
  public Future<BallotReceipt> castBallot(RoomEventLog.Tx tx, BallotCast ballot) {
    Choice choice = switch (ballot.choice()) {
      case "approve" -> Choice.APPROVE;
      case "reject" -> Choice.REJECT;
      case "abstain" -> Choice.ABSTAIN;
      default -> throw DomainException.invalid("choice", "must be one of " + OPTIONS);
    };
    DecisionBallots.SeatFinder seat = (l, now) -> seatFilledBy(l, ballot.register(), ballot.voterId());
    return called(tx.conn(), ballot.meetingId(), ballot.voteId())
        .compose(v -> decisions.ballots().record(tx, ballot.voteId(), ballot.voterId(), seat, choice, ballot.reason(), List.of(), null, null))
        .compose(r -> decisions.ballots().tellPrincipal(tx, r, user(ballot.voterId(), r.loaded()))
            .compose(v -> r.decision().roomId() == ballot.roomId() ? Future.succeededFuture() : decisions.ballots().announce(tx, r).mapEmpty())
            .map(v -> new BallotReceipt(r.counted(), voting(r.loaded().seats()))));
  }

  /**
   * At the meeting one votes for the seat one fills there: one's own, or the member's whose alternate
   * or proxy one is. Null means the voter's own seat.
   */
  static Long seatFilledBy(Loaded l, RegisterSnapshot register, long voterId) {
    RegisterSnapshot.SeatPresence filled = register.seats().stream()
        .filter(s -> s.filledBy() != null && s.filledBy() == voterId).findFirst()
        .orElseThrow(() -> DomainException.notAuthorised("only a member present at the meeting, or the alternate or proxy filling "
            + "their seat, votes there"));
    if (filled.holderId() == voterId) {
      return null;
    }
    return l.seats().stream().filter(s -> s.userId() == filled.holderId()).map(Seat::id).findFirst()
        .orElseThrow(() -> DomainException.notAuthorised(filled.holderName() + "'s seat was not in this vote's electorate when it opened"));
  }

  @Override
  public Future<ClosedVote> closeVote(RoomEventLog.Tx tx, VoteClose close) {
    SqlClient db = tx.conn();
    return called(db, close.meetingId(), close.voteId()).compose(v -> store.lock(db, close.voteId())).compose(d -> {
      if (!"open".equals(d.status())) {
        return Future.failedFuture(DomainException.decisionClosed("meeting vote " + d.id() + " is " + d.status()));
      }
      return store.closeAt(db, d.id(), close.at()).compose(v -> store.get(db, d.id())).compose(closed -> decisions.loader().load(db, closed)
          .compose(l -> {
            DecisionFacts facts = l.facts(close.at()).withRules(l.rules().withoutReopening());
            DecisionResult result = DecisionResult.decide(facts);
            String why = close.reason() == null ? "closed by the chair at the meeting" : close.reason();
            return store.recordChange(db, d.id(), "closed_at_meeting", why, close.closedBy(), null)
                .compose(x -> db.preparedQuery("UPDATE meeting_vote_call SET closed_by = $2, close_reason = $3 WHERE decision_id = $1")
                    .execute(Tuple.of(d.id(), close.closedBy(), close.reason())))
                .compose(x -> moderation.record(tx, closed, l, facts, result, close.reason(), user(close.closedBy(), l),
                    closed.roomId() != close.roomId()))
                .map(e -> new ClosedVote(d.id(), tally(result.tally().approve(), result.tally().reject(), result.tally().abstain()),
                    result.isFinal() ? result.outcome().name().toLowerCase() : "awaiting_casting_vote", result.quoracy().quorate(),
                    result.explanation(), rule(closed.rulesReference(), result.majority().clause(), result.quoracy().clause())));
          }));
    });
  }



  @Override
  public Future<List<VoteRecord>> votes(SqlClient db, long meetingId) {
    return records.votes(db, meetingId);
  }

  /** Refused with not_found unless the vote was called at this meeting. */
  private static Future<Void> called(SqlClient db, long meetingId, long voteId) {
    return db.preparedQuery("SELECT 1 FROM meeting_vote_call WHERE decision_id = $1 AND meeting_id = $2")
        .execute(Tuple.of(voteId, meetingId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(DomainException.notFound("meeting vote", voteId)) : Future.succeededFuture());
  }

  static List<TallyCount> tally(int approve, int reject, int abstain) {
    return List.of(new TallyCount("approve", approve), new TallyCount("reject", reject), new TallyCount("abstain", abstain));
  }

  /** The rules a meeting vote was decided under, as the meeting record cites them. */
  static String rule(String reference, String majorityClause, String quorumClause) {
    return reference + " — majority: " + majorityClause + "; quorum: " + quorumClause;
  }

  private static int voting(List<Seat> seats) {
    return (int) seats.stream().filter(Seat::voting).count();
  }

  private static UserRef user(long id, Loaded l) {
    return new UserRef(id, l.userNames().getOrDefault(id, "user " + id));
  }
}
