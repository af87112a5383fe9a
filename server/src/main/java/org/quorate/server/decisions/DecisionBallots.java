package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.quorate.protocol.DecisionEvent;
import org.quorate.protocol.DecisionViews;
import org.quorate.protocol.ServerEvent;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.decisions.DecisionFactsLoader.Loaded;
import org.quorate.server.decisions.admission.Admission;
import org.quorate.server.decisions.admission.BallotAdmission;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.BallotDisposition;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.domain.DomainException;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomEventLog;

/**
 * Recording one ballot, wherever it is cast (the decision's room, or live at its meeting), and
 * telling of it. Each step runs in the caller's transaction; callers choose which to take.
 */
final class DecisionBallots {
  private final DecisionStore store;
  private final OpenDecisionCounts counts;
  private final NotificationService notifications;

  private final TallyBroadcasts tallies;

  DecisionBallots(DecisionStore store, DecisionFactsLoader loader, NotificationService notifications, TallyBroadcasts tallies) {
    this.tallies = tallies;
    this.store = store;
    this.counts = new OpenDecisionCounts(loader);
    this.notifications = notifications;
  }

  /** The decision closed or was cancelled: its counting state and coalesced tally are let go. */
  void closed(long decisionId) {
    counts.forget(decisionId);
    tallies.forget(decisionId);
  }

  /** Whether this node holds counting state or a coalescing tally for the decision. */
  boolean holds(long decisionId) {
    return counts.holds(decisionId) || tallies.holds(decisionId);
  }

  /** Which seat a ballot is for (null: the caster's own), refusing what the caller's path does not allow. */
  @FunctionalInterface
  interface SeatFinder {
    Long seatFor(Loaded loaded, Instant now);
  }

  /**
   * A ballot recorded under its decision's lock, with the count it leads to as told on the wire:
   * {@code tally} null while ballots are hidden, {@code quoracy} only what a sealed decision may tell.
   */
  record Recorded(StoredDecision decision, Loaded loaded, Admission admission, DecisionStore.StoredBallot ballot, Choice choice,
      boolean changed, BallotDisposition disposition, int counted, DecisionViews.Quoracy quoracy, DecisionViews.Tally tally,
      Future<org.quorate.protocol.Receipt> receipt, DecisionStore.LockedForBallot held) {

    /** The ballot's own ledger entry's receipt, known once a batch has chained its entries. */
    Recorded withReceipt(Future<org.quorate.protocol.Receipt> r) {
      return new Recorded(decision, loaded, admission, ballot, choice, changed, disposition, counted, quoracy, tally, r, held);
    }
  }

  /**
   * Casts, changes or withdraws ({@code choice} null) a ballot inside the caller's transaction: under
   * the decision's row lock, judged against the database's clock, through {@link BallotAdmission}, on the
   * decision's counting state ({@link OpenDecisionCounts}). Tells nobody.
   */
  Future<Recorded> record(RoomEventLog.Tx tx, long decisionId, long casterId, SeatFinder seats, Choice standardChoice, String reason,
      List<String> objectives, Integer motionVersion, String asked) {
    return record(tx, decisionId, null, null, null, casterId, seats, standardChoice, reason, objectives, motionVersion, asked);
  }

  /**
   * As above; {@code held}, when not null, is the decision as this transaction already holds it locked
   * (a batch's earlier ballot for it), so it is not locked and read again; {@code names}, when not null,
   * the names the batch read for its casters in the same transaction; {@code rows}, when not null, takes
   * the ballot's row for the batch to write with the others (else it is inserted here).
   */
  Future<Recorded> record(RoomEventLog.Tx tx, long decisionId, DecisionStore.LockedForBallot held, DecisionStore.VoterNames names,
      BatchedBallotRows rows, long casterId, SeatFinder seats,
      Choice standardChoice, String reason, List<String> objectives, Integer motionVersion, String asked) {
    SqlClient db = tx.conn();
    return counts.begin(db, store, decisionId, held).compose(c -> {
      StoredDecision d = c.decision();
      Instant now = c.now();
      boolean withdrawal = standardChoice == null && asked == null;
      // A custom option is recorded as participation (approve) plus the option's label.
      String option = withdrawal || !d.customOptions() ? null : asked;
      if (!withdrawal && d.customOptions() && !d.options().contains(asked)) {
        throw DomainException.invalid("choice", "must be one of " + d.options());
      }
      if (!withdrawal && !d.customOptions() && standardChoice == null) {
        throw DomainException.invalid("choice", "must be approve, reject or abstain");
      }
      Choice choice = withdrawal ? null : d.customOptions() ? Choice.APPROVE : standardChoice;
      d.lifecycle().requireAcceptingBallots(now);
      int version = motionVersion == null ? d.motionVersion() : motionVersion;
      Long seatId = seats.seatFor(c.loaded(), now);
      Admission admitted = BallotAdmission.check(d.lifecycle(), c.admissionFacts(casterId, seatId), casterId, seatId, choice, reason,
          version, now);
      if (d.reasonsRequired() && choice != null && (reason == null || reason.isBlank())) {
        throw DomainException.invalid("reason", "this decision asks every voter for a reason");
      }
      Seat seat = admitted.seat();
      boolean changed = c.seatVoted(seat.id());
      // Sent together: the names query does not wait for the insert's answer.
      Future<DecisionStore.StoredBallot> inserted = rows != null
          ? Future.succeededFuture(rows.add(d.id(), seat.id(), casterId, admitted.capacity(), choice, reason, objectives, version,
              channel(d), option, now))
          : store.insertBallot(db, d.id(), seat.id(), casterId, admitted.capacity(), choice, reason, objectives, version, channel(d),
              option);
      String[] known = names == null ? null : names.of(casterId, seat.partyId());
      Future<String[]> voterNames = known != null ? Future.succeededFuture(known) : store.voterNames(db, casterId, seat.partyId());
      return inserted.compose(stored -> voterNames.map(n -> {
        OpenDecisionCounts.Count count = c.count(stored);
        Loaded l = c.loaded();
        // Computed once here, for both the ballot's room event and the coalesced tally after the commit.
        DecisionViews.Quoracy quoracy = DecisionWire.quoracy(d, count.quoracy(), count.ballotsCounted());
        DecisionViews.Tally tally = !d.ballotsVisible() ? null : !d.customOptions() ? DecisionWire.tally(count.tally())
            : DecisionWire.tally(count.tally(), c.recount(stored), d, optionsWith(l, stored));
        Map<Long, String> partyNames = seat.partyId() == null || n[1] == null ? Map.of() : Map.of(seat.partyId(), n[1]);
        Map<Long, String> userNames = n[0] == null ? Map.of() : Map.of(casterId, n[0]);
        Loaded named = new Loaded(l.decision(), l.rules(), l.seats(), l.recused(), l.ballots(), l.proxies(), l.meeting(), partyNames,
            userNames);
        Recorded recorded = new Recorded(d, named, admitted, stored, choice, changed, count.disposition(), count.ballotsCounted(), quoracy,
            tally, null,
            new DecisionStore.LockedForBallot(d, now, c.stamp().withLastBallot(stored.ballot().sequence())));
        Future<org.quorate.protocol.Receipt> receipt = DecisionLedger.ballot(tx, recorded);
        tx.afterCommit(() -> c.committed(stored.ballot().sequence()));
        return recorded.withReceipt(receipt);
      }));
    });
  }

  /**
   * The principal is told how their proxy or alternate voted, whether or not they may read the room
   * the vote runs in (their own seat's ballot is theirs to know).
   */
  Future<Void> tellPrincipal(RoomEventLog.Tx tx, Recorded r, UserRef caster) {
    if (!r.admission().viaProxy()) {
      return Future.succeededFuture();
    }
    StoredDecision d = r.decision();
    return new org.quorate.server.rooms.RoomStore().get(tx.conn(), d.roomId()).compose(room -> notifications.notifyAddressed(tx,
        new NotificationService.Notice("proxy_voted", room, null, d.id(), caster,
            caster.displayName() + " voted " + (r.choice() == null ? "(withdrawn)" : r.choice().word()) + " for you on " + d.item()),
        List.of(r.admission().seat().userId()), caster.id()));
  }

  /** The ballot in the decision's room: in full while ballots are visible, else only the count. */
  Future<RoomEvent> announce(RoomEventLog.Tx tx, Recorded r) {
    return tx.append(r.decision().roomId(), announcement(r)).onSuccess(e -> announced(tx, r, e));
  }

  /**
   * The room event telling of the ballot, at whatever sequence number it gets: in full while ballots
   * are visible, else (sealed) only the count — nothing in it depends on a sealed choice.
   */
  LongFunction<RoomEvent> announcement(Recorded r) {
    StoredDecision d = r.decision();
    return seq -> d.sealed()
        ? new DecisionEvent.BallotReceived(d.roomId(), seq, d.id(), r.counted(), r.quoracy())
        : new DecisionEvent.BallotCast(d.roomId(), seq, d.id(), DecisionWire.ballot(r.disposition(), r.admission().seat(),
            r.loaded().partyNames(), r.loaded().userNames(), r.ballot().objectives(), r.ballot().option()), r.changed(), r.tally(),
            r.quoracy());
  }

  /** Once the announcement has its number: watchers get the coalesced tally after the commit. */
  void announced(RoomEventLog.Tx tx, Recorded r, RoomEvent e) {
    StoredDecision d = r.decision();
    tx.afterCommit(() -> tallies.offer(new ServerEvent.DecisionTally(d.roomId(), d.id(), e.seq(), r.tally(), r.quoracy())));
  }

  /** The custom option of each standing ballot and of this one, by ballot sequence. */
  private static Map<Long, String> optionsWith(Loaded l, DecisionStore.StoredBallot stored) {
    Map<Long, String> options = new java.util.HashMap<>(l.options());
    if (stored.option() != null) {
      options.put(stored.ballot().sequence(), stored.option());
    }
    return options;
  }

  static BallotChannel channel(StoredDecision d) {
    return switch (d.kind()) {
      case "postal" -> BallotChannel.POSTAL;
      case "meeting" -> BallotChannel.AT_MEETING;
      default -> BallotChannel.ASYNCHRONOUS;
    };
  }
}
