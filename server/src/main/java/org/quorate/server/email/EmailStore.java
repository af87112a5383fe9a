package org.quorate.server.email;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Role;

/** The SQL of email: preferences, the outbox and the unsubscribe secret. */
final class EmailStore {

  record Preference(String address, String mode) {}

  /** An outbox row claimed for sending, with its recipient as they are now. */
  record Pending(long id, Principal recipient, String address, String mode, Long notificationId, OffsetDateTime digestFrom,
      OffsetDateTime digestTo, int attempts) {}

  /** A notification as an email tells it. */
  record Item(long id, String kind, long roomId, Long messageId, String fromName, String excerpt, OffsetDateTime createdAt) {}

  Future<Optional<Preference>> preference(SqlClient db, long userId) {
    return db.preparedQuery("SELECT address, mode FROM email_preference WHERE user_id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new Preference(rows.iterator().next().getString("address"), rows.iterator().next().getString("mode"))));
  }

  /** Choosing the digest starts its day now, so the first digest does not repeat older news. */
  Future<Void> savePreference(SqlClient db, long userId, String address, String mode) {
    return db.preparedQuery("INSERT INTO email_preference (user_id, address, mode) VALUES ($1, $2, $3) "
            + "ON CONFLICT (user_id) DO UPDATE SET address = EXCLUDED.address, mode = EXCLUDED.mode, updated_at = now(), "
            + "digest_after = CASE WHEN email_preference.mode = 'digest' THEN email_preference.digest_after ELSE now() END")
        .execute(Tuple.of(userId, address, mode)).mapEmpty();
  }

  Future<Boolean> unsubscribe(SqlClient db, long userId) {
    return db.preparedQuery("UPDATE email_preference SET mode = 'none', updated_at = now() WHERE user_id = $1 AND mode <> 'none'")
        .execute(Tuple.of(userId)).map(rows -> rows.rowCount() > 0);
  }

  /** In the notification's transaction: one outbox row per notification whose recipient wants it now. */
  Future<Void> queueImmediate(SqlClient db, List<Long> notificationIds, Set<String> kinds) {
    return db.preparedQuery("INSERT INTO email_outbox (user_id, notification_id) SELECT n.user_id, n.id FROM notification n "
            + "JOIN email_preference p ON p.user_id = n.user_id "
            + "WHERE n.id = ANY($1) AND p.mode = 'immediate' AND n.kind = ANY($2) ORDER BY n.id")
        .execute(Tuple.tuple().addArrayOfLong(notificationIds.toArray(Long[]::new)).addArrayOfString(kinds.toArray(String[]::new)))
        .mapEmpty();
  }

  /**
   * Queues a digest for everyone whose last one is a day old, and starts their next day, in one
   * statement: two nodes running it at once queue each digest once.
   */
  Future<Integer> queueDigestsDue(SqlClient db, Instant asOf) {
    return db.preparedQuery("WITH due AS (SELECT user_id, digest_after FROM email_preference "
            + "WHERE mode = 'digest' AND digest_after <= $1::timestamptz - interval '1 day' FOR UPDATE SKIP LOCKED), "
            + "queued AS (INSERT INTO email_outbox (user_id, digest_from, digest_to) SELECT user_id, digest_after, $1 FROM due) "
            + "UPDATE email_preference p SET digest_after = $1 FROM due WHERE p.user_id = due.user_id")
        .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
  }

  /**
   * Claims due rows for this transaction; another node's sender skips them rather than waiting, and
   * a row whose transaction dies (a crash mid-send) is claimable again.
   */
  Future<List<Pending>> claimDue(SqlClient db, int limit) {
    return db.preparedQuery("SELECT o.id, o.notification_id, o.digest_from, o.digest_to, o.attempts, p.address, p.mode, "
            + "u.id AS user_id, u.username, u.display_name, u.party_id, u.roles "
            + "FROM email_outbox o JOIN app_user u ON u.id = o.user_id LEFT JOIN email_preference p ON p.user_id = o.user_id "
            + "WHERE o.done_at IS NULL AND o.next_attempt_at <= now() ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Pending> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Pending(r.getLong("id"), recipient(r), r.getString("address"),
                r.getString("mode"), r.getLong("notification_id"), r.getOffsetDateTime("digest_from"),
                r.getOffsetDateTime("digest_to"), r.getInteger("attempts")));
          }
          return out;
        });
  }

  private static Principal recipient(Row r) {
    Set<Role> roles = java.util.Arrays.stream(r.getArrayOfStrings("roles")).map(Role::fromWire)
        .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(Role.class)));
    return new Principal(r.getLong("user_id"), r.getString("username"), r.getString("display_name"), r.getLong("party_id"), roles);
  }

  Future<List<Item>> notification(SqlClient db, long id) {
    return items(db, "n.id = $1", Tuple.of(id));
  }

  Future<List<Item>> digestItems(SqlClient db, long userId, OffsetDateTime from, OffsetDateTime to) {
    return items(db, "n.user_id = $1 AND n.created_at > $2 AND n.created_at <= $3", Tuple.of(userId, from, to));
  }

  private Future<List<Item>> items(SqlClient db, String where, Tuple args) {
    return db.preparedQuery("SELECT n.id, n.kind, n.room_id, n.message_id, f.display_name AS from_name, n.excerpt, n.created_at "
            + "FROM notification n LEFT JOIN app_user f ON f.id = n.from_user WHERE " + where + " ORDER BY n.room_id, n.id")
        .execute(args)
        .map(rows -> {
          List<Item> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Item(r.getLong("id"), r.getString("kind"), r.getLong("room_id"), r.getLong("message_id"),
              r.getString("from_name"), r.getString("excerpt"), r.getOffsetDateTime("created_at"))));
          return out;
        });
  }

  Future<Void> done(SqlClient db, long id, String outcome) {
    return db.preparedQuery("UPDATE email_outbox SET done_at = now(), outcome = $2, attempts = attempts + 1 WHERE id = $1")
        .execute(Tuple.of(id, outcome)).mapEmpty();
  }

  Future<Void> retryLater(SqlClient db, long id, Duration delay, String error) {
    return db.preparedQuery("UPDATE email_outbox SET attempts = attempts + 1, last_error = $3, "
            + "next_attempt_at = now() + make_interval(secs => $2) WHERE id = $1")
        .execute(Tuple.of(id, delay.toMillis() / 1000.0, error)).mapEmpty();
  }

  Future<Void> giveUp(SqlClient db, long id, String error) {
    return db.preparedQuery("UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, done_at = now(), outcome = 'failed' "
            + "WHERE id = $1").execute(Tuple.of(id, error)).mapEmpty();
  }

  /** The server's signing secret: the first node to start stores its candidate; everyone reads the stored one. */
  Future<byte[]> secret(SqlClient db, byte[] candidate) {
    return db.preparedQuery("INSERT INTO email_secret (secret) VALUES ($1) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(candidate)))
        .compose(v -> db.query("SELECT secret FROM email_secret").execute())
        .map(rows -> rows.iterator().next().getBuffer("secret").getBytes());
  }
}
