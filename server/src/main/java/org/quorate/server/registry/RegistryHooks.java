package org.quorate.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Lets other features act inside the registry's own transaction, e.g. the rooms feature creates a
 * Modification's room atomically with the Modification.
 */
public interface RegistryHooks {
  RegistryHooks NONE = new RegistryHooks() {};

  default Future<Void> modificationCreated(SqlConnection tx, String modificationId, String title) {
    return Future.succeededFuture();
  }

  default Future<Void> bodyCreated(SqlConnection tx, long bodyId, String code, String name) {
    return Future.succeededFuture();
  }

  default Future<Void> bodyMembersChanged(SqlConnection tx, long bodyId) {
    return Future.succeededFuture();
  }

  /** After the membership change committed: e.g. re-check open subscriptions of the body's room. */
  default Future<Void> bodyMembersCommitted(long bodyId) {
    return Future.succeededFuture();
  }

  /** After a change to a user's roles or Party committed: their open connections re-check what they may read. */
  default void userAccessCommitted(long userId) {}
}
