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
import org.quorate.server.registry.RegistryRecords.Modification;
import org.quorate.server.registry.RegistryRecords.StageChange;
import org.quorate.server.registry.RegistryRequests.ModificationInput;
import org.quorate.server.registry.RegistryRequests.ModificationUpdate;

/** SQL for Modifications and their recorded stage changes. */
public final class ModificationStore {
  private static final String SELECT =
      "SELECT m.id, m.title, m.proposer_party_id, m.path, m.urgent, m.stage, m.created_at, "
          + "c.from_stage, c.to_stage, c.changed_by, c.changed_at, c.reason "
          + "FROM modification m LEFT JOIN modification_stage_change c ON c.modification_id = m.id ";

  public Future<List<Modification>> list(SqlClient db) {
    return db.query(SELECT + "ORDER BY m.id, c.changed_at, c.id").execute().map(ModificationStore::modifications);
  }

  public Future<Modification> get(SqlClient db, String id) {
    return db.preparedQuery(SELECT + "WHERE m.id = $1 ORDER BY c.changed_at, c.id").execute(Tuple.of(id)).map(rows -> {
      List<Modification> mods = modifications(rows);
      if (mods.isEmpty()) {
        throw DomainException.notFound("modification", id);
      }
      return mods.get(0);
    });
  }

  public Future<Void> create(SqlClient db, ModificationInput in, long byUser) {
    return db.preparedQuery("INSERT INTO modification (id, title, proposer_party_id, path, urgent, stage) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(in.id(), in.title(), in.proposerPartyId(), in.path(), in.urgent(), in.stage()))
        .compose(v -> recordStage(db, in.id(), null, in.stage(), byUser, "raised"));
  }

  public Future<Void> update(SqlClient db, String id, ModificationUpdate in) {
    return db.preparedQuery("UPDATE modification SET title = $2, proposer_party_id = $3, path = $4, urgent = $5 WHERE id = $1")
        .execute(Tuple.of(id, in.title(), in.proposerPartyId(), in.path(), in.urgent()))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("modification", id);
          }
          return null;
        });
  }

  /** Locks the Modification's row so concurrent stage changes are recorded in a consistent order. */
  public Future<String> lockStage(SqlClient db, String id) {
    return db.preparedQuery("SELECT stage FROM modification WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        throw DomainException.notFound("modification", id);
      }
      return rows.iterator().next().getString("stage");
    });
  }

  public Future<Void> changeStage(SqlClient db, String id, String from, String to, long byUser, String reason) {
    return db.preparedQuery("UPDATE modification SET stage = $2 WHERE id = $1").execute(Tuple.of(id, to))
        .compose(v -> recordStage(db, id, from, to, byUser, reason));
  }

  private Future<Void> recordStage(SqlClient db, String id, String from, String to, long byUser, String reason) {
    return db.preparedQuery("INSERT INTO modification_stage_change (modification_id, from_stage, to_stage, changed_by, reason) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, from, to, byUser, reason))
        .mapEmpty();
  }

  private static List<Modification> modifications(io.vertx.sqlclient.RowSet<Row> rows) {
    Map<String, Modification> byId = new LinkedHashMap<>();
    for (Row r : rows) {
      Modification m = byId.computeIfAbsent(r.getString("id"), id -> new Modification(id, r.getString("title"),
          r.getLong("proposer_party_id"), r.getString("path"), r.getBoolean("urgent"), r.getString("stage"),
          r.getOffsetDateTime("created_at"), new ArrayList<>()));
      if (r.getString("to_stage") != null) {
        m.history().add(new StageChange(r.getString("from_stage"), r.getString("to_stage"), r.getLong("changed_by"),
            r.getOffsetDateTime("changed_at"), r.getString("reason")));
      }
    }
    return new ArrayList<>(byId.values());
  }
}
