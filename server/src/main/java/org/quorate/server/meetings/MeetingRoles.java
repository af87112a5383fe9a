package org.quorate.server.meetings;

import io.vertx.core.Future;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.meetings.MeetingRequests.DelegateInput;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingViews.MeetingView;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.rooms.RoomService;

/**
 * Who a meeting names besides its members: co-chairs and minute-takers (granted by its organisers),
 * and alternates and proxies filling a member's seat (appointed by the member, their Party's
 * representative, anyone who may chair, or SECAS). Appointed delegates take part in the body's room.
 */
public final class MeetingRoles {
  private final MeetingWrites writes;
  private final RoomService rooms;
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final MeetingService service;

  MeetingRoles(MeetingWrites writes, RoomService rooms, MeetingStore meetings, AttendanceStore attendance, MeetingService service) {
    this.writes = writes;
    this.rooms = rooms;
    this.meetings = meetings;
    this.attendance = attendance;
    this.service = service;
  }

  /** Co-chairs and minute-takers must be able to read the body's room: its members, its chair, or SECAS. */
  public Future<MeetingView> grantRole(Principal user, long meetingId, long userId, String role) {
    return writes.quietly(meetingId, (db, m) -> {
      ChairPowers.requireOrganiser(user, m);
      return rooms.store().standing(db, m.roomId(), userId).compose(standing -> meetings.roles(db, userId).compose(roles -> {
        boolean secas = roles.contains(Role.ADMINISTRATOR) || roles.contains(Role.MODERATOR);
        if (!standing.member() && !secas) {
          return Future.failedFuture(DomainException.invalid("user", "must be a member of the body or SECAS"));
        }
        return meetings.grantRole(db, m.id(), userId, role, user.userId());
      }));
    }).compose(v -> service.view(user, meetingId));
  }

  public Future<MeetingView> revokeRole(Principal user, long meetingId, long userId, String role) {
    return writes.quietly(meetingId, (db, m) -> {
      ChairPowers.requireOrganiser(user, m);
      return meetings.revokeRole(db, meetingId, userId, role);
    }).compose(v -> service.view(user, meetingId));
  }

  /**
   * An alternate or proxy for one member's seat at this meeting, appointed by the member, a
   * representative of the seat's Party, anyone who may chair, or SECAS.
   */
  public Future<MeetingView> appointDelegate(Principal user, long meetingId, DelegateInput in) {
    return writes.write(user, null, meetingId, Access.ANYONE, act -> delegateChange(act, in.principalUserId())
            .compose(seat -> meetings.user(act.db(), in.delegateUserId())
                .recover(e -> Future.failedFuture(DomainException.invalid("delegate_user_id", "no such user")))
                .compose(delegate -> attendance.appoint(act.db(), meetingId, in.principalUserId(), in.delegateUserId(), in.kind(),
                        user.userId(), act.now())
                    .compose(v -> DelegateRoomMembership.resync(act, rooms.store()))
                    .compose(v -> MeetingService.notice(act, "delegate_appointed", delegate.displayName() + " will attend as "
                        + in.kind() + " for " + seat.holderName() + " (" + seat.seat() + ")")))))
        .compose(o -> service.view(user, meetingId));
  }

  public Future<MeetingView> revokeDelegate(Principal user, long meetingId, long principalId) {
    return writes.write(user, null, meetingId, Access.ANYONE, act -> delegateChange(act, principalId)
            .compose(seat -> attendance.delegateFor(act.db(), meetingId, principalId).compose(d -> d.isEmpty()
                ? Future.failedFuture(DomainException.notFound("appointment for member", principalId))
                : attendance.revoke(act.db(), meetingId, principalId, act.now())
                    .compose(v -> DelegateRoomMembership.resync(act, rooms.store()))
                    .compose(v -> MeetingService.notice(act, "delegate_revoked",
                        d.get().delegateName() + " no longer attends for " + seat.holderName())))))
        .compose(o -> service.view(user, meetingId));
  }

  private Future<AttendanceStore.Seat> delegateChange(Act act, long principalId) {
    MeetingRow m = act.meeting();
    if (m.is("closed", "cancelled")) {
      return Future.failedFuture(DomainException.conflict("the meeting is " + m.state()));
    }
    return attendance.seatOf(act.db(), m.bodyId(), principalId).compose(seat -> {
      if (seat.isEmpty()) {
        return Future.failedFuture(DomainException.invalid("principal_user_id", "holds no seat on this body"));
      }
      Principal u = act.user();
      boolean mayAppoint = u.userId() == principalId || u.isSecas() || ChairPowers.mayTakeChair(u, m)
          || (u.has(Role.PARTY_REPRESENTATIVE) && u.partyId() != null && u.partyId().equals(seat.get().partyId()));
      if (!mayAppoint) {
        return Future.failedFuture(DomainException.notAuthorised("only the member, their Party's representative, the chair or SECAS "
            + "may appoint an alternate or proxy"));
      }
      return Future.succeededFuture(seat.get());
    });
  }
}
