package org.quorate.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.store.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations committed by another process (the admin command line) reach this server's open
 * sockets through PostgreSQL LISTEN/NOTIFY, since that process cannot publish on our event bus:
 * the revoking transaction notifies {@value #CHANNEL} with the user's id, which PostgreSQL
 * delivers only once it commits, and each listening server publishes the usual signed-out signal,
 * closing every connection of that user. While the listening connection is down (a store outage)
 * a notice can be missed, and open sockets do not ask the store about their token again: so each
 * time the listener subscribes again after losing its connection, every revoked, unexpired token
 * is signed out once more ({@link AuthService#reannounceRevocations()}).
 */
public final class RevocationNotices {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationNotices.class);
  static final String CHANNEL = "quorate_signed_out";
  private static final long RECONNECT_MILLIS = 1_000;

  private final PgSubscriber subscriber;

  private RevocationNotices(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Listens until {@link #close()}, reconnecting after the store comes back. */
  public static Future<RevocationNotices> listen(Vertx vertx, DatabaseUrl url, RoomBus bus, AuthService auth) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, Pools.connectOptions(url))
        .reconnectPolicy(attempt -> RECONNECT_MILLIS);
    java.util.concurrent.atomic.AtomicBoolean subscribedBefore = new java.util.concurrent.atomic.AtomicBoolean();
    subscriber.channel(CHANNEL).handler(payload -> signedOut(bus, payload)).subscribeHandler(v -> {
      if (subscribedBefore.getAndSet(true)) {
        auth.reannounceRevocations()
            .onSuccess(n -> LOG.info("listening for revocations again; signed out the {} revoked tokens once more", n))
            .onFailure(e -> LOG.warn("listening for revocations again, but could not re-read them: {}", e.toString()));
      }
    });
    return subscriber.connect().map(v -> new RevocationNotices(subscriber));
  }

  /** Part of the revoking transaction, so listeners hear of it exactly when it commits. */
  static Future<Void> announce(AuthStore store, SqlClient tx, long userId) {
    return store.notify(tx, CHANNEL, Long.toString(userId));
  }

  private static void signedOut(RoomBus bus, String payload) {
    try {
      bus.publishSignedOut(Long.parseLong(payload), "");
    } catch (NumberFormatException e) {
      LOG.warn("ignoring a {} notice that names no user: '{}'", CHANNEL, payload);
    }
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
