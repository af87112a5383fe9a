package org.quorate.server.meetings;

import io.vertx.core.Future;
import java.util.List;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.meetings.MeetingWrites.Act;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomStore;

/**
 * Records a ruling of the chair with its reason and shows it to the room, in the ruling's
 * transaction; the person a ruling concerns is notified.
 */
final class RulingRecorder {
  private final RulingStore store;
  private final RoomStore rooms;
  private final NotificationService notifications;

  RulingRecorder(RulingStore store, RoomStore rooms, NotificationService notifications) {
    this.store = store;
    this.rooms = rooms;
    this.notifications = notifications;
  }

  Future<RoomEvent.ChairRuling> record(Act act, String kind, UserRef subject, String reason) {
    var m = act.meeting();
    return store.record(act.db(), m.id(), m.currentItemId(), kind, subject == null ? null : subject.id(), reason,
            act.user().userId(), act.now())
        .compose(id -> act.append(seq -> new RoomEvent.ChairRuling(m.roomId(), seq, m.id(), id, kind, subject, reason,
            act.by(), act.now())))
        .map(e -> (RoomEvent.ChairRuling) e)
        .compose(ruling -> subject == null ? Future.succeededFuture(ruling) : rooms.get(act.db(), m.roomId())
            .compose(room -> notifications.notify(act.tx(), new NotificationService.Notice("chair_ruling", room, ruling.seq(), null,
                act.by(), m.title() + ": " + kind.replace('_', ' ') + (reason == null || reason.isBlank() ? "" : " — " + reason)),
                List.of(subject.id()), act.user().userId()))
            .map(ruling));
  }
}
