package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.quorate.server.store.Transactions;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomService;

/**
 * The one write path of meetings: locate the meeting's room, then, in one transaction through
 * {@link RoomEventLog} (command de-duplication, gap-free sequence numbers, publication after commit),
 * lock the meeting row, check the actor's standing against that locked state, and run the work.
 * A refused command therefore changes nothing: not the meeting, not the room, not the command log.
 */
final class MeetingWrites {
  /** Who may attempt a write; the work itself checks anything finer. */
  enum Access { ROOM_READER, ACTING_CHAIR, RECORDER, ANYONE }

  private final Pool pool;
  private final RoomService rooms;
  private final RoomEventLog log;
  private final MeetingStore meetings;
  private final Clock clock;

  MeetingWrites(Pool pool, RoomService rooms, RoomEventLog log, MeetingStore meetings, Clock clock) {
    this.pool = pool;
    this.rooms = rooms;
    this.log = log;
    this.meetings = meetings;
    this.clock = clock;
  }

  /** One write in progress: its transaction, the locked meeting, who acts, and when. */
  record Act(RoomEventLog.Tx tx, MeetingRow meeting, Principal user, Instant now) {
    SqlConnection db() {
      return tx.conn();
    }

    Future<RoomEvent> append(LongFunction<RoomEvent> eventAtSeq) {
      return tx.append(meeting.roomId(), eventAtSeq).map(e -> {
        String json = org.quorate.protocol.ProtocolCodec.encode(e);
        java.util.Map<String, Object> body = org.quorate.server.ledger.Canonical.parse(json);
        if (DECIDING.contains(String.valueOf(body.get("type")))) {
          tx.ledger(org.quorate.server.ledger.LedgerEntry.of("meeting_" + body.remove("type"), null, user == null ? null : user.userId(), body));
        }
        return e;
      });
    }

    /** Meeting events that decide (quoracy, rulings, votes, the record) and so enter the ledger. */
    private static final java.util.Set<String> DECIDING = java.util.Set.of("attendance_changed", "chair_ruling", "meeting_state_changed",
        "meeting_vote_opened", "meeting_vote_closed", "meeting_decision_recorded", "minutes_published");

    UserRef by() {
      return new UserRef(user.userId(), user.displayName());
    }

    long meetingId() {
      return meeting.id();
    }
  }

  /**
   * Runs {@code work}, which returns the write's principal room event (its seq goes in the ack). A
   * null {@code commandId} (REST) writes without de-duplication.
   */
  Future<Outcome> write(Principal user, String commandId, long meetingId, Access access, Function<Act, Future<RoomEvent>> work) {
    return meetings.roomOf(pool, meetingId)
        .compose(roomId -> access == Access.ROOM_READER ? rooms.openForRead(user, roomId).map(roomId) : Future.succeededFuture(roomId))
        .compose(roomId -> {
          Function<RoomEventLog.Tx, Future<Outcome>> body = tx -> meetings.lock(tx.conn(), meetingId).compose(m -> {
            check(access, user, m);
            return work.apply(new Act(tx, m, user, now())).map(e -> new Outcome(roomId, e.seq(), null, false));
          });
          return commandId == null ? log.writeSystem(body) : log.write(user.userId(), commandId, roomId, body);
        });
  }

  /** A change that is not a room event (roles, a minutes draft): same lock, no sequence number. */
  Future<Void> quietly(long meetingId, BiFunction<SqlConnection, MeetingRow, Future<Void>> work) {
    return Transactions.run(pool, conn -> meetings.lock(conn, meetingId).compose(m -> work.apply(conn, m)));
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void check(Access access, Principal user, MeetingRow m) {
    switch (access) {
      case ACTING_CHAIR -> ChairPowers.requireActingChair(user, m);
      case RECORDER -> ChairPowers.requireRecorder(user, m);
      case ROOM_READER, ANYONE -> { }
    }
  }
}
