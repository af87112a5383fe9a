package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import org.quorate.protocol.DecisionCommand;
import org.quorate.protocol.DecisionEvent;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.DecisionFactsLoader.Loaded;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionFacts;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.lifecycle.Actor;
import org.quorate.server.decisions.lifecycle.DecisionLifecycle;
import org.quorate.server.decisions.lifecycle.DecisionStatus;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomStore;

/**
 * A moderator's changes to a decision (extend, close early, cancel, amend, recusal), the chair's
 * casting vote, and closing at the closing time. Nothing is ever deleted; every change is recorded
 * with its reason and told to the room.
 */
public final class DecisionModeration {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionModeration.class);
  private final Pool pool;
  private final RoomEventLog log;
  private final DecisionStore store;
  private final DecisionService decisions;
  private final WorkingDayCalendar calendar;
  private final RoomStore rooms;
  private final org.quorate.server.ledger.LedgerCheckpoints checkpoints;

  public DecisionModeration(Pool pool, RoomEventLog log, DecisionStore store, DecisionService decisions,
      WorkingDayCalendar calendar, RoomStore rooms) {
    this.pool = pool;
    this.log = log;
    this.store = store;
    this.decisions = decisions;
    this.calendar = calendar;
    this.rooms = rooms;
    this.checkpoints = new org.quorate.server.ledger.LedgerCheckpoints(pool, log);
  }

  public Future<RoomEventLog.Outcome> change(Principal who, DecisionCommand.ChangeDecision cmd) {
    return log.write(who.userId(), cmd.id(), 0, tx -> store.lock(tx.conn(), cmd.decisionId())
        .compose(d -> decisions.loader().load(tx.conn(), d).compose(l -> store.now(tx.conn()).compose(now -> {
          Actor actor = new Actor(who.userId(), who.isSecas());
          return switch (cmd.change()) {
            case "extend" -> {
              Instant until = decisions.closingTime(cmd.closesAt(), cmd.closesInWorkingDays(), now);
              if (until == null) {
                throw DomainException.invalid("closes_at", "an extension needs closes_at or closes_in_working_days");
              }
              DecisionLifecycle.Step step = d.lifecycle().extend(actor, now, until, cmd.reason(), l.rules().extensions());
              yield store.reschedule(tx.conn(), d.id(), step.lifecycle().closesAt(), step.lifecycle().extensions(), d.inquorateExtensions())
                  .compose(v -> store.recordChange(tx.conn(), d.id(), "extended", cmd.reason(), who.userId(), until.toString()))
                  .compose(v -> changed(tx, d, l, "extended", cmd.reason(), who, until, d.motionText(), d.motionVersion(), now));
            }
            case "close" -> {
              DecisionLifecycle.Step step = d.lifecycle().closeEarly(actor, now, cmd.reason());
              yield store.recordChange(tx.conn(), d.id(), "closed_early", cmd.reason(), who.userId(), null)
                  .compose(v -> settle(tx, d, l, step.lifecycle(), now, cmd.reason(), who));
            }
            case "cancel" -> {
              d.lifecycle().cancel(actor, now, cmd.reason());
              DecisionLedger.changed(tx, d, who.userId(), "cancelled", cmd.reason(), d.motionVersion(), d.motionText());
              tx.afterCommit(() -> decisions.ballots().closed(d.id()));
              yield store.recordChange(tx.conn(), d.id(), "cancelled", cmd.reason(), who.userId(), null)
                  .compose(v -> store.settle(tx.conn(), d.id(), "cancelled", "cancelled", null, "cancelled: " + cmd.reason(), null))
                  .compose(v -> tx.append(d.roomId(), seq -> new DecisionEvent.DecisionClosed(d.roomId(), seq, d.id(), "cancelled",
                      "cancelled: " + cmd.reason(), d.rulesReference(), null, null, List.of(), null, cmd.reason(), DecisionService.ref(who))))
                  .map(e -> new Outcome(d.roomId(), e.seq(), d.id(), false));
            }
            case "amend" -> amend(tx, d, l, who, cmd, now);
            default -> throw DomainException.invalid("change", "must be extend, close, cancel or amend");
          };
        }))));
  }

  private Future<Outcome> amend(RoomEventLog.Tx tx, StoredDecision d, Loaded l, Principal who, DecisionCommand.ChangeDecision cmd,
      Instant now) {
    if (!who.isSecas()) {
      throw DomainException.notAuthorised("only a SECAS moderator may amend a motion");
    }
    d.lifecycle().requireAcceptingBallots(now);
    if (cmd.motionText() == null || cmd.motionText().isBlank()) {
      throw DomainException.invalid("motion_text", "the amended text is required");
    }
    int version = d.motionVersion() + 1;
    List<Long> voters = l.ballots().stream().map(b -> b.ballot().castByUserId()).distinct().toList();
    String policy = l.rules().amendments().onAmendment().name().toLowerCase().replace('_', ' ');
    return store.amend(tx.conn(), d.id(), version, cmd.motionText(), who.userId(), cmd.reason())
        .compose(v -> store.recordChange(tx.conn(), d.id(), "amended", cmd.reason(), who.userId(), "version " + version))
        .compose(v -> rooms.get(tx.conn(), d.roomId()))
        .compose(room -> decisions.notifications().notify(tx, new org.quorate.server.notifications.NotificationService.Notice(
            "motion_amended", room, null, null, DecisionService.ref(who),
            d.item() + ": the motion was amended (version " + version + "); earlier ballots: " + policy + " ("
                + l.rules().amendments().clause() + ")"), voters, who.userId()))
        .compose(v -> changed(tx, d, l, "amended", cmd.reason(), who, d.closesAt(), cmd.motionText(), version, now));
  }

  public Future<Outcome> recuse(Principal who, DecisionCommand.Recuse cmd) {
    return log.write(who.userId(), cmd.id(), 0, tx -> store.lock(tx.conn(), cmd.decisionId())
        .compose(d -> decisions.loader().load(tx.conn(), d).compose(l -> store.now(tx.conn()).compose(now -> {
          boolean chair = d.bodyChairId() != null && d.bodyChairId() == who.userId();
          if (!who.isSecas() && !chair && who.userId() != cmd.userId()) {
            throw DomainException.notAuthorised("a member declares their own conflict; SECAS or the chair may record it");
          }
          d.lifecycle().requireAcceptingBallots(now);
          Seat seat = l.seats().stream().filter(s -> s.userId() == cmd.userId()).findFirst()
              .orElseThrow(() -> DomainException.invalid("user_id", "is not in this decision's electorate"));
          if (l.recused().contains(seat.id())) {
            throw DomainException.conflict(seat.holderName() + " is already recused");
          }
          return store.recuse(tx.conn(), d.id(), seat.id(), cmd.reason(), who.userId())
              .compose(v -> store.recordChange(tx.conn(), d.id(), "recusal", cmd.reason(), who.userId(), seat.holderName()))
              .compose(v -> decisions.loader().load(tx.conn(), d))
              .compose(after -> changed(tx, d, after, "recusal: " + seat.holderName(), cmd.reason(), who, d.closesAt(), d.motionText(),
                  d.motionVersion(), now));
        }))));
  }

  public Future<Outcome> castingVote(Principal who, DecisionCommand.CastingVote cmd) {
    Choice choice = switch (cmd.choice()) {
      case "approve" -> Choice.APPROVE;
      case "reject" -> Choice.REJECT;
      default -> throw DomainException.invalid("choice", "a casting vote is approve or reject");
    };
    return log.write(who.userId(), cmd.id(), 0, tx -> store.lock(tx.conn(), cmd.decisionId())
        .compose(d -> {
          if (d.bodyChairId() == null || d.bodyChairId() != who.userId()) {
            throw DomainException.notAuthorised("only the chair of " + d.bodyName() + " has the casting vote");
          }
          if (!"closed".equals(d.status()) || d.outcome() != null) {
            throw DomainException.conflict("a casting vote is given only on a closed, tied decision");
          }
          StoredDecision withVote = withCastingVote(d, choice);
          return decisions.loader().load(tx.conn(), withVote).compose(l -> store.now(tx.conn())
              .compose(now -> store.recordChange(tx.conn(), d.id(), "casting_vote", cmd.reason(), who.userId(), choice.word())
                  .compose(v -> settle(tx, withVote, l, withVote.lifecycle(), now, cmd.reason(), who))));
        }));
  }

  /** Closes every decision whose closing time has passed (system work; no client command). */
  public Future<Integer> closeDue() {
    return store.dueToClose(pool).compose(ids -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (long id : ids) {
        // Each decision closes on its own: one that fails is logged and retried next pass, and never holds up the rest.
        chain = chain.compose(n -> Future.succeededFuture().compose(v -> closeOne(id)).map(o -> n + 1).recover(e -> {
          LOG.warn("decision {} could not be closed this pass: {}", id, e.toString());
          return Future.succeededFuture(n);
        }));
      }
      return chain;
    });
  }

  private Future<Outcome> closeOne(long id) {
    return log.writeSystem(tx -> store.lock(tx.conn(), id).compose(d -> {
      if (!"open".equals(d.status())) {
        return Future.succeededFuture(new Outcome(d.roomId(), null, id, false));
      }
      return decisions.loader().load(tx.conn(), d).compose(l -> store.now(tx.conn())
          .compose(now -> settle(tx, d, l, d.lifecycle().close(now).lifecycle(), now, null, null)));
    }));
  }

  /**
   * Counts as of the close and records the result; a tie awaiting the chair's casting vote stays
   * closed without an outcome, and an inquorate decision whose rules say "extend" reopens.
   */
  private Future<Outcome> settle(RoomEventLog.Tx tx, StoredDecision d, Loaded l, DecisionLifecycle closed, Instant now, String reason,
      Principal who) {
    Instant asOf = closed.closesAt() != null && closed.closesAt().isBefore(now) ? closed.closesAt() : now;
    DecisionFacts facts = l.facts(asOf);
    DecisionResult result = DecisionResult.decide(facts);
    UserRef by = who == null ? null : DecisionService.ref(who);
    if (result.isFinal()) {
      DecisionLifecycle.Step settled = closed.settle(result, now, calendar);
      if (settled.lifecycle().status() == DecisionStatus.OPEN) {
        Instant reopened = settled.lifecycle().closesAt();
        return store.reschedule(tx.conn(), d.id(), reopened, d.extensions(), settled.lifecycle().inquorateExtensions())
            .compose(v -> store.recordChange(tx.conn(), d.id(), "reopened_inquorate", result.followUp().sentence(), null, null))
            .compose(v -> changed(tx, d, l, "reopened_inquorate", result.followUp().sentence(), who, reopened, d.motionText(),
                d.motionVersion(), now));
      }
    }
    return record(tx, d, l, facts, result, reason, by, true).map(e -> new Outcome(d.roomId(), e.seq(), d.id(), false));
  }

  /**
   * Stores a counted result on the decision (awaiting the casting vote when not final). When
   * {@code announce}, tells the decision's room ({@code decision_closed}) and its followers; a final
   * result is always posted to the Modification's room if that is another room, for the register.
   * Returns the {@code decision_closed} event, or null when not announced.
   */
  Future<RoomEvent> record(RoomEventLog.Tx tx, StoredDecision d, Loaded l, DecisionFacts facts, DecisionResult result, String reason,
      UserRef by, boolean announce) {
    // A question with its own options is decided by the most ballots once quorate; a motion by the body's majority rule.
    OptionVerdict options = d.customOptions() && result.isFinal() && result.quoracy().quorate()
        ? OptionVerdict.of(d.options(), result, l.options()) : null;
    String outcome = options != null ? options.outcome() : result.isFinal() ? result.outcome().name().toLowerCase() : null;
    String explanation = options != null ? options.explanation() : result.explanation();
    String followUp = result.followUp() == null ? null : result.followUp().sentence();
    var ballots = DecisionWire.ballots(result, l.seats(), l.partyNames(), l.userNames(), l.objectives(), l.options());
    // The result reaches the decision's room and the Modification's: take both room locks in the documented order first.
    Future<Void> roomsLocked = d.modificationId() == null || outcome == null ? Future.succeededFuture()
        : rooms.roomOfModification(tx.conn(), d.modificationId()).compose(m -> tx.lockRooms(List.of(d.roomId(), m)));
    Future<RoomEvent> told = roomsLocked.compose(x -> store.settle(tx.conn(), d.id(), "closed", outcome, DecisionService.json(result), explanation, null))
        .compose(v -> DecisionLedger.closed(tx, d, facts, result, outcome, explanation, l.rules() != facts.rules()))
        .compose(v -> !announce ? Future.<RoomEvent>succeededFuture(null)
            : tx.append(d.roomId(), seq -> new DecisionEvent.DecisionClosed(d.roomId(), seq, d.id(),
                outcome == null ? "awaiting_casting_vote" : outcome, explanation, d.rulesReference(),
                DecisionWire.tally(result.tally(), result, d, l.options()), DecisionWire.counted(result), ballots, followUp,
                reason, by)));
    // Closed, even when awaiting the chair's casting vote: it takes no more ballots.
    tx.afterCommit(() -> decisions.ballots().closed(d.id()));
    if (outcome == null) {
      return told;
    }
    // Once the close is committed, its body's room sees the chain head that includes it.
    tx.afterCommit(() -> rooms.roomOfBody(pool, d.bodyId()).compose(room -> checkpoints.postAfterClose(room, d.id()))
        .onFailure(e -> org.slf4j.LoggerFactory.getLogger(DecisionModeration.class).warn("ledger checkpoint not posted: {}", e.toString())));
    return told.compose(e -> registerNotice(tx, d, outcome, explanation).map(v -> e))
        .compose(e -> !announce ? Future.succeededFuture(e)
            : decisions.followersTold(tx, d, "decision_closed", by, outcome.replace('_', ' ')).map(v -> e));
  }

  /**
   * The Modification's room always hears the result, even when the vote ran in a body's room; a
   * room laxer than the body's hears only that a result is recorded, with a link for those who may
   * read it, never the outcome or its figures.
   */
  private Future<Void> registerNotice(RoomEventLog.Tx tx, StoredDecision d, String outcome, String explanation) {
    if (d.modificationId() == null) {
      return Future.succeededFuture();
    }
    return rooms.roomOfModification(tx.conn(), d.modificationId()).compose(roomId -> roomId == d.roomId()
        ? Future.succeededFuture()
        : rooms.get(tx.conn(), d.roomId()).compose(source -> rooms.get(tx.conn(), roomId).compose(target -> tx.append(roomId,
            seq -> new RoomEvent.SystemNotice(roomId, seq, "decision_result", target.classification().mayHold(source.classification())
                ? d.bodyName() + " decided " + d.item() + ": " + outcome.replace('_', ' ') + " — " + explanation
                : d.bodyName() + " recorded a result on " + d.item() + " in its own room (/rooms/" + d.roomId()
                    + "), for those who may read it: /api/decisions/" + d.id(), Instant.now())))).mapEmpty());
  }

  private Future<Outcome> changed(RoomEventLog.Tx tx, StoredDecision d, Loaded l, String change, String reason, Principal who,
      Instant closesAt, String motionText, int motionVersion, Instant now) {
    StoredDecision current = d;
    DecisionLedger.changed(tx, d, who == null ? null : who.userId(), change, reason, motionVersion, motionText);
    DecisionResult result = DecisionResult.decide(l.facts(now).withMotionVersion(motionVersion));
    return tx.append(current.roomId(), seq -> new DecisionEvent.DecisionChanged(current.roomId(), seq, current.id(), change, reason,
            who == null ? null : DecisionService.ref(who), closesAt, motionText, motionVersion, DecisionWire.quoracy(current, result)))
        .map(e -> new Outcome(current.roomId(), e.seq(), current.id(), false));
  }

  private static StoredDecision withCastingVote(StoredDecision d, Choice choice) {
    return new StoredDecision(d.id(), d.groupId(), d.item(), d.roomId(), d.bodyId(), d.bodyCode(), d.bodyName(), d.bodyChairId(),
        d.modificationId(), d.meetingId(), d.question(), d.kind(), d.visibility(), d.status(), d.outcome(), d.reasonsRequired(),
        d.rulesBody(), d.rulesVersion(), d.rulesReference(), d.motionText(), d.motionVersion(), d.openedAt(), d.closesAt(),
        d.closedAt(), d.extensions(), d.inquorateExtensions(), choice.word(), d.explanation(), d.options());
  }
}
