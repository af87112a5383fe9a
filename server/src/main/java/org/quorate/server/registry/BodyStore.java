package org.quorate.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryRecords.Body;
import org.quorate.server.registry.RegistryRecords.BodyMember;
import org.quorate.server.registry.RegistryRequests.BodyInput;
import org.quorate.server.registry.RegistryRequests.MemberInput;

/** SQL for bodies (Panel, Sub-Committees, Working Groups) and their members. */
public final class BodyStore {
  private static final String SELECT =
      "SELECT b.id, b.code, b.name, b.kind, b.chair_user_id, b.rules, m.user_id, u.username, u.display_name, m.seat, m.voting, m.party_id, m.category "
          + "FROM body b LEFT JOIN body_member m ON m.body_id = b.id LEFT JOIN app_user u ON u.id = m.user_id ";

  public Future<List<Body>> list(SqlClient db) {
    return db.query(SELECT + "ORDER BY b.id, u.username").execute().map(BodyStore::bodies);
  }

  public Future<Body> get(SqlClient db, long id) {
    return db.preparedQuery(SELECT + "WHERE b.id = $1 ORDER BY u.username").execute(Tuple.of(id)).map(rows -> {
      List<Body> bodies = bodies(rows);
      if (bodies.isEmpty()) {
        throw DomainException.notFound("body", id);
      }
      return bodies.get(0);
    });
  }

  public Future<Long> idOfCode(SqlClient db, String code) {
    return db.preparedQuery("SELECT id FROM body WHERE code = $1").execute(Tuple.of(code)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("body", code);
      }
      return rows.iterator().next().getLong("id");
    });
  }

  public Future<Long> create(SqlClient db, BodyInput in) {
    return db.preparedQuery("INSERT INTO body (code, name, kind, chair_user_id, rules) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(in.code(), in.name(), in.kind(), in.chairUserId(), in.rules()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(SqlClient db, long id, BodyInput in) {
    return db.preparedQuery("UPDATE body SET code = $2, name = $3, kind = $4, chair_user_id = $5, rules = coalesce($6, rules) WHERE id = $1")
        .execute(Tuple.of(id, in.code(), in.name(), in.kind(), in.chairUserId(), in.rules()))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("body", id);
          }
          return null;
        });
  }

  /**
   * Locks the body's row: member changes of one body run one at a time, and before any room lock
   * (the documented lock order), so two of them never deadlock on the body room's member rows.
   */
  public Future<Void> lock(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT id FROM body WHERE id = $1 FOR NO KEY UPDATE").execute(Tuple.of(bodyId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("body", bodyId);
          }
          return null;
        });
  }

  public Future<Void> putMember(SqlClient db, long bodyId, MemberInput in) {
    return db.preparedQuery(
            "INSERT INTO body_member (body_id, user_id, seat, voting, party_id, category) VALUES ($1, $2, $3, $4, $5, $6) "
                + "ON CONFLICT (body_id, user_id) DO UPDATE SET seat = EXCLUDED.seat, voting = EXCLUDED.voting, "
                + "party_id = EXCLUDED.party_id, category = EXCLUDED.category")
        .execute(Tuple.of(bodyId, in.userId(), in.seat(), in.voting(), in.partyId(), in.category()))
        .mapEmpty();
  }

  public Future<Void> removeMember(SqlClient db, long bodyId, long userId) {
    return db.preparedQuery("DELETE FROM body_member WHERE body_id = $1 AND user_id = $2")
        .execute(Tuple.of(bodyId, userId))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("member", userId);
          }
          return null;
        });
  }

  private static List<Body> bodies(io.vertx.sqlclient.RowSet<Row> rows) {
    Map<Long, Body> byId = new LinkedHashMap<>();
    for (Row r : rows) {
      Body body = byId.computeIfAbsent(r.getLong("id"), id -> new Body(id, r.getString("code"), r.getString("name"),
          r.getString("kind"), r.getLong("chair_user_id"), r.getString("rules"), new ArrayList<>()));
      if (r.getLong("user_id") != null) {
        body.members().add(new BodyMember(r.getLong("user_id"), r.getString("username"), r.getString("display_name"),
            r.getString("seat"), r.getBoolean("voting"), r.getLong("party_id"), r.getString("category")));
      }
    }
    return new ArrayList<>(byId.values());
  }
}
