package org.quorate.server.meetings;

import io.vertx.core.Future;
import org.quorate.protocol.RoomEvent;
import org.quorate.protocol.UserRef;
import org.quorate.server.meetings.MeetingWrites.Act;

/** Records a ruling of the chair with its reason and shows it to the room, in the ruling's transaction. */
final class RulingRecorder {
  private final RulingStore store;

  RulingRecorder(RulingStore store) {
    this.store = store;
  }

  Future<RoomEvent.ChairRuling> record(Act act, String kind, UserRef subject, String reason) {
    var m = act.meeting();
    return store.record(act.db(), m.id(), m.currentItemId(), kind, subject == null ? null : subject.id(), reason,
            act.user().userId(), act.now())
        .compose(id -> act.append(seq -> new RoomEvent.ChairRuling(m.roomId(), seq, m.id(), id, kind, subject, reason,
            act.by(), act.now())))
        .map(e -> (RoomEvent.ChairRuling) e);
  }
}
