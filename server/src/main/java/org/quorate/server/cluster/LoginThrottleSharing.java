package org.quorate.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.quorate.server.auth.LoginThrottle;
import org.quorate.server.auth.LoginThrottle.Change;

/**
 * Makes the login throttle hold across nodes: each node publishes every charge it makes on the
 * (clustered) event bus and applies those of the others. Eventually consistent, by the time a message
 * takes between nodes (well under a millisecond on one network): a guesser who spreads parallel
 * attempts over N nodes can slip at most a few past the count, never a lock's worth.
 */
public final class LoginThrottleSharing {
  static final String ADDRESS = "quorate.login-throttle";

  private LoginThrottleSharing() {}

  public static io.vertx.core.Future<Void> share(Vertx vertx, LoginThrottle throttle) {
    String node = UUID.randomUUID().toString();
    var consumer = vertx.eventBus().<JsonObject>consumer(ADDRESS, msg -> {
      JsonObject c = msg.body();
      if (!node.equals(c.getString("node"))) {
        throttle.apply(new Change(Change.Kind.valueOf(c.getString("kind")), c.getBoolean("account"), c.getString("key"), c.getLong("at")));
      }
    });
    throttle.sharedWith(c -> vertx.eventBus().publish(ADDRESS, new JsonObject().put("node", node).put("kind", c.kind().name())
        .put("account", c.account()).put("key", c.key()).put("at", c.atMillis())));
    return consumer.completion();
  }
}
