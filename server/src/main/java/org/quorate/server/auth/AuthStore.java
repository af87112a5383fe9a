package org.quorate.server.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.domain.Role;

/**
 * SQL for sign-in: password hashes and bearer tokens. Tokens are kept only as their digest;
 * revoked tokens are returned as the hex of that digest, the name {@link AuthService#tokenId} gives them.
 */
public final class AuthStore {
  private static final String USER_COLUMNS = "u.id, u.username, u.display_name, u.party_id, u.roles";

  /** A user with the hash their password is checked against. */
  public record Credentials(Principal principal, String passwordHash) {}

  /** A live token's user and its expiry. */
  public record LiveToken(Principal principal, Instant expiresAt) {}

  /** A token revoked and not yet expired. */
  public record RevokedToken(long userId, String tokenId) {}

  /** Empty unless exactly one account has this name. */
  public Future<Optional<Credentials>> credentials(SqlClient db, String username) {
    return db.preparedQuery("SELECT " + USER_COLUMNS + ", u.password_hash FROM app_user u WHERE u.username = $1")
        .execute(Tuple.of(username))
        .map(rows -> {
          if (rows.size() != 1) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Credentials(principal(row), row.getString("password_hash")));
        });
  }

  /** Replaces the hash only if it is still the one that was checked, so a concurrent change wins. */
  public Future<Void> replacePasswordHashIfUnchanged(SqlClient db, long userId, String fresh, String stored) {
    return db.preparedQuery("UPDATE app_user SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
        .execute(Tuple.of(fresh, userId, stored))
        .mapEmpty();
  }

  /** The user's password hash; fails if there is no such user. */
  public Future<String> passwordHash(SqlClient db, long userId) {
    return db.preparedQuery("SELECT password_hash FROM app_user WHERE id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getString("password_hash"));
  }

  public Future<Void> setPasswordHash(SqlClient db, long userId, String hash) {
    return db.preparedQuery("UPDATE app_user SET password_hash = $2 WHERE id = $1").execute(Tuple.of(userId, hash)).mapEmpty();
  }

  public Future<Optional<Long>> userIdByUsername(SqlClient db, String username) {
    return db.preparedQuery("SELECT id FROM app_user WHERE username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  public Future<Optional<Principal>> principal(SqlClient db, long userId) {
    return db.preparedQuery("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.size() == 1 ? Optional.of(principal(rows.iterator().next())) : Optional.empty());
  }

  /** Stores a new token's digest; returns when it expires. */
  public Future<OffsetDateTime> issueToken(SqlClient db, byte[] digest, long userId, long lifetimeSeconds) {
    return db.preparedQuery(
            "INSERT INTO auth_token (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second') RETURNING expires_at")
        .execute(Tuple.of(Buffer.buffer(digest), userId, lifetimeSeconds))
        .map(rows -> rows.iterator().next().getOffsetDateTime("expires_at"));
  }

  /** The token's user, if it is neither revoked nor expired. */
  public Future<Optional<LiveToken>> liveToken(SqlClient db, byte[] digest) {
    return db.preparedQuery(
            "SELECT " + USER_COLUMNS + ", t.expires_at FROM auth_token t JOIN app_user u ON u.id = t.user_id "
                + "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()")
        .execute(Tuple.of(Buffer.buffer(digest)))
        .map(rows -> {
          if (rows.size() != 1) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new LiveToken(principal(row), row.getOffsetDateTime("expires_at").toInstant()));
        });
  }

  /** Of these digests, the live tokens (neither revoked nor expired), by the hex of their digest. */
  public Future<java.util.Map<String, LiveToken>> liveTokens(SqlClient db, List<byte[]> digests) {
    return db.preparedQuery(
            "SELECT " + USER_COLUMNS + ", t.token_hash, t.expires_at FROM auth_token t JOIN app_user u ON u.id = t.user_id "
                + "WHERE t.token_hash = ANY($1) AND t.revoked_at IS NULL AND t.expires_at > now()")
        .execute(Tuple.of(digests.stream().map(Buffer::buffer).toArray(Buffer[]::new)))
        .map(rows -> {
          java.util.Map<String, LiveToken> out = new java.util.HashMap<>();
          for (Row row : rows) {
            out.put(hex(row), new LiveToken(principal(row), row.getOffsetDateTime("expires_at").toInstant()));
          }
          return out;
        });
  }

  public Future<List<RevokedToken>> revokedUnexpiredTokens(SqlClient db) {
    return db.query("SELECT user_id, token_hash FROM auth_token WHERE revoked_at IS NOT NULL AND expires_at > now()")
        .execute()
        .map(rows -> {
          List<RevokedToken> out = new ArrayList<>();
          rows.forEach(r -> out.add(new RevokedToken(r.getLong("user_id"), hex(r))));
          return out;
        });
  }

  /** Revokes one token; returns the ids of the users it belonged to (none if it was not live). */
  public Future<List<Long>> revokeToken(SqlClient db, byte[] digest) {
    return db.preparedQuery("UPDATE auth_token SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id")
        .execute(Tuple.of(Buffer.buffer(digest)))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong("user_id")));
          return out;
        });
  }

  /** Revokes every unrevoked token of the user except the one kept; returns the ids of those revoked. */
  public Future<List<String>> revokeOtherTokens(SqlClient db, long userId, byte[] keptDigest) {
    return db.preparedQuery("UPDATE auth_token SET revoked_at = now() "
            + "WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2 RETURNING token_hash")
        .execute(Tuple.of(userId, Buffer.buffer(keptDigest)))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(hex(r)));
          return out;
        });
  }

  /** Revokes every live token of the user; returns how many there were. */
  public Future<Integer> revokeLiveTokens(SqlClient db, long userId) {
    return db.preparedQuery("UPDATE auth_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()")
        .execute(Tuple.of(userId))
        .map(rows -> rows.rowCount());
  }

  /** Sends a NOTIFY that PostgreSQL delivers only when the caller's transaction commits. */
  public Future<Void> notify(SqlClient tx, String channel, String payload) {
    return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, payload)).mapEmpty();
  }

  private static String hex(Row r) {
    return HexFormat.of().formatHex(r.getBuffer("token_hash").getBytes());
  }

  static Principal principal(Row row) {
    Set<Role> roles = Arrays.stream(row.getArrayOfStrings("roles"))
        .map(Role::fromWire)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Principal(row.getLong("id"), row.getString("username"), row.getString("display_name"),
        row.getLong("party_id"), roles);
  }
}
