package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorate.server.decisions.ProxyService.Appointment;
import org.quorate.server.decisions.ProxyService.AppointmentInput;

/** Proxy and alternate appointments ({@code proxy_appointment}) and the few facts appointing them needs. */
final class ProxyStore {

  /** A body's code and rules name, its row locked so that appointments for it are judged one at a time. */
  record LockedBody(String code, String rules) {}

  /** An appointment locked for revocation, with the body it is for and the Party of the principal's seat. */
  record LockedAppointment(Appointment appointment, long bodyId, Long seatPartyId) {}

  Future<Optional<LockedBody>> lockBody(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT code, rules FROM body WHERE id = $1 FOR UPDATE").execute(Tuple.of(bodyId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new LockedBody(rows.iterator().next().getString("code"), rows.iterator().next().getString("rules"))));
  }

  /** Every appointment of the body, revoked ones included, oldest first. */
  Future<List<Appointment>> ofBody(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT * FROM proxy_appointment WHERE body_id = $1 ORDER BY id").execute(Tuple.of(bodyId))
        .map(ProxyStore::appointments);
  }

  /** The body's appointments not revoked (ended or not yet started ones included). */
  Future<List<Appointment>> unrevoked(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT * FROM proxy_appointment WHERE body_id = $1 AND revoked_at IS NULL").execute(Tuple.of(bodyId))
        .map(ProxyStore::appointments);
  }

  Future<Boolean> userExists(SqlClient db, long userId) {
    return db.preparedQuery("SELECT id FROM app_user WHERE id = $1").execute(Tuple.of(userId)).map(rows -> rows.size() > 0);
  }

  Future<Appointment> insert(SqlClient db, long bodyId, AppointmentInput in, Instant from, long appointedBy) {
    return db.preparedQuery("INSERT INTO proxy_appointment (principal_id, proxy_id, body_id, scope, scope_id, active_from, "
            + "active_until, appointed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *")
        .execute(Tuple.tuple(Arrays.asList(in.principalId(), in.proxyId(), bodyId, in.scope(), in.scopeId(),
            DecisionStore.odt(from), DecisionStore.odt(in.activeUntil()), appointedBy)))
        .map(rows -> appointment(rows.iterator().next()));
  }

  Future<Optional<LockedAppointment>> lock(SqlClient db, long id) {
    return db.preparedQuery("SELECT a.*, m.party_id AS seat_party_id FROM proxy_appointment a "
            + "LEFT JOIN body_member m ON m.body_id = a.body_id AND m.user_id = a.principal_id WHERE a.id = $1 FOR UPDATE OF a")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new LockedAppointment(appointment(row), row.getLong("body_id"), row.getLong("seat_party_id")));
        });
  }

  Future<Appointment> revoke(SqlClient db, long id, long revokedBy) {
    return db.preparedQuery("UPDATE proxy_appointment SET revoked_at = clock_timestamp(), revoked_by = $2 WHERE id = $1 RETURNING *")
        .execute(Tuple.of(id, revokedBy)).map(rows -> appointment(rows.iterator().next()));
  }

  Future<Map<Long, String>> displayNames(SqlClient db, Long... userIds) {
    return db.preparedQuery("SELECT id, display_name FROM app_user WHERE id = ANY($1)").execute(Tuple.of(userIds))
        .map(rows -> {
          Map<Long, String> names = new HashMap<>();
          rows.forEach(r -> names.put(r.getLong("id"), r.getString("display_name")));
          return names;
        });
  }

  private static List<Appointment> appointments(RowSet<Row> rows) {
    List<Appointment> out = new ArrayList<>();
    rows.forEach(r -> out.add(appointment(r)));
    return out;
  }

  private static Appointment appointment(Row r) {
    return new Appointment(r.getLong("id"), r.getLong("principal_id"), r.getLong("proxy_id"), r.getString("scope"), r.getLong("scope_id"),
        r.getOffsetDateTime("active_from").toInstant(),
        r.getOffsetDateTime("active_until") == null ? null : r.getOffsetDateTime("active_until").toInstant(),
        r.getOffsetDateTime("revoked_at") == null ? null : r.getOffsetDateTime("revoked_at").toInstant(),
        r.getLong("appointed_by"), r.getOffsetDateTime("appointed_at").toInstant());
  }
}
