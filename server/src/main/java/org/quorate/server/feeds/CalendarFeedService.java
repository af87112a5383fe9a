package org.quorate.server.feeds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.auth.AuthService;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.feeds.CalendarFeedStore.ActionRow;
import org.quorate.server.feeds.CalendarFeedStore.Feed;
import org.quorate.server.feeds.CalendarFeedStore.MeetingRow;
import org.quorate.server.meetings.WorkingDays;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomService;

/**
 * Calendar feeds: secret, revocable addresses a calendar client subscribes to without signing in.
 * Each fetch checks the feed's owner again against every room through {@link RoomAccess}, so losing
 * access to a body removes its events from the next refresh.
 */
public final class CalendarFeedService {
  private static final SecureRandom RANDOM = new SecureRandom();
  public static final String PATH = "/api/calendar/";

  private final Vertx vertx;
  private final Pool pool;
  private final AuthService auth;
  private final RoomService rooms;
  private final CalendarFeedStore store;
  private final WorkingDays days;

  public CalendarFeedService(Vertx vertx, Pool pool, AuthService auth, RoomService rooms, CalendarFeedStore store, WorkingDays days) {
    this.vertx = vertx;
    this.pool = pool;
    this.auth = auth;
    this.rooms = rooms;
    this.store = store;
    this.days = days;
  }

  /** A live feed as its owner lists it; its address is shown once, when it is created or rotated. */
  public record FeedView(long id, Long bodyId, String bodyName, Instant createdAt) {}

  public record NewFeed(long id, Long bodyId, String bodyName, Instant createdAt, String path) {}

  /** A body feed needs read access to the body's room now; it is checked again on every fetch. */
  public Future<NewFeed> rotate(Principal user, Long bodyId) {
    Future<Void> allowed = bodyId == null ? Future.succeededFuture() : store.roomOfBody(pool, bodyId).compose(room -> room == null
        ? Future.failedFuture(DomainException.invalid("body_id", "no such body"))
        : rooms.openForRead(user, room).mapEmpty());
    String token = newToken();
    return allowed.compose(v -> pool.withTransaction(tx -> store.rotate(tx, user.userId(), bodyId, digest(token))))
        .map(f -> new NewFeed(f.id(), f.bodyId(), f.bodyName(), f.createdAt(), PATH + token));
  }

  public Future<List<FeedView>> list(Principal user) {
    return store.live(pool, user.userId()).map(all -> all.stream().map(f -> new FeedView(f.id(), f.bodyId(), f.bodyName(), f.createdAt()))
        .toList());
  }

  public Future<Void> revoke(Principal user, long feedId) {
    return store.revoke(pool, user.userId(), feedId).compose(done -> done ? Future.<Void>succeededFuture()
        : Future.failedFuture(DomainException.notFound("calendar feed", feedId)));
  }

  /** The feed's calendar as RFC 5545 text; an unknown or revoked address is not found. */
  public Future<String> render(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Future.failedFuture(unknown());
    }
    return store.byToken(pool, digest(token)).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(unknown());
      }
      Feed feed = found.get();
      String name = feed.bodyId() == null ? "Quorate" : "Quorate: " + feed.bodyName();
      return auth.principalOf(feed.userId()).compose(user -> entries(user, feed))
          .compose(entries -> vertx.executeBlocking(() -> IcsCalendar.write(name, entries), false));
    });
  }

  private Future<List<FeedEntry>> entries(Principal user, Feed feed) {
    var meetings = store.meetings(pool, user.userId(), feed.bodyId());
    var decisions = store.openDecisions(pool, user.userId(), feed.bodyId());
    Future<List<ActionRow>> actions = feed.bodyId() == null ? store.openActions(pool, user.userId()) : Future.succeededFuture(List.of());
    return Future.all(meetings, decisions, actions).compose(v -> {
      Set<Long> roomIds = new LinkedHashSet<>();
      meetings.result().forEach(m -> roomIds.add(m.roomId()));
      decisions.result().forEach(d -> roomIds.add(d.roomId()));
      return readable(user, roomIds).map(readable -> {
        List<FeedEntry> out = new ArrayList<>();
        for (MeetingRow m : meetings.result()) {
          if (readable.contains(m.roomId())) {
            out.add(FeedEntries.meeting(m));
            if (m.state().equals("scheduled")) {
              out.add(FeedEntries.papersDue(m, days));
            }
          }
        }
        decisions.result().stream().filter(d -> readable.contains(d.roomId())).forEach(d -> out.add(FeedEntries.decisionCloses(d)));
        // As in the action log, an action's owner (the user, or their Party now) sees it without reading its room.
        actions.result().forEach(a -> out.add(FeedEntries.actionDue(a)));
        return out;
      });
    });
  }

  /** The rooms the user may read now, decided by the one access function. */
  private Future<Set<Long>> readable(Principal user, Set<Long> roomIds) {
    List<Future<RoomService.Opened>> opened = roomIds.stream().map(id -> rooms.open(user, id)).toList();
    return Future.all(opened).map(v -> opened.stream().map(Future::result).filter(o -> RoomAccess.canRead(user, o.room(), o.standing()))
        .map(o -> o.room().id()).collect(Collectors.toSet()));
  }

  private static DomainException unknown() {
    return new DomainException(ErrorCode.NOT_FOUND, "unknown or revoked calendar feed", null);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
