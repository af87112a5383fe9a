package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.protocol.UserRef;
import org.quorate.server.auth.Principal;
import org.quorate.server.decisions.admission.ProxyAdmission;
import org.quorate.server.decisions.counting.Electorate;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.Room;
import org.quorate.server.rooms.RoomAccess;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomStore;

/**
 * Alternates and proxies for a body seat, scoped to one meeting, one decision or a period, within
 * the body's limit of seats per person. While one is active the principal cannot also vote; a ballot
 * the principal cast before it started keeps counting (see {@code CountedBallots}).
 *
 * <p>Who may appoint for a seat: the member, a representative of the member's Party (the
 * {@code party_representative} role, not any user of the Party), or SECAS. An appointment starts now
 * or later, never in the past. Who may list a body's appointments: whoever may read the body's room.
 * The principal and the proxy are both notified of an appointment and of its revocation.
 */
public final class ProxyService {
  private final Pool pool;
  private final RulesCatalogue catalogue;
  private final RoomStore rooms = new RoomStore();
  private final DecisionStore store = new DecisionStore();
  private final ProxyStore proxies = new ProxyStore();
  private final RoomEventLog log;
  private final NotificationService notifications;

  public ProxyService(Pool pool, RulesCatalogue catalogue, RoomEventLog log, NotificationService notifications) {
    this.pool = pool;
    this.catalogue = catalogue;
    this.log = log;
    this.notifications = notifications;
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

  /** The body's appointments, revoked ones included, for those who may read the body's room. */
  public Future<List<Appointment>> list(Principal who, long bodyId) {
    return bodyRoom(pool, bodyId)
        .compose(room -> rooms.standing(pool, room.id(), who.userId()).map(standing -> {
          if (!RoomAccess.canRead(who, room, standing)) {
            throw DomainException.notAuthorised("only those who may read the body's room may list its proxies");
          }
          return room;
        }))
        .compose(room -> proxies.ofBody(pool, bodyId));
  }

  /** Whether {@code who} may appoint (or revoke) a proxy for the seat a member holds for {@code seatPartyId}. */
  static boolean mayAppoint(Principal who, long principalId, Long seatPartyId) {
    return who.userId() == principalId || who.isSecas()
        || (who.has(Role.PARTY_REPRESENTATIVE) && who.partyId() != null && who.partyId().equals(seatPartyId));
  }

  public Future<Appointment> appoint(Principal who, long bodyId, AppointmentInput in) {
    List<Appointment> made = new ArrayList<>(1);
    return log.writeSystem(tx -> appoint(tx, who, bodyId, in).map(a -> {
          made.add(a);
          tx.ledger(org.quorate.server.ledger.LedgerEntry.of("proxy_appointed", null, who.userId(), asMap(a)));
          return new RoomEventLog.Outcome(0, null, a.id(), false);
        }))
        .map(o -> made.get(0));
  }

  private Future<Appointment> appoint(RoomEventLog.Tx tx, Principal who, long bodyId, AppointmentInput in) {
    SqlClient db = tx.conn();
    return proxies.lockBody(db, bodyId)
        .compose(body -> {
          BodyRules rules = body.map(b -> catalogue.current(b.rules(), b.code()))
              .orElseThrow(() -> DomainException.notFound("body", bodyId));
          return DecisionFactsLoader.bodySeats(db, bodyId).compose(seats -> store.now(db).compose(now -> {
            Electorate electorate = Electorate.freeze(rules, seats);
            Seat principalSeat = electorate.seatOf(in.principalId())
                .orElseThrow(() -> DomainException.invalid("principal_id", "does not hold a seat on this body"));
            if (!mayAppoint(who, in.principalId(), principalSeat.partyId())) {
              throw DomainException.notAuthorised("only the member, their Party's representative or SECAS may appoint a proxy for this seat");
            }
            if (in.activeFrom() != null && in.activeFrom().isBefore(now)) {
              // A start in the past would hand the proxy a seat whose member may already have voted.
              throw DomainException.invalid("active_from", "must not be in the past; omit it to start now");
            }
            Instant from = in.activeFrom() == null ? now : in.activeFrom();
            if (in.activeUntil() != null && !in.activeUntil().isAfter(from)) {
              throw DomainException.invalid("active_until", "must be after the appointment starts");
            }
            Map<Long, Long> seatOfUser = new HashMap<>();
            seats.forEach(s -> seatOfUser.put(s.userId(), s.id()));
            return proxies.unrevoked(db, bodyId)
                .compose(unrevoked -> {
                  List<ProxyAppointment> existing = new ArrayList<>();
                  for (Appointment a : unrevoked) {
                    Long seat = seatOfUser.get(a.principalId());
                    if (seat != null) {
                      existing.add(new ProxyAppointment(a.id(), seat, a.proxyId(), ProxyAppointment.Scope.valueOf(a.scope().toUpperCase()),
                          a.scopeId(), a.activeFrom(), a.activeUntil(), null));
                    }
                  }
                  ProxyAdmission.check(rules, electorate, existing, new ProxyAppointment(-1, principalSeat.id(), in.proxyId(),
                      ProxyAppointment.Scope.valueOf(in.scope().toUpperCase()), in.scopeId(), from, in.activeUntil(), null));
                  return proxies.userExists(db, in.proxyId());
                })
                .compose(proxyExists -> {
                  if (!proxyExists) {
                    throw DomainException.invalid("proxy_id", "no such user");
                  }
                  return proxies.insert(db, bodyId, in, from, who.userId());
                })
                .compose(a -> tell(tx, bodyId, who, a, "proxy_appointed", "appointed").map(a));
          }));
        });
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> asMap(Appointment a) {
    return org.quorate.server.http.Jackson.JSON.convertValue(a, java.util.Map.class);
  }

  public Future<Appointment> revoke(Principal who, long id) {
    List<Appointment> revoked = new ArrayList<>(1);
    return log.writeSystem(tx -> revoke(tx, who, id).map(a -> {
          revoked.add(a);
          tx.ledger(org.quorate.server.ledger.LedgerEntry.of("proxy_revoked", null, who.userId(), asMap(a)));
          return new RoomEventLog.Outcome(0, null, a.id(), false);
        }))
        .map(o -> revoked.get(0));
  }

  private Future<Appointment> revoke(RoomEventLog.Tx tx, Principal who, long id) {
    SqlClient db = tx.conn();
    return proxies.lock(db, id)
        .compose(found -> {
          ProxyStore.LockedAppointment locked = found.orElseThrow(() -> DomainException.notFound("proxy appointment", id));
          Appointment a = locked.appointment();
          if (who.userId() != a.appointedBy() && !mayAppoint(who, a.principalId(), locked.seatPartyId())) {
            throw DomainException.notAuthorised("only the member, their Party's representative, who appointed it, or SECAS may revoke it");
          }
          if (a.revokedAt() != null) {
            throw DomainException.conflict("already revoked");
          }
          return proxies.revoke(db, id, who.userId())
              .compose(changed -> tell(tx, locked.bodyId(), who, changed, "proxy_revoked", "revoked").map(changed));
        });
  }

  /**
   * Both the principal and the proxy are told through the notifications service (whoever made the
   * change excepted), even if the proxy cannot read the body's room: the notice names only people,
   * the body and the appointment's scope.
   */
  private Future<Void> tell(RoomEventLog.Tx tx, long bodyId, Principal who, Appointment a, String kind, String verb) {
    SqlClient db = tx.conn();
    return bodyRoom(db, bodyId).compose(room -> proxies.displayNames(db, a.principalId(), a.proxyId())
        .compose(names -> {
          String scope = switch (a.scope()) {
            case "decision" -> "decision " + a.scopeId();
            case "meeting" -> "meeting " + a.scopeId();
            default -> "from " + a.activeFrom() + (a.activeUntil() == null ? "" : " until " + a.activeUntil());
          };
          String excerpt = who.displayName() + " " + verb + " " + names.get(a.proxyId()) + " as proxy for "
              + names.get(a.principalId()) + " on " + room.name() + " (" + scope + ")";
          return notifications.notifyAddressed(tx, new NotificationService.Notice(kind, room, null, a.id(),
              new UserRef(who.userId(), who.displayName()), excerpt), List.of(a.principalId(), a.proxyId()), who.userId());
        }));
  }

  private Future<Room> bodyRoom(SqlClient db, long bodyId) {
    return rooms.roomOfBody(db, bodyId).compose(roomId -> rooms.get(db, roomId));
  }
}
