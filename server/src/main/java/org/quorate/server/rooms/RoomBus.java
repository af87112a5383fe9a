package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import org.quorate.protocol.ProtocolCodec;
import org.quorate.protocol.ServerEvent;

/**
 * Fan-out through the Vert.x event bus: room traffic on one address and users' signals on another, each
 * that every node consumes from start-up ({@link #relay}), handed on to the node's local per-room
 * consumers. With a clustered event bus the same publish reaches every node, so scale-out is
 * configuration. Events travel already encoded, so each is serialised once whatever the number of
 * subscribers.
 *
 * <p>Why not one clustered address per room: a node learns of another node's new consumer only
 * when the cluster registry's change reaches it, some time after the consumer's registration has
 * completed. A connection told it was subscribed in between missed whatever was published
 * meanwhile, and when that was a room's last event nothing later revealed the gap. Room
 * subscriptions now change only local consumers; the cluster's registry changes when nodes do.
 */
public final class RoomBus {
  public static final String SEQ_HEADER = "seq";
  /** Every room's events, ephemera and access signals, to every node. */
  public static final String ROOMS_ADDRESS = "quorate.rooms";
  public static final String ROOM_HEADER = "room";
  /** Every user's signals and events, to every node, for the same reason as room traffic. */
  public static final String USERS_ADDRESS = "quorate.users";
  public static final String USER_HEADER = "user";

  private final Vertx vertx;
  private volatile UserSignalListener beforeUserSignals = (user, signal, body) -> { };

  /** Hears a user's signal on the node's relay before the user's connections do. */
  @FunctionalInterface
  public interface UserSignalListener {
    /** {@code signal}: the {@link #ACCESS_HEADER} value, null for an event to the user. */
    void heard(long userId, String signal, String body);
  }

  public RoomBus(Vertx vertx) {
    this.vertx = vertx;
  }

  public static String roomAddress(long roomId) {
    return "quorate.room." + roomId;
  }

  public static String userAddress(long userId) {
    return "quorate.user." + userId;
  }

  /** A committed room event; the seq header lets receivers order it without decoding. */
  public void publishCommitted(long roomId, long seq, String json) {
    toRoom(roomId, json, new DeliveryOptions().addHeader(SEQ_HEADER, Long.toString(seq)));
  }

  /** Presence and typing: not stored, no seq, may be dropped. */
  public void publishEphemeral(long roomId, ServerEvent event, long exceptUserId) {
    toRoom(roomId, ProtocolCodec.encode(event), new DeliveryOptions().addHeader("except", Long.toString(exceptUserId)));
  }

  /**
   * To this node's subscribers of the room only: for signals every node derives for itself (presence
   * from the cluster-wide view), which published cluster-wide would arrive once per node.
   */
  public void publishLocalEphemeral(long roomId, ServerEvent event) {
    vertx.eventBus().publish(roomAddress(roomId), ProtocolCodec.encode(event),
        new DeliveryOptions().setLocalOnly(true).addHeader("except", "-1"));
  }

  /** Membership or classification changed: every connection re-checks its right to the room. */
  public void publishAccessChanged(long roomId) {
    toRoom(roomId, "", new DeliveryOptions().addHeader(ACCESS_HEADER, "changed"));
  }

  private void toRoom(long roomId, String body, DeliveryOptions options) {
    vertx.eventBus().publish(ROOMS_ADDRESS, body, options.addHeader(ROOM_HEADER, Long.toString(roomId)));
  }

  /**
   * This node's one consumer of {@link #ROOMS_ADDRESS}, registered (cluster-wide) before the node
   * accepts connections: each message goes on to the room's local consumers, one per event loop
   * that has subscribers. It runs on one context, so messages keep the order the node received them in.
   */
  public Future<Void> relay() {
    return Future.all(relay(ROOMS_ADDRESS, ROOM_HEADER, RoomBus::roomAddress),
        relay(USERS_ADDRESS, USER_HEADER, RoomBus::userAddress)).mapEmpty();
  }

  private Future<Void> relay(String address, String header, java.util.function.LongFunction<String> local) {
    MessageConsumer<String> consumer = vertx.eventBus().consumer(address, msg -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(msg.headers());
      if (address.equals(USERS_ADDRESS)) {
        beforeUserSignals.heard(Long.parseLong(headers.get(header)), headers.get(ACCESS_HEADER), msg.body());
      }
      vertx.eventBus().publish(local.apply(Long.parseLong(headers.get(header))), msg.body(),
          new DeliveryOptions().setLocalOnly(true).setHeaders(headers));
    });
    return consumer.completion();
  }

  public static final String ACCESS_HEADER = "access";

  /** One listener (the token cache), set before {@link #relay()}. */
  public void beforeUserSignals(UserSignalListener listener) {
    this.beforeUserSignals = listener;
  }
  /** On a user's address: {@link #ACCESS_HEADER} values of the control signals (the body is no event). */
  public static final String USER_ACCESS_CHANGED = "changed";
  public static final String SIGNED_OUT = "signed_out";

  /**
   * The user's roles or Party changed (after commit): each of their connections re-reads who they
   * are and re-checks every room it follows. Through {@link #USERS_ADDRESS}, so it reaches every
   * node of a cluster, including a connection signed in there a moment ago: a per-user clustered
   * address would miss it until the cluster registry learnt of that connection's consumer.
   */
  public void publishUserAccessChanged(long userId) {
    toUser(userId, "", new DeliveryOptions().addHeader(ACCESS_HEADER, USER_ACCESS_CHANGED));
  }

  /**
   * A token of the user was revoked (after commit): connections signed in with it close at once.
   * {@code tokenId} identifies the token without revealing it; empty means every token of the user.
   */
  public void publishSignedOut(long userId, String tokenId) {
    toUser(userId, tokenId, new DeliveryOptions().addHeader(ACCESS_HEADER, SIGNED_OUT));
  }

  public void toUser(long userId, ServerEvent event) {
    toUser(userId, ProtocolCodec.encode(event), new DeliveryOptions());
  }

  private void toUser(long userId, String body, DeliveryOptions options) {
    String signal = options.getHeaders() == null ? null : options.getHeaders().get(ACCESS_HEADER);
    if (signal != null) {
      // Heard here at once too, so this node acts on it before whoever caused it is answered.
      beforeUserSignals.heard(userId, signal, body);
    }
    vertx.eventBus().publish(USERS_ADDRESS, body, options.addHeader(USER_HEADER, Long.toString(userId)));
  }
}
