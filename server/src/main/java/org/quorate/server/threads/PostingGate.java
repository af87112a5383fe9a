package org.quorate.server.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.quorate.server.auth.Principal;
import org.quorate.server.rooms.Room;

/**
 * What other features may add to a room's posting rules beyond {@code RoomAccess}: a meeting's chair
 * can mute or remove a participant, or lock the room to members, and the acting chair may pin. Asked
 * inside the writing transaction after the room's row lock is taken, so a mute and a post to the same
 * room are ordered exactly like their sequence numbers.
 */
public interface PostingGate {
  /** Allows everything (no feature restricts posting). */
  PostingGate OPEN = new PostingGate() {
    @Override
    public Future<Void> checkPost(SqlClient db, Room room, Principal user) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> grantsPin(SqlClient db, Room room, Principal user) {
      return Future.succeededFuture(false);
    }
  };

  /** Fails with not_authorised when the user may not post in this room right now. */
  Future<Void> checkPost(SqlClient db, Room room, Principal user);

  /** Whether this user may pin in this room even though they do not moderate it. */
  Future<Boolean> grantsPin(SqlClient db, Room room, Principal user);
}
