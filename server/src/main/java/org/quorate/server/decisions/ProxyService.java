package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.store.Transactions;
import org.quorate.server.auth.Principal;
import org.quorate.server.decisions.admission.ProxyAdmission;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomBus;

/**
 * Alternates and proxies for a body seat, scoped to one meeting, one decision or a period, within
 * the body's limit of seats per person. While one is active the principal cannot also vote.
 */
public final class ProxyService {
  private final Pool pool;
  private final RulesCatalogue catalogue;
  private final RoomBus bus;

  public ProxyService(Pool pool, RulesCatalogue catalogue, RoomBus bus) {
    this.pool = pool;
    this.catalogue = catalogue;
    this.bus = bus;
  }

  public record AppointmentInput(Long principalId, Long proxyId, String scope, Long scopeId, Instant activeFrom, Instant activeUntil) {
    public AppointmentInput {
      Checks.required(principalId, "principal_id");
      Checks.required(proxyId, "proxy_id");
      Checks.required(scope, "scope");
      if (!List.of("decision", "meeting", "period").contains(scope)) {
        throw DomainException.invalid("scope", "must be decision, meeting or period");
      }
      if (!"period".equals(scope) && scopeId == null) {
        throw DomainException.invalid("scope_id", "names the " + scope);
      }
      if (activeFrom != null && activeUntil != null && !activeUntil.isAfter(activeFrom)) {
        throw DomainException.invalid("active_until", "must be after active_from");
      }
    }
  }

  public record Appointment(long id, long principalId, long proxyId, String scope, Long scopeId, Instant activeFrom,
      Instant activeUntil, Instant revokedAt, long appointedBy, Instant appointedAt) {}

  public Future<List<Appointment>> list(Principal who, long bodyId) {
    return pool.preparedQuery("SELECT * FROM proxy_appointment WHERE body_id = $1 ORDER BY id").execute(Tuple.of(bodyId))
        .map(rows -> {
          List<Appointment> out = new ArrayList<>();
          rows.forEach(r -> out.add(appointment(r)));
          return out;
        });
  }

  /** The principal, SECAS, or a representative of the principal's Party may appoint. */
  public Future<Appointment> appoint(Principal who, long bodyId, AppointmentInput in) {
    return Transactions.run(pool, tx -> tx.preparedQuery("SELECT code, kind FROM body WHERE id = $1 FOR UPDATE").execute(Tuple.of(bodyId))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("body", bodyId);
          }
          BodyRules rules = catalogue.current(rows.iterator().next().getString("code"), rows.iterator().next().getString("kind"));
          return DecisionFactsLoader.bodySeats(tx, bodyId).compose(seats -> {
            Electorate electorate = Electorate.freeze(rules, seats);
            Seat principalSeat = electorate.seatOf(in.principalId())
                .orElseThrow(() -> DomainException.invalid("principal_id", "does not hold a seat on this body"));
            if (who.userId() != in.principalId() && !who.isSecas()
                && (who.partyId() == null || !who.partyId().equals(principalSeat.partyId()))) {
              throw DomainException.notAuthorised("only the member, their Party or SECAS may appoint a proxy for this seat");
            }
            Map<Long, Long> seatOfUser = new HashMap<>();
            seats.forEach(s -> seatOfUser.put(s.userId(), s.id()));
            return tx.preparedQuery("SELECT * FROM proxy_appointment WHERE body_id = $1 AND revoked_at IS NULL").execute(Tuple.of(bodyId))
                .compose(existingRows -> {
                  List<ProxyAppointment> existing = new ArrayList<>();
                  for (Row r : existingRows) {
                    Long seat = seatOfUser.get(r.getLong("principal_id"));
                    if (seat != null) {
                      Appointment a = appointment(r);
                      existing.add(new ProxyAppointment(a.id(), seat, a.proxyId(), ProxyAppointment.Scope.valueOf(a.scope().toUpperCase()),
                          a.scopeId(), a.activeFrom(), a.activeUntil(), null));
                    }
                  }
                  Instant from = in.activeFrom() == null ? Instant.now() : in.activeFrom();
                  ProxyAdmission.check(rules, electorate, existing, new ProxyAppointment(-1, principalSeat.id(), in.proxyId(),
                      ProxyAppointment.Scope.valueOf(in.scope().toUpperCase()), in.scopeId(), from, in.activeUntil(), null));
                  return tx.preparedQuery("INSERT INTO proxy_appointment (principal_id, proxy_id, body_id, scope, scope_id, active_from, "
                          + "active_until, appointed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *")
                      .execute(Tuple.tuple(java.util.Arrays.asList(in.principalId(), in.proxyId(), bodyId, in.scope(), in.scopeId(),
                          DecisionStore.odt(from), DecisionStore.odt(in.activeUntil()), who.userId())))
                      .map(r -> appointment(r.iterator().next()));
                });
          });
        }))
        .onSuccess(a -> tell(a, "proxy_appointed"));
  }

  public Future<Appointment> revoke(Principal who, long id) {
    return Transactions.run(pool, tx -> tx.preparedQuery("SELECT * FROM proxy_appointment WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("proxy appointment", id);
          }
          Appointment a = appointment(rows.iterator().next());
          if (who.userId() != a.principalId() && who.userId() != a.appointedBy() && !who.isSecas()) {
            throw DomainException.notAuthorised("only the principal, who appointed it, or SECAS may revoke it");
          }
          if (a.revokedAt() != null) {
            throw DomainException.conflict("already revoked");
          }
          return tx.preparedQuery("UPDATE proxy_appointment SET revoked_at = now(), revoked_by = $2 WHERE id = $1 RETURNING *")
              .execute(Tuple.of(id, who.userId())).map(r -> appointment(r.iterator().next()));
        }))
        .onSuccess(a -> tell(a, "proxy_revoked"));
  }

  /** Both the principal and the proxy are told. */
  private void tell(Appointment a, String kind) {
    var event = new org.quorate.protocol.ServerEvent.Notification(kind, 0, null, a.id(), null,
        "proxy appointment " + a.id() + " (" + a.scope() + ")", Instant.now());
    bus.toUser(a.principalId(), event);
    bus.toUser(a.proxyId(), event);
  }

  private static Appointment appointment(Row r) {
    return new Appointment(r.getLong("id"), r.getLong("principal_id"), r.getLong("proxy_id"), r.getString("scope"), r.getLong("scope_id"),
        r.getOffsetDateTime("active_from").toInstant(),
        r.getOffsetDateTime("active_until") == null ? null : r.getOffsetDateTime("active_until").toInstant(),
        r.getOffsetDateTime("revoked_at") == null ? null : r.getOffsetDateTime("revoked_at").toInstant(),
        r.getLong("appointed_by"), r.getOffsetDateTime("appointed_at").toInstant());
  }
}
