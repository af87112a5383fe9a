package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.quorate.protocol.ClientCommand;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.meetings.MeetingWrites.Access;
import org.quorate.server.rooms.RoomEventLog.Outcome;
import org.quorate.server.rooms.RoomService;

/**
 * Questions from the floor: participants submit them (optionally anonymous to other participants;
 * the asker is always in the store for the audit), others up-vote them, and the chair takes them in
 * turn, most up-voted first.
 */
public final class FloorQuestions {
  private final Pool pool;
  private final MeetingWrites writes;
  private final MeetingStore meetings;
  private final QuestionStore store;
  private final RulingStore rulings;
  private final RoomService rooms;

  FloorQuestions(Pool pool, MeetingWrites writes, MeetingStore meetings, QuestionStore store, RulingStore rulings, RoomService rooms) {
    this.pool = pool;
    this.writes = writes;
    this.meetings = meetings;
    this.store = store;
    this.rulings = rulings;
    this.rooms = rooms;
  }

  public Future<Outcome> submit(Principal user, ClientCommand.SubmitQuestion cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> requireLive(act)
        .compose(v -> rulings.activeKind(act.db(), act.meetingId(), user.userId(), "removed"))
        .compose(removed -> removed.isPresent()
            ? Future.failedFuture(DomainException.notAuthorised("the chair removed you from this meeting"))
            : store.insert(act.db(), act.meetingId(), act.meeting().currentItemId(), user.userId(), cmd.anonymous(), cmd.text(), act.now()))
        .compose(id -> act.append(seq -> new RoomEvent.QuestionSubmitted(act.meeting().roomId(), seq, act.meetingId(), id, cmd.text(),
            cmd.anonymous(), cmd.anonymous() ? null : act.by(), act.now()))));
  }

  public Future<Outcome> upvote(Principal user, ClientCommand.UpvoteQuestion cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ROOM_READER, act -> requireLive(act)
        .compose(v -> store.get(act.db(), act.meetingId(), cmd.question()))
        .compose(q -> {
          if (q.taken()) {
            return Future.failedFuture(DomainException.conflict("the chair has already taken this question"));
          }
          if (q.askedBy() == user.userId()) {
            return Future.failedFuture(DomainException.conflict("you cannot up-vote your own question"));
          }
          return store.upvote(act.db(), q.id(), user.userId(), act.now());
        })
        .compose(added -> added ? store.get(act.db(), act.meetingId(), cmd.question())
            : Future.failedFuture(DomainException.conflict("you already up-voted this question")))
        .compose(q -> act.append(seq -> new RoomEvent.QuestionUpvoted(act.meeting().roomId(), seq, act.meetingId(), q.id(), q.votes(),
            act.now()))));
  }

  public Future<Outcome> take(Principal user, ClientCommand.TakeQuestion cmd) {
    return writes.write(user, cmd.id(), cmd.meeting(), Access.ACTING_CHAIR, act -> requireLive(act)
        .compose(v -> cmd.question() != null ? store.get(act.db(), act.meetingId(), cmd.question())
            : store.openInTurn(act.db(), act.meetingId()).map(open -> open.stream().findFirst()
                .orElseThrow(() -> DomainException.conflict("no question is waiting"))))
        .compose(q -> {
          if (q.taken()) {
            return Future.failedFuture(DomainException.conflict("question " + q.id() + " was already taken"));
          }
          return store.take(act.db(), q.id(), user.userId(), act.now())
              .compose(v -> act.append(seq -> new RoomEvent.QuestionTaken(act.meeting().roomId(), seq, act.meetingId(), q.id(), act.by(),
                  act.now())));
        }));
  }

  /** A question as a participant sees it: the asker is hidden if anonymous, except from SECAS (the audit) and the asker. */
  public record QuestionView(long id, Long itemId, String text, boolean anonymous, UserRef asker, int votes, boolean taken) {}

  public Future<List<QuestionView>> list(Principal user, long meetingId) {
    return meetings.roomOf(pool, meetingId).compose(room -> rooms.openForRead(user, room))
        .compose(o -> store.ofMeeting(pool, meetingId))
        .map(all -> all.stream().map(q -> new QuestionView(q.id(), q.itemId(), q.text(), q.anonymous(),
            !q.anonymous() || user.isSecas() || q.askedBy() == user.userId() ? new UserRef(q.askedBy(), q.askerName()) : null,
            q.votes(), q.taken())).toList());
  }

  private static Future<Void> requireLive(MeetingWrites.Act act) {
    return act.meeting().is("open", "adjourned") ? Future.succeededFuture()
        : Future.failedFuture(DomainException.conflict("the meeting is " + act.meeting().state()));
  }
}
