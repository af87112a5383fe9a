package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quorate.server.store.Transactions;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.rooms.RoomEventStore.StoredEvent;

/** Rooms as users see them: access, listing, creation, membership, following, replay and history. */
public final class RoomService {
  /** Missed events beyond this are not replayed one by one: the client gets {@code resync_required}. */
  public static final int MAX_REPLAY = 1_000;
  public static final int RESYNC_SNAPSHOT = 50;

  private final Pool pool;
  private final RoomStore rooms;
  private final RoomEventStore events;
  private final RoomBus bus;

  public RoomService(Pool pool, RoomStore rooms, RoomEventStore events, RoomBus bus) {
    this.pool = pool;
    this.rooms = rooms;
    this.events = events;
    this.bus = bus;
  }

  /** For features that send ephemeral room signals of their own (a decision's coalesced tally). */
  public RoomBus bus() {
    return bus;
  }

  public RoomStore store() {
    return rooms;
  }

  /** A room the user has been checked against, with their standing in it. */
  public record Opened(Room room, RoomAccess.Standing standing) {}

  public Future<Opened> openForRead(Principal user, long roomId) {
    return open(user, roomId).map(o -> {
      RoomAccess.requireRead(user, o.room(), o.standing());
      return o;
    });
  }

  public Future<Opened> open(Principal user, long roomId) {
    return rooms.get(pool, roomId).compose(room -> rooms.standing(pool, roomId, user.userId())
        .map(standing -> new Opened(room, standing)));
  }

  /** A room and whether a user may read it now. */
  public record Readable(Room room, boolean canRead) {}

  /** The one access check for paths that serve no request (email composed at send time). */
  public Future<Readable> readable(Principal user, long roomId) {
    return open(user, roomId).map(o -> new Readable(o.room(), RoomAccess.canRead(user, o.room(), o.standing())));
  }

  /** The room list entry the REST API and web client show. */
  public record RoomSummary(long id, String kind, String name, Classification classification, String modificationId,
      Long bodyId, String modificationStage, long lastSeq, long readSeq, long unread, boolean member, boolean following,
      boolean canPost, boolean canModerate) {}

  public Future<List<RoomSummary>> list(Principal user) {
    return rooms.listFor(pool, user).map(all -> {
      List<RoomSummary> out = new ArrayList<>();
      for (RoomStore.Listed l : all) {
        RoomAccess.Standing s = new RoomAccess.Standing(l.member(), l.moderator());
        if (RoomAccess.canRead(user, l.room(), s)) {
          Room r = l.room();
          out.add(new RoomSummary(r.id(), r.kind(), r.name(), r.classification(), r.modificationId(), r.bodyId(),
              l.modificationStage(), r.lastSeq(), l.readSeq(), l.unread(), l.member(), l.following(),
              RoomAccess.canPost(user, r, s), RoomAccess.canModerate(user, r, s)));
        }
      }
      return out;
    });
  }

  public Future<RoomSummary> summary(Principal user, long roomId) {
    return openForRead(user, roomId).compose(o -> list(user)).map(all -> all.stream()
        .filter(r -> r.id() == roomId).findFirst().orElseThrow(() -> DomainException.notFound("room", roomId)));
  }

  public Future<RoomSummary> createAdhoc(Principal user, String name, Classification classification, List<Long> memberIds) {
    if (!user.isSecas()) {
      throw DomainException.notAuthorised("only SECAS administrators and moderators may create rooms");
    }
    Set<Long> members = new LinkedHashSet<>(memberIds);
    members.add(user.userId());
    return Transactions.run(pool, tx -> rooms.create(tx, "adhoc", name, classification, null, null, user.userId())
            .compose(id -> addAll(tx, id, members, user.userId()).map(id)))
        .compose(id -> summary(user, id));
  }

  /** A private conversation among the given users and the creator (Parties talking bilaterally). */
  public Future<RoomSummary> createDirect(Principal user, List<Long> withUsers) {
    if (user.roles().stream().allMatch(r -> r == Role.OBSERVER)) {
      throw DomainException.notAuthorised("observers may not open conversations");
    }
    Set<Long> members = new LinkedHashSet<>(withUsers);
    members.add(user.userId());
    if (members.size() < 2) {
      throw DomainException.invalid("user_ids", "name at least one other user");
    }
    return Transactions.run(pool, tx -> rooms.namesOf(tx, members)
            .compose(names -> {
              if (names.found() != members.size()) {
                return Future.failedFuture(DomainException.invalid("user_ids", "names a user who does not exist"));
              }
              return rooms.create(tx, "direct", names.joined(), Classification.AMBER, null, null, user.userId());
            })
            .compose(id -> addAll(tx, id, members, -1).map(id)))
        .compose(id -> summary(user, id));
  }

  private Future<Void> addAll(io.vertx.sqlclient.SqlClient tx, long roomId, Set<Long> members, long moderatorId) {
    Future<Void> chain = Future.succeededFuture();
    for (long m : members) {
      chain = chain.compose(v -> rooms.addMember(tx, roomId, m, m == moderatorId));
    }
    return chain;
  }

  public Future<RoomSummary> setMember(Principal user, long roomId, long memberId, boolean present, boolean moderator) {
    return open(user, roomId).compose(o -> {
      RoomAccess.requireModerate(user, o.room(), o.standing());
      if (o.room().kind().equals("body")) {
        return Future.failedFuture(DomainException.conflict("a body's room follows the body's membership; change the body"));
      }
      return present ? rooms.addMember(pool, roomId, memberId, moderator) : rooms.removeMember(pool, roomId, memberId);
    }).onSuccess(v -> bus.publishAccessChanged(roomId)).compose(v -> summary(user, roomId));
  }

  public Future<Void> follow(Principal user, long roomId, boolean following) {
    return openForRead(user, roomId).compose(o -> rooms.follow(pool, user.userId(), roomId, following));
  }

  public Future<long[]> markRead(Principal user, long roomId, long seq) {
    return openForRead(user, roomId).compose(o -> {
      if (seq > o.room().lastSeq()) {
        return Future.failedFuture(DomainException.invalid("seq", "is beyond the room's last event " + o.room().lastSeq()));
      }
      return rooms.markRead(pool, user.userId(), roomId, seq);
    }).onSuccess(m -> bus.toUser(user.userId(), new org.quorate.protocol.ServerEvent.ReadMarker(roomId, m[0], m[1])));
  }

  /** What a (re)subscribing client must be sent before live events. */
  public sealed interface Replay {
    Room room();
  }

  public record Missed(Room room, List<StoredEvent> events) implements Replay {}

  public record Resync(Room room, String reason, List<RoomEvent> recent) implements Replay {}

  public Future<Replay> replay(Principal user, long roomId, Long sinceSeq) {
    return openForRead(user, roomId).compose(o -> {
      Room room = o.room();
      long last = room.lastSeq();
      long since = sinceSeq == null ? last : sinceSeq;
      if (since > last) {
        return resync(room, "resume point " + since + " was never issued (room is at " + last + ")");
      }
      if (last - since > MAX_REPLAY) {
        return resync(room, (last - since) + " events missed; more than the " + MAX_REPLAY + " replayed one by one");
      }
      return events.between(pool, roomId, since, last).map(list -> (Replay) new Missed(room, list));
    });
  }

  private Future<Replay> resync(Room room, String reason) {
    return events.before(pool, room.id(), room.lastSeq() + 1, RESYNC_SNAPSHOT)
        .map(list -> new Resync(room, reason, list.stream().map(StoredEvent::decode).toList()));
  }

  /** The rooms' last seqs as committed now (rooms that no longer exist are left out). */
  public Future<java.util.Map<Long, Long>> lastSeqs(java.util.Collection<Long> roomIds) {
    return rooms.lastSeqs(pool, roomIds);
  }

  /** Events after {@code from} up to {@code to}, for closing a gap in live delivery. */
  public Future<List<StoredEvent>> gap(long roomId, long from, long to) {
    return events.between(pool, roomId, from, to);
  }

  public record Page(List<RoomEvent> events, boolean hasMore) {}

  public Future<Page> history(Principal user, long roomId, Long beforeSeq, int limit) {
    return openForRead(user, roomId).compose(o -> {
      long before = beforeSeq == null ? o.room().lastSeq() + 1 : beforeSeq;
      return events.before(pool, roomId, before, limit).map(list -> new Page(
          list.stream().map(StoredEvent::decode).toList(), !list.isEmpty() && list.get(0).seq() > 1));
    });
  }
}
