package org.quorate.server.feeds;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SQL for calendar feeds: their secret addresses (stored as SHA-256 only) and what a feed lists —
 * meetings, open decisions' closing times, and actions — before any access check.
 */
public final class CalendarFeedStore {

  /** A live feed: the user's own ({@code bodyId} null) or one body's. */
  public record Feed(long id, long userId, Long bodyId, String bodyName, Instant createdAt) {}

  /** Rows carry no room text (titles, questions, action texts): a feed cannot leak what it never reads. */
  public record MeetingRow(long id, long roomId, String bodyCode, Instant start, Instant closedAt, String state, int sequence,
      Instant created, Instant updated) {}

  public record DecisionRow(long id, long roomId, String bodyCode, Instant closesAt, int sequence, Instant created, Instant updated) {}

  public record ActionRow(long id, long meetingId, String bodyCode, int number, LocalDate due, int sequence, Instant created,
      Instant updated) {}

  private static final String FEED = "SELECT f.id, f.user_id, f.body_id, b.name AS body_name, f.created_at FROM calendar_feed f "
      + "LEFT JOIN body b ON b.id = f.body_id ";

  /** Revokes the user's live feed of the same scope, if any, and records the new one. */
  public Future<Feed> rotate(SqlClient db, long userId, Long bodyId, byte[] tokenHash) {
    return db.preparedQuery("UPDATE calendar_feed SET revoked_at = now() WHERE user_id = $1 AND body_id IS NOT DISTINCT FROM $2 "
            + "AND revoked_at IS NULL")
        .execute(Tuple.of(userId, bodyId))
        .compose(v -> db.preparedQuery("INSERT INTO calendar_feed (user_id, body_id, token_hash) VALUES ($1, $2, $3) RETURNING id")
            .execute(Tuple.of(userId, bodyId, Buffer.buffer(tokenHash))))
        .compose(rows -> one(db, FEED + "WHERE f.id = $1", Tuple.of(rows.iterator().next().getLong("id"))))
        .map(Optional::orElseThrow);
  }

  public Future<List<Feed>> live(SqlClient db, long userId) {
    return db.preparedQuery(FEED + "WHERE f.user_id = $1 AND f.revoked_at IS NULL ORDER BY f.body_id NULLS FIRST, f.id")
        .execute(Tuple.of(userId)).map(rows -> list(rows, CalendarFeedStore::feed));
  }

  public Future<Boolean> revoke(SqlClient db, long userId, long feedId) {
    return db.preparedQuery("UPDATE calendar_feed SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL")
        .execute(Tuple.of(feedId, userId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Feed>> byToken(SqlClient db, byte[] tokenHash) {
    return one(db, FEED + "WHERE f.token_hash = $1 AND f.revoked_at IS NULL", Tuple.of(Buffer.buffer(tokenHash)));
  }

  public Future<Boolean> bodyExists(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT 1 FROM body WHERE id = $1").execute(Tuple.of(bodyId)).map(rows -> rows.size() == 1);
  }

  public Future<Long> roomOfBody(SqlClient db, long bodyId) {
    return db.preparedQuery("SELECT id FROM room WHERE body_id = $1").execute(Tuple.of(bodyId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  /**
   * Meetings of one body, or of every body whose room the user belongs to (members, the chair,
   * appointed alternates and proxies), from a year back.
   */
  public Future<List<MeetingRow>> meetings(SqlClient db, long userId, Long bodyId) {
    return db.preparedQuery("SELECT m.id, m.room_id, b.code, m.scheduled_start, m.closed_at, m.state, m.sequence, "
            + "m.created_at, m.updated_at FROM meeting m JOIN body b ON b.id = m.body_id "
            + "WHERE m.scheduled_start > now() - interval '1 year' AND CASE WHEN $2::bigint IS NULL "
            + "THEN m.room_id IN (SELECT room_id FROM room_member WHERE user_id = $1) ELSE m.body_id = $2 END "
            + "ORDER BY m.scheduled_start, m.id")
        .execute(Tuple.of(userId, bodyId))
        .map(rows -> list(rows, r -> new MeetingRow(r.getLong("id"), r.getLong("room_id"), r.getString("code"),
            instant(r, "scheduled_start"), instant(r, "closed_at"), r.getString("state"), r.getInteger("sequence"),
            instant(r, "created_at"), instant(r, "updated_at"))));
  }

  /** Open decisions with a closing time: those the user holds a voting seat in, or all of one body's. */
  public Future<List<DecisionRow>> openDecisions(SqlClient db, long userId, Long bodyId) {
    return db.preparedQuery("SELECT d.id, d.room_id, b.code, d.closes_at, d.extensions + d.inquorate_extensions AS seq, "
            + "coalesce(d.opened_at, d.created_at) AS created, greatest(coalesce(d.opened_at, d.created_at), "
            + "(SELECT max(c.changed_at) FROM decision_change c WHERE c.decision_id = d.id)) AS updated FROM decision d JOIN body b ON b.id = d.body_id "
            + "WHERE d.status = 'open' AND d.closes_at IS NOT NULL AND CASE WHEN $2::bigint IS NULL "
            + "THEN EXISTS (SELECT 1 FROM decision_seat s WHERE s.decision_id = d.id AND s.user_id = $1 AND s.voting) "
            + "ELSE d.body_id = $2 END ORDER BY d.closes_at, d.id")
        .execute(Tuple.of(userId, bodyId))
        .map(rows -> list(rows, r -> new DecisionRow(r.getLong("id"), r.getLong("room_id"), r.getString("code"),
            instant(r, "closes_at"), r.getInteger("seq"), instant(r, "created"), instant(r, "updated"))));
  }

  /** Open actions the user owns, themselves or through their Party. */
  public Future<List<ActionRow>> openActions(SqlClient db, long userId) {
    return db.preparedQuery("SELECT a.id, a.meeting_id, b.code, a.number, a.due_date, a.recorded_at, "
            + "(SELECT count(*) FROM meeting_action_update u WHERE u.action_id = a.id) AS seq, "
            + "coalesce((SELECT max(u.at) FROM meeting_action_update u WHERE u.action_id = a.id), a.recorded_at) AS updated "
            + "FROM meeting_action a JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id "
            + "WHERE a.status = 'open' AND (a.owner_user_id = $1 OR a.owner_party_id = (SELECT party_id FROM app_user WHERE id = $1)) "
            + "ORDER BY a.due_date, a.id")
        .execute(Tuple.of(userId))
        .map(rows -> list(rows, r -> new ActionRow(r.getLong("id"), r.getLong("meeting_id"), r.getString("code"),
            r.getInteger("number"), r.getLocalDate("due_date"), r.getLong("seq").intValue(), instant(r, "recorded_at"),
            instant(r, "updated"))));
  }

  private static Future<Optional<Feed>> one(SqlClient db, String sql, Tuple args) {
    return db.preparedQuery(sql).execute(args).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(feed(rows.iterator().next())));
  }

  private static Feed feed(Row r) {
    return new Feed(r.getLong("id"), r.getLong("user_id"), r.getLong("body_id"), r.getString("body_name"), instant(r, "created_at"));
  }

  private static <T> List<T> list(Iterable<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
