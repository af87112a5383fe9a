package org.quorate.server.rooms;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.quorate.server.registry.RegistryHooks;

/**
 * Every Modification gets a Green room and every body an Amber room whose members are the body's
 * members, created in the same transaction as the Modification or body itself.
 */
public final class RoomRegistryHooks implements RegistryHooks {
  private final RoomStore rooms;
  private final io.vertx.sqlclient.Pool pool;
  private final RoomBus bus;

  public RoomRegistryHooks(RoomStore rooms, io.vertx.sqlclient.Pool pool, RoomBus bus) {
    this.rooms = rooms;
    this.pool = pool;
    this.bus = bus;
  }

  @Override
  public Future<Void> bodyMembersCommitted(long bodyId) {
    return rooms.roomOfBody(pool, bodyId).onSuccess(bus::publishAccessChanged).mapEmpty();
  }

  @Override
  public void userAccessCommitted(long userId) {
    bus.publishUserAccessChanged(userId);
  }

  @Override
  public Future<Void> modificationCreated(SqlConnection tx, String modificationId, String title) {
    return rooms.create(tx, "modification", modificationId + " " + title, Classification.GREEN, modificationId, null, null)
        .mapEmpty();
  }

  @Override
  public Future<Void> bodyCreated(SqlConnection tx, long bodyId, String code, String name) {
    return rooms.create(tx, "body", name, Classification.AMBER, null, bodyId, null)
        .compose(id -> rooms.syncBodyRoom(tx, bodyId));
  }

  @Override
  public Future<Void> bodyMembersChanged(SqlConnection tx, long bodyId) {
    return rooms.syncBodyRoom(tx, bodyId);
  }
}
