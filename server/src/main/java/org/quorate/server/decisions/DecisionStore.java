package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.server.decisions.counting.Ballot;
import org.quorate.server.decisions.counting.BallotCapacity;
import org.quorate.server.decisions.counting.BallotChannel;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.ProxyAppointment;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.domain.DomainException;

/** SQL for decisions, their frozen electorates, ballots, recusals, changes and proxies. */
public final class DecisionStore {
  private static final String SELECT = "SELECT d.*, b.code AS body_code, b.name AS body_name, b.chair_user_id "
      + "FROM decision d JOIN body b ON b.id = d.body_id ";

  /** A new decision's row, before it has an id. */
  public record NewDecision(long groupId, String item, long roomId, long bodyId, String modificationId, Long meetingId,
      String question, String kind, String visibility, boolean reasonsRequired, String rulesReference, String rulesJson,
      String motionText, Instant closesAt, long createdBy, List<String> options) {}

  public Future<Long> nextGroup(SqlClient db) {
    return db.query("SELECT nextval('decision_group_seq') AS g").execute().map(r -> r.iterator().next().getLong("g"));
  }

  /** The database's clock: every node judges "in time" by the same one, inside the writing transaction. */
  public Future<Instant> now(SqlClient db) {
    return db.query("SELECT clock_timestamp() AS now").execute()
        .map(r -> r.iterator().next().getOffsetDateTime("now").toInstant());
  }

  public Future<Long> insert(SqlClient db, NewDecision d) {
    return db.preparedQuery("INSERT INTO decision (group_id, item, room_id, body_id, modification_id, meeting_id, question, kind, "
            + "visibility, status, reasons_required, rules_reference, rules, motion_text, opened_at, closes_at, created_by, options) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, CAST($12::text AS json), $13, clock_timestamp(), $14, $15, $16) RETURNING id")
        .execute(Tuple.tuple(java.util.Arrays.asList(d.groupId(), d.item(), d.roomId(), d.bodyId(), d.modificationId(),
            d.meetingId(), d.question(), d.kind(), d.visibility(), d.reasonsRequired(), d.rulesReference(),
            d.rulesJson(), d.motionText(), odt(d.closesAt()), d.createdBy(),
            d.options() == null ? null : d.options().toArray(String[]::new))))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          return db.preparedQuery("INSERT INTO motion_version (decision_id, version, text, amended_by, reason) VALUES ($1, 1, $2, $3, 'opened')")
              .execute(Tuple.of(id, d.motionText(), d.createdBy())).map(id);
        });
  }

  public Future<Void> insertSeats(SqlClient db, long decisionId, List<Seat> seats) {
    if (seats.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = seats.stream().map(s -> Tuple.tuple(java.util.Arrays.asList(decisionId, s.userId(), s.holderName(),
        s.partyId(), s.votingGroupId(), s.category(), s.voting()))).toList();
    return db.preparedQuery("INSERT INTO decision_seat (decision_id, user_id, holder_name, party_id, voting_group_id, category, voting) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(batch).mapEmpty();
  }

  /** Locks the decision: ballots and changes to one decision apply one at a time, in a single order. */
  public Future<StoredDecision> lock(SqlClient db, long id) {
    return db.preparedQuery(SELECT + "WHERE d.id = $1 FOR UPDATE OF d").execute(Tuple.of(id)).map(rows -> one(rows, id));
  }

  /**
   * What a ballot needs from the decision's row and the facts its cached count was built on, all read
   * after the decision's row lock is held. The two statements are sent together (the client pipelines
   * them): PostgreSQL runs the second only once the first holds the lock, and in READ COMMITTED the
   * second takes a fresh snapshot, so it sees every ballot, recusal and proxy change committed before the
   * lock was granted. (A sub-select inside the locking statement would not: its snapshot predates the wait.)
   */
  /**
   * Locks a batch's decisions in ascending id (the lock order among decisions), before any of its
   * ballots is judged, so two batches that share decisions never wait on each other in a cycle.
   */
  public Future<Void> lockAll(SqlClient db, java.util.Collection<Long> ids) {
    return db.preparedQuery("SELECT id FROM decision WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of(ids.stream().distinct().sorted().toArray(Long[]::new))).mapEmpty();
  }

  public Future<LockedForBallot> lockForBallot(SqlClient db, long id) {
    Future<StoredDecision> locked = lock(db, id);
    Future<io.vertx.sqlclient.RowSet<Row>> stamp = db.preparedQuery("SELECT clock_timestamp() AS now, d.motion_version, "
            + "(SELECT coalesce(max(b.id), 0) FROM ballot b WHERE b.decision_id = d.id) AS last_ballot, "
            + "(SELECT count(*) FROM decision_recusal r WHERE r.decision_id = d.id) AS recusals, "
            + "(SELECT count(*) || ':' || coalesce(max(p.id), 0) || ':' || count(p.revoked_at) || ':' || coalesce(max(p.revoked_at)::text, '') "
            + "|| ':' || coalesce(max(p.active_until)::text, '') FROM proxy_appointment p WHERE p.body_id = d.body_id) AS proxies "
            + "FROM decision d WHERE d.id = $1")
        .execute(Tuple.of(id));
    return locked.compose(d -> stamp.map(rows -> {
      Row r = rows.iterator().next();
      return new LockedForBallot(d, r.getOffsetDateTime("now").toInstant(), new CountStamp(r.getLong("last_ballot"),
          r.getLong("recusals"), r.getString("proxies"), r.getInteger("motion_version")));
    }));
  }

  /** The decision under its lock, the database's clock, and the stamp of the facts its count depends on. */
  public record LockedForBallot(StoredDecision decision, Instant now, CountStamp stamp) {}

  /**
   * Everything besides the frozen electorate that a ballot's admission and count depend on: the latest
   * ballot, the recusals, the body's proxy appointments (any appointment, revocation or end changes it)
   * and the motion version. Equal stamps mean a count built on one is exact for the other.
   */
  public record CountStamp(long lastBallotId, long recusals, String proxies, int motionVersion) {
    CountStamp withLastBallot(long id) {
      return new CountStamp(id, recusals, proxies, motionVersion);
    }
  }

  /** Display names of a batch's casters and the names of their own Parties, read once for the batch. */
  public record VoterNames(Map<Long, String> users, Map<Long, String> parties) {
    /** The caster's display name and the seat's Party's name, if both were read (null Party: none asked). */
    String[] of(long casterId, Long partyId) {
      if (!users.containsKey(casterId) || (partyId != null && !parties.containsKey(partyId))) {
        return null;
      }
      return new String[] {users.get(casterId), partyId == null ? null : parties.get(partyId)};
    }
  }

  public Future<VoterNames> voterNames(SqlClient db, java.util.Collection<Long> casterIds) {
    return db.preparedQuery("SELECT u.id, u.display_name, u.party_id, p.name FROM app_user u LEFT JOIN party p ON p.id = u.party_id "
            + "WHERE u.id = ANY($1)")
        .execute(Tuple.of(casterIds.stream().distinct().toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, String> users = new HashMap<>();
          Map<Long, String> parties = new HashMap<>();
          for (Row r : rows) {
            users.put(r.getLong("id"), r.getString("display_name"));
            if (r.getLong("party_id") != null) {
              parties.put(r.getLong("party_id"), r.getString("name"));
            }
          }
          return new VoterNames(users, parties);
        });
  }

  /** The caster's display name and the name of the voted seat's Party (null if none): only this voter's facts. */
  public Future<String[]> voterNames(SqlClient db, long casterId, Long partyId) {
    return db.preparedQuery("SELECT (SELECT display_name FROM app_user WHERE id = $1) AS caster, (SELECT name FROM party WHERE id = $2) AS party")
        .execute(Tuple.of(casterId, partyId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new String[] {r.getString("caster"), r.getString("party")};
        });
  }

  public Future<StoredDecision> get(SqlClient db, long id) {
    return db.preparedQuery(SELECT + "WHERE d.id = $1").execute(Tuple.of(id)).map(rows -> one(rows, id));
  }

  public Future<List<StoredDecision>> inRoom(SqlClient db, long roomId) {
    return db.preparedQuery(SELECT + "WHERE d.room_id = $1 ORDER BY d.id").execute(Tuple.of(roomId)).map(DecisionStore::all);
  }

  public Future<List<StoredDecision>> onModification(SqlClient db, String modificationId) {
    return db.preparedQuery(SELECT + "WHERE d.modification_id = $1 ORDER BY d.id").execute(Tuple.of(modificationId))
        .map(DecisionStore::all);
  }

  /**
   * Open decisions past their closing time, except postal votes whose meeting is still to come or
   * under way: their closing time is the deadline for postal ballots, and they are counted at the
   * meeting (or here once it has closed without calling them).
   */
  public Future<List<Long>> dueToClose(SqlClient db) {
    return db.query("SELECT id FROM decision d WHERE status = 'open' AND closes_at <= clock_timestamp() AND NOT (kind = 'postal' "
            + "AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = d.meeting_id AND m.state IN ('scheduled', 'open', 'adjourned'))) "
            + "ORDER BY closes_at LIMIT 50")
        .execute().map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong("id")));
          return out;
        });
  }

  public Future<List<Long>> closingBefore(SqlClient db, Instant horizon) {
    return db.preparedQuery("SELECT id FROM decision WHERE status = 'open' AND closes_at <= $1 AND closes_at > clock_timestamp()")
        .execute(Tuple.of(odt(horizon))).map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong("id")));
          return out;
        });
  }

  public Future<List<Seat>> seats(SqlClient db, long decisionId) {
    return db.preparedQuery("SELECT * FROM decision_seat WHERE decision_id = $1 ORDER BY id").execute(Tuple.of(decisionId))
        .map(rows -> {
          List<Seat> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Seat(r.getLong("id"), r.getLong("user_id"), r.getString("holder_name"),
              r.getLong("party_id"), r.getLong("voting_group_id"), r.getString("category"), r.getBoolean("voting"))));
          return out;
        });
  }

  public Future<Set<Long>> recusals(SqlClient db, long decisionId) {
    return db.preparedQuery("SELECT seat_id FROM decision_recusal WHERE decision_id = $1").execute(Tuple.of(decisionId))
        .map(rows -> {
          Set<Long> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getLong("seat_id")));
          return out;
        });
  }

  /** Ballot facts plus what the register shows beside them (objectives). */
  /** {@code option} is the custom option chosen, for decisions that have options. */
  public record StoredBallot(Ballot ballot, List<String> objectives, String option) {}

  public Future<List<StoredBallot>> ballots(SqlClient db, long decisionId) {
    return db.preparedQuery("SELECT * FROM ballot WHERE decision_id = $1 ORDER BY id").execute(Tuple.of(decisionId))
        .map(rows -> {
          List<StoredBallot> out = new ArrayList<>();
          for (Row r : rows) {
            String choice = r.getString("choice");
            Instant at = r.getOffsetDateTime("cast_at").toInstant();
            BallotChannel channel = BallotChannel.valueOf(r.getString("channel"));
            Ballot b = choice == null
                ? Ballot.withdraw(r.getLong("id"), r.getLong("seat_id"), r.getLong("cast_by"), r.getInteger("motion_version"), channel, at)
                : Ballot.cast(r.getLong("id"), r.getLong("seat_id"), r.getLong("cast_by"), Choice.valueOf(choice.toUpperCase()),
                    r.getString("reason"), r.getInteger("motion_version"), channel, at);
            out.add(new StoredBallot(b.castAs(BallotCapacity.valueOf(r.getString("cast_as").toUpperCase())),
                List.of(r.getArrayOfStrings("objectives")), r.getString("option")));
          }
          return out;
        });
  }

  /** {@code capacity} is the right the ballot was admitted in; the count keeps judging it by that. */
  public Future<StoredBallot> insertBallot(SqlClient db, long decisionId, long seatId, long castBy, BallotCapacity capacity, Choice choice,
      String reason, List<String> objectives, int motionVersion, BallotChannel channel, String option) {
    return db.preparedQuery("INSERT INTO ballot (decision_id, seat_id, cast_by, choice, withdrawal, reason, objectives, motion_version, channel, "
            + "option, cast_as) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, cast_at")
        .execute(Tuple.tuple(java.util.Arrays.asList(decisionId, seatId, castBy, choice == null ? null : choice.word(), choice == null,
            reason, objectives.toArray(String[]::new), motionVersion, channel.name(), choice == null ? null : option,
            capacity.name().toLowerCase())))
        .map(rows -> {
          Row r = rows.iterator().next();
          return storedBallot(r.getLong("id"), r.getOffsetDateTime("cast_at").toInstant(), seatId, castBy, capacity, choice, reason,
              objectives, motionVersion, channel, option);
        });
  }

  static StoredBallot storedBallot(long id, Instant at, long seatId, long castBy, BallotCapacity capacity, Choice choice, String reason,
      List<String> objectives, int motionVersion, BallotChannel channel, String option) {
    Ballot b = choice == null ? Ballot.withdraw(id, seatId, castBy, motionVersion, channel, at)
        : Ballot.cast(id, seatId, castBy, choice, reason, motionVersion, channel, at);
    return new StoredBallot(b.castAs(capacity), objectives, choice == null ? null : option);
  }

  /**
   * Proxy appointments of this body, revoked ones included (with when), as seat-based facts for one
   * decision's electorate: who held a seat is judged as of each ballot, so history matters.
   */
  public Future<List<ProxyAppointment>> proxies(SqlClient db, long bodyId, List<Seat> seats) {
    Map<Long, Long> seatOfUser = new HashMap<>();
    seats.forEach(s -> seatOfUser.put(s.userId(), s.id()));
    return db.preparedQuery("SELECT * FROM proxy_appointment WHERE body_id = $1 ORDER BY id").execute(Tuple.of(bodyId))
        .map(rows -> {
          List<ProxyAppointment> out = new ArrayList<>();
          for (Row r : rows) {
            Long seat = seatOfUser.get(r.getLong("principal_id"));
            if (seat != null) {
              out.add(new ProxyAppointment(r.getLong("id"), seat, r.getLong("proxy_id"),
                  ProxyAppointment.Scope.valueOf(r.getString("scope").toUpperCase()), r.getLong("scope_id"),
                  r.getOffsetDateTime("active_from").toInstant(),
                  r.getOffsetDateTime("active_until") == null ? null : r.getOffsetDateTime("active_until").toInstant(),
                  r.getOffsetDateTime("revoked_at") == null ? null : r.getOffsetDateTime("revoked_at").toInstant()));
            }
          }
          return out;
        });
  }

  /** A meeting's body and whether its agenda held a given Modification (false when none is given). */
  public record MeetingAgenda(long bodyId, boolean heldModification) {}

  /** Empty when there is no such meeting. */
  public Future<java.util.Optional<MeetingAgenda>> meetingAgenda(SqlClient db, long meetingId, String modificationId) {
    return db.preparedQuery("SELECT m.body_id, EXISTS (SELECT 1 FROM agenda_item a WHERE a.meeting_id = m.id AND a.modification_id = $2) "
            + "AS held FROM meeting m WHERE m.id = $1")
        .execute(Tuple.of(meetingId, modificationId))
        .map(rows -> rows.size() == 0 ? java.util.Optional.<MeetingAgenda>empty()
            : java.util.Optional.of(new MeetingAgenda(rows.iterator().next().getLong("body_id"), rows.iterator().next().getBoolean("held"))));
  }

  public Future<Void> recordChange(SqlClient db, long decisionId, String change, String reason, Long by, String detail) {
    return db.preparedQuery("INSERT INTO decision_change (decision_id, change, reason, changed_by, detail) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(decisionId, change, reason, by, detail)).mapEmpty();
  }

  public Future<Void> recuse(SqlClient db, long decisionId, long seatId, String reason, long by) {
    return db.preparedQuery("INSERT INTO decision_recusal (decision_id, seat_id, reason, recorded_by) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(decisionId, seatId, reason, by)).mapEmpty();
  }

  public Future<Void> reschedule(SqlClient db, long decisionId, Instant closesAt, int extensions, int inquorateExtensions) {
    return db.preparedQuery("UPDATE decision SET closes_at = $2, extensions = $3, inquorate_extensions = $4, status = 'open' WHERE id = $1")
        .execute(Tuple.of(decisionId, odt(closesAt), extensions, inquorateExtensions)).mapEmpty();
  }

  public Future<Void> amend(SqlClient db, long decisionId, int version, String text, long by, String reason) {
    return db.preparedQuery("UPDATE decision SET motion_text = $2, motion_version = $3 WHERE id = $1")
        .execute(Tuple.of(decisionId, text, version))
        .compose(v -> db.preparedQuery("INSERT INTO motion_version (decision_id, version, text, amended_by, reason) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(decisionId, version, text, by, reason)))
        .mapEmpty();
  }

  /**
   * A postal (or prepared meeting) decision taken over by a vote called at its meeting: from now on
   * ballots are cast at the meeting, and it stays open until the chair closes it.
   */
  public Future<Void> takeToMeeting(SqlClient db, long decisionId) {
    return db.preparedQuery("UPDATE decision SET kind = 'meeting', closes_at = NULL WHERE id = $1")
        .execute(Tuple.of(decisionId)).mapEmpty();
  }

  /** The chair closed a meeting vote at {@code at} (the meeting's clock, which its attendance is recorded by). */
  public Future<Void> closeAt(SqlClient db, long decisionId, Instant at) {
    return db.preparedQuery("UPDATE decision SET closes_at = $2, closed_at = $2 WHERE id = $1")
        .execute(Tuple.of(decisionId, odt(at))).mapEmpty();
  }

  public Future<Void> settle(SqlClient db, long decisionId, String status, String outcome, String resultJson, String explanation,
      String castingVote) {
    return db.preparedQuery("UPDATE decision SET status = $2, outcome = $3, result = CAST($4::text AS json), explanation = $5, "
            + "casting_vote = coalesce($6, casting_vote), closed_at = coalesce(closed_at, clock_timestamp()) WHERE id = $1")
        .execute(Tuple.of(decisionId, status, outcome, resultJson, explanation, castingVote)).mapEmpty();
  }

  public Future<Boolean> remind(SqlClient db, long decisionId, long userId) {
    return db.preparedQuery("INSERT INTO decision_reminder (decision_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id")
        .execute(Tuple.of(decisionId, userId)).map(rows -> rows.size() == 1);
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static StoredDecision one(io.vertx.sqlclient.RowSet<Row> rows, long id) {
    if (rows.size() == 0) {
      throw DomainException.notFound("decision", id);
    }
    return decision(rows.iterator().next());
  }

  private static List<StoredDecision> all(io.vertx.sqlclient.RowSet<Row> rows) {
    List<StoredDecision> out = new ArrayList<>();
    rows.forEach(r -> out.add(decision(r)));
    return out;
  }

  private static StoredDecision decision(Row r) {
    String ref = r.getString("rules_reference");
    int space = ref.lastIndexOf(" v");
    return new StoredDecision(r.getLong("id"), r.getLong("group_id"), r.getString("item"), r.getLong("room_id"), r.getLong("body_id"),
        r.getString("body_code"), r.getString("body_name"), r.getLong("chair_user_id"), r.getString("modification_id"),
        r.getLong("meeting_id"), r.getString("question"), r.getString("kind"), r.getString("visibility"), r.getString("status"),
        r.getString("outcome"), r.getBoolean("reasons_required"), ref.substring(0, space), Integer.parseInt(ref.substring(space + 2)),
        ref, r.getString("motion_text"), r.getInteger("motion_version"), instant(r, "opened_at"), instant(r, "closes_at"),
        instant(r, "closed_at"), r.getInteger("extensions"), r.getInteger("inquorate_extensions"), r.getString("casting_vote"), r.getString("explanation"),
        r.getArrayOfStrings("options") == null ? null : List.of(r.getArrayOfStrings("options")));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  /** {@code n} ballot ids from the ballot sequence, ascending (for {@link BatchedBallotRows}). */
  static Future<List<Long>> reserveBallotIds(SqlClient db, int n) {
    return db.preparedQuery("SELECT nextval(pg_get_serial_sequence('ballot', 'id')) AS id FROM generate_series(1, $1)")
        .execute(Tuple.of(n))
        .map(rows -> {
          List<Long> out = new java.util.ArrayList<>(n);
          rows.forEach(r -> out.add(r.getLong("id")));
          out.sort(null);
          return out;
        });
  }

  /** Ballot rows given column by column, in {@link BatchedBallotRows}' column order, in one INSERT. */
  static Future<Void> insertBallotColumns(SqlClient db, Object[][] columns) {
    // Objectives travel as a JSON array each: unnest cannot take an array of arrays of uneven length.
    return db.preparedQuery("INSERT INTO ballot (id, decision_id, seat_id, cast_by, choice, withdrawal, reason, objectives, "
            + "motion_version, channel, option, cast_as, cast_at) "
            + "SELECT i, d, s, b, c, w, r, ARRAY(SELECT json_array_elements_text(CAST(o AS json))), v, ch, op, ca, at "
            + "FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::boolean[], $7::text[], $8::text[], "
            + "$9::int[], $10::text[], $11::text[], $12::text[], $13::timestamptz[]) AS x(i, d, s, b, c, w, r, o, v, ch, op, ca, at)")
        .execute(Tuple.wrap(List.of((Object[]) columns)))
        .mapEmpty();
  }
}
