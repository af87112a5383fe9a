package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.Room;
import org.quorate.server.threads.PostingGate;

/**
 * Enforces the chair's rulings on posting while a meeting is open or adjourned in a body's room: a
 * muted or removed participant may not post, and a locked room takes posts only from the body's
 * members, its chair, the meeting's co-chairs and minute-takers, and appointed alternates and proxies.
 * The acting chair may pin messages there.
 */
public final class MeetingPostingGate implements PostingGate {
  private final RulingStore rulings = new RulingStore();
  private final MeetingStore meetings = new MeetingStore();

  @Override
  public Future<Void> checkPost(SqlClient db, Room room, Principal user) {
    if (room.bodyId() == null) {
      return Future.succeededFuture();
    }
    return rulings.postingStandings(db, room.id(), user.userId())
        .compose(standings -> {
          for (RulingStore.PostingStanding r : standings) {
            String sanctions = r.sanctions();
            if (sanctions != null && sanctions.contains("removed")) {
              return Future.failedFuture(DomainException.notAuthorised("the chair removed you from the meeting in this room"));
            }
            if (sanctions != null && sanctions.contains("muted")) {
              return Future.failedFuture(DomainException.notAuthorised("the chair has muted you in this meeting"));
            }
            if (r.roomLocked() && !r.insider()) {
              return Future.failedFuture(DomainException.notAuthorised("the chair has locked this meeting's room to its members"));
            }
          }
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Boolean> grantsPin(SqlClient db, Room room, Principal user) {
    if (room.bodyId() == null) {
      return Future.succeededFuture(false);
    }
    return meetings.isActingChairInRoom(db, room.id(), user.userId());
  }
}
