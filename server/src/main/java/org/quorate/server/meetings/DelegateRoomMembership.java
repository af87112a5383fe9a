package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import org.quorate.server.registry.RegistryHooks;
import org.quorate.server.rooms.RoomStore;

/**
 * An alternate or proxy appointed for a meeting takes part in the body's room (Amber: members only)
 * while the appointment stands and the meeting is not over. A body room's membership follows the
 * body's membership, so after every re-sync of it (a member added or removed) the live appointments
 * are added back; when an appointment ends or its meeting closes, a re-sync takes them out again.
 */
public final class DelegateRoomMembership implements RegistryHooks {
  private static final AttendanceStore ATTENDANCE = new AttendanceStore();
  private final RegistryHooks inner;

  public DelegateRoomMembership(RegistryHooks inner) {
    this.inner = inner;
  }

  @Override
  public Future<Void> modificationCreated(SqlConnection tx, String modificationId, String title) {
    return inner.modificationCreated(tx, modificationId, title);
  }

  @Override
  public Future<Void> bodyCreated(SqlConnection tx, long bodyId, String code, String name) {
    return inner.bodyCreated(tx, bodyId, code, name);
  }

  @Override
  public Future<Void> bodyMembersChanged(SqlConnection tx, long bodyId) {
    return inner.bodyMembersChanged(tx, bodyId).compose(v -> addLiveDelegates(tx, bodyId));
  }

  @Override
  public Future<Void> bodyMembersCommitted(long bodyId) {
    return inner.bodyMembersCommitted(bodyId);
  }

  @Override
  public void userAccessCommitted(long userId) {
    inner.userAccessCommitted(userId);
  }

  /**
   * Makes the body room's membership the body's members plus the live appointments, no more; once
   * committed, connections subscribed to the meeting's room re-check their access.
   */
  static Future<Void> resync(MeetingWrites.Act act, RoomStore rooms) {
    act.tx().accessChanged(act.meeting().roomId());
    return rooms.syncBodyRoom(act.db(), act.meeting().bodyId()).compose(v -> addLiveDelegates(act.db(), act.meeting().bodyId()));
  }

  private static Future<Void> addLiveDelegates(SqlClient db, long bodyId) {
    return ATTENDANCE.addLiveDelegatesToBodyRoom(db, bodyId);
  }
}
