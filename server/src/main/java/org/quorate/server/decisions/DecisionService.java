package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.quorate.protocol.DecisionCommand;
import org.quorate.protocol.DecisionEvent;
import org.quorate.protocol.DecisionViews;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.admission.AsynchronousAdmission;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.Jackson;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomService;

/**
 * Opening decisions, casting ballots ({@link DecisionBallots} records them) and reading decisions.
 * Whether a ballot is in time is judged inside its write transaction against the database's clock,
 * under the decision's row lock; the count is the pure {@link DecisionResult#decide} of what is stored.
 */
public final class DecisionService {
  /** Closing time of day for "closes in N Working Days". */
  static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);
  private static final Set<String> OBJECTIVES = Set.of("a", "b", "c", "d", "e", "f", "g");

  private final Pool pool;
  private final RoomService rooms;
  private final RoomEventLog log;
  private final DecisionStore store;
  private final DecisionFactsLoader loader;
  private final RulesCatalogue catalogue;
  private final WorkingDayCalendar calendar;
  private final NotificationService notifications;
  private final DecisionBallots ballots;

  public DecisionService(io.vertx.core.Vertx vertx, Pool pool, RoomService rooms, RoomEventLog log, DecisionStore store,
      RulesCatalogue catalogue, WorkingDayCalendar calendar, NotificationService notifications, AttendanceSource attendance) {
    this.pool = pool;
    this.rooms = rooms;
    this.log = log;
    this.store = store;
    this.catalogue = catalogue;
    this.calendar = calendar;
    this.notifications = notifications;
    this.loader = new DecisionFactsLoader(store, catalogue, attendance);
    this.ballots = new DecisionBallots(store, loader, notifications, new TallyBroadcasts(rooms.bus()));
    this.casts = new org.quorate.server.rooms.WriteBatcher<>(vertx, new BallotBatch(log, store, ballots), BallotBatch.Cast::key,
        MAX_BALLOT_BATCH, BALLOT_BATCHES_IN_FLIGHT);
  }

  /** Ballots per group-commit transaction, and transactions in flight (they queue on shared decisions' locks). */
  static final int MAX_BALLOT_BATCH = 256;
  static final int BALLOT_BATCHES_IN_FLIGHT = 2;
  private final org.quorate.server.rooms.WriteBatcher<BallotBatch.Cast> casts;

  Pool pool() {
    return pool;
  }

  DecisionStore store() {
    return store;
  }

  RoomService rooms() {
    return rooms;
  }

  NotificationService notifications() {
    return notifications;
  }

  DecisionFactsLoader loader() {
    return loader;
  }

  DecisionBallots ballots() {
    return ballots;
  }

  /** Whether this node still holds in memory what it keeps for counting the decision's ballots (for operators' tests). */
  public boolean holdsCount(long decisionId) {
    return ballots.holds(decisionId);
  }

  // ---- opening ----

  public Future<Outcome> open(Principal who, DecisionCommand.OpenDecision cmd) {
    if (!who.isSecas()) {
      throw DomainException.notAuthorised("only a SECAS moderator may open a decision");
    }
    String kind = oneOf(cmd.kind(), Set.of("asynchronous", "postal", "meeting"), "kind");
    String visibility = cmd.visibility() == null ? "open" : oneOf(cmd.visibility(), Set.of("open", "sealed"), "visibility");
    if (("postal".equals(kind) || "meeting".equals(kind)) && cmd.meetingId() == null) {
      throw DomainException.invalid("meeting_id", "a " + kind + " vote is counted at a named meeting");
    }
    return body(pool, cmd.body())
        .compose(body -> ("asynchronous".equals(kind) ? discussedAt(body, cmd.meetingId(), cmd.modificationId())
            : countedAt(body.id(), cmd.meetingId())).map(body))
        .compose(body -> {
          BodyRules rules = body.rules();
          if ("asynchronous".equals(kind)) {
            AsynchronousAdmission.check(rules, cmd.meetingId() != null);
          }
          return roomFor(who, cmd, body.id()).compose(roomId -> store.now(pool).compose(now -> {
            Instant closesAt = closingTime(cmd.closesAt(), cmd.closesInWorkingDays(), now);
            if (closesAt != null && !closesAt.isAfter(now)) {
              return Future.failedFuture(DomainException.invalid("closes_at", "must be in the future"));
            }
            List<String> items = cmd.items().isEmpty()
                ? List.of(cmd.modificationId() != null ? cmd.modificationId() : "Motion") : cmd.items();
            boolean reasonsRequired = Boolean.TRUE.equals(cmd.reasonsRequired()) || !rules.reasons().requiredFor().isEmpty();
            String motion = cmd.motionText() == null || cmd.motionText().isBlank() ? cmd.question() : cmd.motionText();
            return log.write(who.userId(), cmd.id(), roomId, tx -> store.nextGroup(tx.conn()).compose(group -> {
              Future<Outcome> chain = Future.succeededFuture();
              for (String item : items) {
                DecisionStore.NewDecision row = new DecisionStore.NewDecision(group, item, roomId, body.id(), cmd.modificationId(),
                    cmd.meetingId(), cmd.question(), kind, visibility, reasonsRequired, rules.reference(), json(rules), motion,
                    closesAt, who.userId(), options(cmd.options(), kind));
                chain = chain.compose(prev -> openItem(tx, row, rules, who, body.code()));
              }
              return chain;
            }));
          }));
        });
  }

  /** A body as decisions see it: its code, kind and current rules. */
  record Body(long id, String code, String kind, BodyRules rules) {}

  Future<Body> body(SqlClient db, String code) {
    return db.preparedQuery("SELECT id, code, kind, rules FROM body WHERE code = $1").execute(io.vertx.sqlclient.Tuple.of(code))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.invalid("body", "no body with code " + code);
          }
          var r = rows.iterator().next();
          return new Body(r.getLong("id"), r.getString("code"), r.getString("kind"), catalogue.current(r.getString("rules"), r.getString("code")));
        });
  }

  Future<Body> body(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT code FROM body WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(bodyId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(DomainException.notFound("body", bodyId))
            : body(db, rows.iterator().next().getString("code")));
  }

  /** A postal or meeting vote names a meeting of the same body that has not yet closed. */
  private Future<Void> countedAt(long bodyId, long meetingId) {
    return loader.meeting(pool, meetingId).map(meeting -> {
      MeetingPresence m = meeting.orElseThrow(() -> DomainException.invalid("meeting_id", "no such meeting"));
      if (m.bodyId() != bodyId) {
        throw DomainException.invalid("meeting_id", "is a meeting of another body");
      }
      if (!m.isOpen()) {
        throw DomainException.conflict("meeting " + meetingId + " is " + m.state());
      }
      return null;
    });
  }

  /**
   * The meeting an asynchronous decision cites as having discussed its item (the Change Board's rules
   * decide asynchronously only on such items) must be a meeting of the same body and, for a
   * Modification, one whose agenda held it. Optional unless the body's rules ask for it.
   */
  private Future<Void> discussedAt(Body body, Long meetingId, String modificationId) {
    if (meetingId == null) {
      return Future.succeededFuture();
    }
    return store.meetingAgenda(pool, meetingId, modificationId).map(meeting -> {
      DecisionStore.MeetingAgenda m = meeting.orElseThrow(() -> DomainException.invalid("meeting_id", "no such meeting"));
      if (m.bodyId() != body.id()) {
        throw DomainException.invalid("meeting_id", "is a meeting of another body, not " + body.code());
      }
      if (modificationId != null && !m.heldModification()) {
        throw DomainException.invalid("meeting_id", "that meeting's agenda did not hold " + modificationId);
      }
      return null;
    });
  }

  private Future<Outcome> openItem(RoomEventLog.Tx tx, DecisionStore.NewDecision row, BodyRules rules, Principal who, String bodyCode) {
    SqlClient db = tx.conn();
    return openFrozen(db, row, rules)
        .compose(d -> loader.load(db, d).compose(l -> {
          DecisionResult now = DecisionResult.decide(l.facts(d.openedAt()));
          int voting = (int) l.seats().stream().filter(Seat::voting).count();
          DecisionLedger.opened(tx, d, who.userId(), l.seats());
          return tx.append(d.roomId(), seq -> new DecisionEvent.DecisionOpened(d.roomId(), seq, d.id(), d.groupId(), d.item(), d.question(),
                  d.kind(), d.visibility(), bodyCode, d.modificationId(), d.motionText(), d.motionVersion(), d.closesAt(),
                  d.reasonsRequired(), voting, d.rulesReference(), DecisionWire.quoracy(d, now), ref(who), d.options()))
              .compose(e -> followersTold(tx, d, "decision_opened", ref(who), d.question())
                  .compose(v -> votersTold(tx, d, l.seats(), ref(who)))
                  .map(new Outcome(d.roomId(), e.seq(), d.id(), false)));
        }));
  }

  /**
   * Stores a decision with its electorate frozen now, inside the caller's transaction: the body's
   * members, with the rules' non-voting Party Categories made non-voting. Tells nobody.
   */
  Future<StoredDecision> openFrozen(SqlClient db, DecisionStore.NewDecision row, BodyRules rules) {
    return store.insert(db, row)
        .compose(id -> DecisionFactsLoader.bodySeats(db, row.bodyId())
            .compose(seats -> store.insertSeats(db, id, Electorate.freeze(rules, seats).seats()))
            .compose(v -> store.get(db, id)));
  }

  private Future<Long> roomFor(Principal who, DecisionCommand.OpenDecision cmd, long bodyId) {
    if (cmd.room() != null) {
      return rooms.openForRead(who, cmd.room()).map(o -> o.room().id());
    }
    if (cmd.modificationId() != null) {
      return rooms.store().roomOfModification(pool, cmd.modificationId())
          .recover(e -> Future.failedFuture(DomainException.invalid("modification_id", "no such Modification")));
    }
    return rooms.store().roomOfBody(pool, bodyId);
  }

  /** Custom options: 2 to 10 distinct labels, for asynchronous decisions only. */
  static List<String> options(List<String> options, String kind) {
    if (options == null) {
      return null;
    }
    if (!"asynchronous".equals(kind)) {
      throw DomainException.invalid("options", "custom options are for asynchronous decisions; motions take approve, reject or abstain");
    }
    List<String> labels = options.stream().map(o -> org.quorate.server.domain.Checks.text(o, "options", 100)).toList();
    if (labels.size() < 2 || labels.size() > 10 || labels.stream().distinct().count() != labels.size()) {
      throw DomainException.invalid("options", "give 2 to 10 different options");
    }
    return labels;
  }

  Instant closingTime(Instant closesAt, Integer workingDays, Instant now) {
    if (workingDays != null) {
      if (workingDays < 1) {
        throw DomainException.invalid("closes_in_working_days", "must be at least 1");
      }
      return calendar.closingTime(now, workingDays, CLOSE_OF_BUSINESS).toInstant();
    }
    return closesAt;
  }

  // ---- ballots ----

  public Future<Outcome> cast(Principal who, DecisionCommand.CastBallot cmd) {
    // Anything else may be one of the decision's custom options; that is checked under its lock.
    Choice choice = switch (cmd.choice()) {
      case "approve" -> Choice.APPROVE;
      case "reject" -> Choice.REJECT;
      case "abstain" -> Choice.ABSTAIN;
      default -> null;
    };
    for (String o : cmd.objectives()) {
      if (!OBJECTIVES.contains(o)) {
        throw DomainException.invalid("objectives", "General SEC Objectives are (a) to (g): give letters a–g");
      }
    }
    // Group commit (BallotBatch): many ballots per transaction, each acknowledged after its batch commits.
    return casts.submit(new BallotBatch.Cast(who.userId(), ref(who), cmd.id(), cmd.decisionId(), choice, cmd.choice(), cmd.reason(),
        cmd.objectives(), cmd.motionVersion(), seatFinder(who, cmd.onBehalfOf())));
  }

  public Future<Outcome> withdraw(Principal who, DecisionCommand.WithdrawBallot cmd) {
    // Through the same group commit as casts, so it is written after the user's ballots sent before it.
    return casts.submit(new BallotBatch.Cast(who.userId(), ref(who), cmd.id(), cmd.decisionId(), null, null, null, List.of(), null,
        seatFinder(who, cmd.onBehalfOf())));
  }

  private static DecisionBallots.SeatFinder seatFinder(Principal who, Long onBehalfOf) {
    return (l, now) -> {
      if ("meeting".equals(l.decision().kind()) && l.atMeeting() && !l.presentAt(who.userId(), now)) {
        throw DomainException.notAuthorised("this vote is being taken at its meeting: only those present there vote in it");
      }
      return onBehalfOf == null ? null : l.seats().stream().filter(s -> s.userId() == onBehalfOf).map(Seat::id).findFirst()
          .orElseThrow(() -> DomainException.invalid("on_behalf_of", "holds no seat in this decision's electorate"));
    };
  }

  /**
   * Followers of the decision's room hear that it opened or closed, if they may read the room; like
   * reminders, the notification names the decision in {@code message_id}.
   */
  Future<Void> followersTold(RoomEventLog.Tx tx, StoredDecision d, String kind, UserRef from, String text) {
    return rooms.store().get(tx.conn(), d.roomId()).compose(room -> rooms.store().followers(tx.conn(), d.roomId())
        .compose(ids -> notifications.notify(tx, new NotificationService.Notice(kind, room, null, d.id(),
            from, d.item() + ": " + text), ids, from == null ? -1 : from.id())));
  }

  /** Each voting member hears that a decision needs their ballot (and by when). */
  private Future<Void> votersTold(RoomEventLog.Tx tx, StoredDecision d, List<Seat> seats, UserRef from) {
    List<Long> voters = seats.stream().filter(Seat::voting).map(Seat::userId).toList();
    return rooms.store().get(tx.conn(), d.roomId()).compose(room -> notifications.notify(tx, new NotificationService.Notice(
        "ballot_needed", room, null, d.id(), from, d.item() + ": " + d.question() + " (closes " + d.closesAt() + ")"), voters,
        from == null ? -1 : from.id()));
  }

  // ---- reads ----

  /**
   * A decision as a member sees it now: sealed ballots stay hidden (except one's own) until the close.
   * {@code followUp} says what follows a final inquorate result (as the decision_closed event did).
   */
  public record DecisionView(long id, long groupId, String item, long room, String body, String modificationId, Long meetingId,
      String question, String kind, String visibility, String status, String outcome, String explanation, String followUp,
      String motionText, int motionVersion, Instant openedAt, Instant closesAt, Instant closedAt, Integer workingDaysLeft, boolean reasonsRequired,
      String rules, int electorate, DecisionViews.Quoracy quoracy, DecisionViews.Tally tally, List<DecisionViews.Ballot> ballots,
      DecisionViews.Ballot myBallot, boolean canVote, List<String> options) {}

  public Future<DecisionView> view(Principal who, long decisionId) {
    return store.get(pool, decisionId).compose(d -> mayRead(who, d).compose(v -> view(pool, who, d)));
  }

  /**
   * Whoever may read the decision's room, and every holder of a seat in its electorate: all members
   * must see a postal vote, the Consumer Member (who has no Party) included.
   */
  private Future<Void> mayRead(Principal who, StoredDecision d) {
    return rooms.openForRead(who, d.roomId()).<Void>mapEmpty().recover(refused -> store.seats(pool, d.id())
        .compose(seats -> seats.stream().anyMatch(s -> s.userId() == who.userId()) ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(refused)));
  }

  /** Those of the decisions the user may read, in order, by the same check as reading one of them. */
  Future<List<StoredDecision>> readable(Principal who, List<StoredDecision> list) {
    Future<List<StoredDecision>> chain = Future.succeededFuture(new ArrayList<>());
    for (StoredDecision d : list) {
      chain = chain.compose(acc -> mayRead(who, d).map(true).recover(DecisionService::refusal).map(may -> {
        if (may) {
          acc.add(d);
        }
        return acc;
      }));
    }
    return chain;
  }

  /** A refusal to read becomes false; any other failure stays a failure. */
  static Future<Boolean> refusal(Throwable refused) {
    return refused instanceof DomainException e && e.code() == org.quorate.protocol.ErrorCode.NOT_AUTHORISED
        ? Future.succeededFuture(false) : Future.failedFuture(refused);
  }

  public Future<List<DecisionView>> inRoom(Principal who, long roomId) {
    return rooms.openForRead(who, roomId).compose(o -> store.inRoom(pool, roomId)).compose(list -> all(who, list));
  }

  Future<List<DecisionView>> all(Principal who, List<StoredDecision> list) {
    Future<List<DecisionView>> chain = Future.succeededFuture(new ArrayList<>());
    for (StoredDecision d : list) {
      chain = chain.compose(acc -> view(pool, who, d).map(v -> {
        acc.add(v);
        return acc;
      }));
    }
    return chain;
  }

  Future<DecisionView> view(SqlClient db, Principal who, StoredDecision d) {
    return loader.load(db, d).compose(l -> store.now(db).map(now -> {
      Instant asOf = "open".equals(d.status()) ? now : (d.closedAt() != null ? d.closedAt() : now);
      DecisionResult result = DecisionResult.decide(l.facts(asOf));
      List<DecisionViews.Ballot> ballots = DecisionWire.ballots(result, l.seats(), l.partyNames(), l.userNames(), l.objectives(),
          l.options());
      DecisionViews.Ballot mine = ballots.stream().filter(b -> b.castBy().id() == who.userId() || b.voter().id() == who.userId())
          .filter(DecisionViews.Ballot::counted).reduce((a, b) -> b).orElse(null);
      boolean visible = d.ballotsVisible();
      Integer daysLeft = "open".equals(d.status()) && d.closesAt() != null
          ? calendar.workingDaysBetween(now.atZone(WorkingDayCalendar.LONDON).toLocalDate(), d.closesAt().atZone(WorkingDayCalendar.LONDON).toLocalDate())
          : null;
      boolean canVote = "open".equals(d.status()) && (d.closesAt() == null || now.isBefore(d.closesAt()))
          && (!"meeting".equals(d.kind()) || !l.atMeeting() || l.presentAt(who.userId(), now))
          && l.seats().stream().anyMatch(s -> s.voting() && s.userId() == who.userId() && !l.recused().contains(s.id()));
      int voting = (int) l.seats().stream().filter(Seat::voting).count();
      String followUp = "closed".equals(d.status()) && d.outcome() != null && result.followUp() != null
          ? result.followUp().sentence() : null;
      return new DecisionView(d.id(), d.groupId(), d.item(), d.roomId(), d.bodyCode(), d.modificationId(), d.meetingId(), d.question(),
          d.kind(), d.visibility(), d.status(), d.outcome(), d.explanation(), followUp, d.motionText(), d.motionVersion(), d.openedAt(),
          d.closesAt(), d.closedAt(), daysLeft, d.reasonsRequired(), d.rulesReference(), voting, DecisionWire.quoracy(d, result),
          visible ? DecisionWire.tally(result.tally(), result, d, l.options()) : null, visible ? ballots : List.of(), mine, canVote,
          d.options());
    }));
  }

  static UserRef ref(Principal p) {
    return new UserRef(p.userId(), p.displayName());
  }

  static String oneOf(String value, Set<String> allowed, String field) {
    if (!allowed.contains(value)) {
      throw DomainException.invalid(field, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  static String json(Object value) {
    try {
      return Jackson.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
