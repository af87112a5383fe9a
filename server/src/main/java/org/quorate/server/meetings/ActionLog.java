package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.PartyRef;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.ActionLogStore.Action;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomService;

/**
 * The decisions and actions log. The acting chair or a minute-taker records them on the current
 * agenda item; actions have an owner (a user or a Party), a due date counted in Working Days and a
 * status their owners (and the chair) keep up to date. Owners are notified, even when they cannot
 * read the body's room. Actions are searchable across meetings and bodies.
 */
public final class ActionLog {
  static final int MAX_SEARCH = 200;

  private final Pool pool;
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final ActionLogStore store;
  private final MeetingVotes votes;
  private final RoomService rooms;
  private final NotificationService notifications;
  private final WorkingDays days;

  ActionLog(Pool pool, MeetingWrites writes, MeetingStore meetings, ActionLogStore store, MeetingVotes votes, RoomService rooms,
      NotificationService notifications, WorkingDays days) {
    this.pool = pool;
    this.writes = writes;
    this.meetings = meetings;
    this.store = store;
    this.votes = votes;
    this.rooms = rooms;
    this.notifications = notifications;
    this.days = days;
  }

  public Future<Outcome> recordDecision(Principal user, ClientCommand.RecordDecision cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.RECORDER, act -> requireRecording(act)
        .compose(v -> cmd.vote() == null ? Future.<Void>succeededFuture() : votes.votes(act.db(), act.meetingId()).compose(all -> {
          var vote = all.stream().filter(x -> x.voteId() == cmd.vote()).findFirst();
          if (vote.isEmpty()) {
            return Future.failedFuture(DomainException.invalid("vote", "no such vote in this meeting"));
          }
          return vote.get().open() ? Future.failedFuture(DomainException.conflict("close the vote before recording a decision on it"))
              : Future.<Void>succeededFuture();
        }))
        .compose(v -> store.insertDecision(act.db(), act.meetingId(), act.meeting().currentItemId(), cmd.text(), cmd.reason(),
            cmd.vote(), user.userId(), act.now()))
        .compose(id -> act.append(seq -> new RoomEvent.MeetingDecisionRecorded(act.meeting().roomId(), seq, act.meetingId(), id,
            act.meeting().currentItemId(), cmd.text(), cmd.reason(), cmd.vote(), act.by(), act.now()))));
  }

  public Future<Outcome> recordAction(Principal user, ClientCommand.RecordAction cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.RECORDER, act -> requireRecording(act).compose(v -> {
      MeetingRow m = act.meeting();
      LocalDate due = days.plus(LocalDate.ofInstant(act.now(), WorkingDays.LONDON), cmd.dueWorkingDays());
      Future<UserRef> ownerUser = cmd.ownerUser() == null ? Future.succeededFuture(null)
          : meetings.user(act.db(), cmd.ownerUser()).recover(e -> Future.failedFuture(DomainException.invalid("owner_user", "no such user")));
      Future<PartyRef> ownerParty = cmd.ownerParty() == null ? Future.succeededFuture(null)
          : store.partyName(act.db(), cmd.ownerParty()).map(name -> new PartyRef(cmd.ownerParty(), name));
      return ownerUser.compose(ou -> ownerParty.compose(op -> store.insertAction(act.db(), m.id(), m.currentItemId(), cmd.text(),
              cmd.ownerUser(), cmd.ownerParty(), cmd.dueWorkingDays(), due, user.userId(), act.now())
          .compose(id -> store.action(act.db(), id, false))
          .compose(a -> act.append(seq -> new RoomEvent.ActionRecorded(m.roomId(), seq, m.id(), a.id(), a.number(), a.itemId(),
                  a.text(), ou, op, due, cmd.dueWorkingDays(), a.status(), act.by(), act.now()))
              .compose(e -> notifyOwners(act, a, e.seq()).map(e)))));
    }));
  }

  private Future<Void> notifyOwners(Act act, Action a, long seq) {
    Future<List<Long>> owners = a.ownerUserId() != null ? Future.succeededFuture(List.of(a.ownerUserId()))
        : store.usersOfParty(act.db(), a.ownerPartyId());
    String excerpt = "Action " + a.number() + " of " + act.meeting().title() + ", due " + a.dueDate() + ": " + a.text();
    return owners.compose(ids -> rooms.store().get(act.db(), act.meeting().roomId()).compose(room -> notifications.notifyAddressed(
        act.tx(), new NotificationService.Notice("action_assigned", room, seq, null, act.by(),
            excerpt.length() > 280 ? excerpt.substring(0, 280) + "…" : excerpt), ids, act.user().userId())));
  }

  /** Owners (the user, or any user of the owning Party), the meeting's chairs and minute-takers, and SECAS. */
  public Future<Outcome> update(Principal user, String commandId, long actionId, String status, String note) {
    return store.action(pool, actionId, false).compose(found -> writes.write(user, commandId, found.meetingId(), Access.ANYONE,
        act -> store.action(act.db(), actionId, true).compose(a -> {
          MeetingRow m = act.meeting();
          boolean owner = owns(user, a);
          boolean steward = user.isSecas() || ChairPowers.mayTakeChair(user, m) || m.minuteTakers().contains(user.userId());
          if (!owner && !steward) {
            return Future.failedFuture(DomainException.notAuthorised("only the action's owner, the meeting's chairs or SECAS may update it"));
          }
          if (a.status().equals(status)) {
            return Future.failedFuture(DomainException.conflict("action " + a.number() + " is already " + status));
          }
          return store.setStatus(act.db(), a.id(), status, note, user.userId(), act.now())
              .compose(v -> act.append(seq -> new RoomEvent.ActionUpdated(m.roomId(), seq, m.id(), a.id(), a.number(), status, note,
                  act.by(), act.now())));
        })));
  }

  public Future<Action> action(Principal user, long actionId) {
    return store.action(pool, actionId, false).compose(a -> owns(user, a) ? Future.succeededFuture(a)
        : rooms.openForRead(user, a.roomId()).map(a));
  }

  private static boolean owns(Principal user, Action a) {
    return Objects.equals(a.ownerUserId(), user.userId()) || (a.ownerPartyId() != null && a.ownerPartyId().equals(user.partyId()));
  }

  /** Search filters from the REST query; null means any. */
  public record Filter(String text, String status, Long bodyId, Long meetingId, Long ownerUserId, Long ownerPartyId, int limit) {}

  /** Actions of meetings whose room the user may read, and actions they (or their Party) own. */
  public Future<List<Action>> search(Principal user, Filter f) {
    return rooms.list(user).compose(visible -> store.search(pool, new ActionLogStore.ActionQuery(
        f.text() == null || f.text().isBlank() ? null : f.text(), f.status(), f.bodyId(), f.meetingId(), f.ownerUserId(),
        f.ownerPartyId(), visible.stream().map(RoomService.RoomSummary::id).toList(), user.userId(), user.partyId(),
        Math.min(Math.max(f.limit(), 1), MAX_SEARCH))));
  }

  private static Future<Void> requireRecording(Act act) {
    return act.meeting().is("open", "adjourned") ? Future.succeededFuture()
        : Future.failedFuture(DomainException.conflict("the meeting is " + act.meeting().state()));
  }
}
