package org.quorate.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.config.LoginLimits;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.rooms.RoomBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in, token validation and sign-out. Tokens expire and can be revoked. */
public final class AuthService {
  private static final String USER_COLUMNS = "u.id, u.username, u.display_name, u.party_id, u.roles";

  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

  private final Pool pool;
  private final PasswordHasher hasher;
  private final PasswordHashingPool hashing;
  private final LoginThrottle throttle;
  private final Duration lifetime;
  private final String dummyHash;
  private final RoomBus bus;

  public AuthService(Vertx vertx, Pool pool, PasswordHasher hasher, Duration lifetime, LoginLimits limits, RoomBus bus) {
    this.bus = bus;
    this.pool = pool;
    this.hasher = hasher;
    this.hashing = new PasswordHashingPool(vertx);
    this.throttle = new LoginThrottle(limits, System::currentTimeMillis);
    this.lifetime = lifetime;
    this.dummyHash = hasher.hash("no user has this password " + System.nanoTime());
  }
  /** Shared with the other nodes of a cluster at start. */
  public LoginThrottle throttle() {
    return throttle;
  }


  public record Session(String token, OffsetDateTime expiresAt, Principal principal) {}

  /**
   * Signs in, unless the account name or the source address has failed too often lately: then
   * {@code rate_limited} with the time to wait, the same for names that exist and names that do not.
   */
  public Future<Session> login(String username, String password, String sourceAddress) {
    Duration wait = throttle.attempt(username, sourceAddress);
    if (!wait.isZero()) {
      return Future.failedFuture(DomainException.rateLimited("too many failed sign-ins; try again later", wait));
    }
    return pool.preparedQuery("SELECT " + USER_COLUMNS + ", u.password_hash FROM app_user u WHERE u.username = $1")
        .execute(Tuple.of(username))
        .compose(rows -> {
          Row row = rows.size() == 1 ? rows.iterator().next() : null;
          // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
          String stored = row != null ? row.getString("password_hash") : dummyHash;
          return hashing.run(() -> hasher.verify(password, stored))
              .onFailure(busy -> throttle.unchecked(username, sourceAddress))
              .compose(ok -> {
                if (!ok || row == null) {
                  return Future.failedFuture(DomainException.notAuthenticated("wrong username or password"));
                }
                throttle.succeeded(username, sourceAddress);
                return upgradeHash(row.getLong("id"), password, stored).compose(v -> issue(principal(row)));
              });
        });
  }

  /** Re-hashes with today's work factor; a failure here must not cost the user their sign-in. */
  private Future<Void> upgradeHash(long userId, String password, String stored) {
    if (!hasher.isWeakerThanCurrent(stored)) {
      return Future.succeededFuture();
    }
    return hashing.run(() -> hasher.hash(password))
        .compose(fresh -> pool.preparedQuery("UPDATE app_user SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
            .execute(Tuple.of(fresh, userId, stored)))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not upgrade the password hash of user {}: {}", userId, e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Session> issue(Principal principal) {
    String token = Tokens.newToken();
    return pool.preparedQuery(
            "INSERT INTO auth_token (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second') RETURNING expires_at")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.digest(token)), principal.userId(), lifetime.toSeconds()))
        .map(rows -> new Session(token, rows.iterator().next().getOffsetDateTime("expires_at"), principal));
  }

  /** Resolves a bearer token to its user, or fails with {@code not_authenticated}. */
  public Future<Principal> authenticate(String token) {
    return check(token).map(Authenticated::principal);
  }

  /** A valid token's user and the moment the token expires. */
  public record Authenticated(Principal principal, java.time.Instant expiresAt) {}

  /**
   * As {@link #authenticate}, with the token's expiry: an open socket holds both and is not asked
   * again, since revocations are pushed to it ({@link RoomBus#publishSignedOut}) and expiry is a time.
   */
  public Future<Authenticated> check(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Future.failedFuture(DomainException.notAuthenticated("a valid token is required"));
    }
    return pool.preparedQuery(
            "SELECT " + USER_COLUMNS + ", t.expires_at FROM auth_token t JOIN app_user u ON u.id = t.user_id "
                + "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.digest(token))))
        .compose(rows -> {
          if (rows.size() != 1) {
            return Future.failedFuture(DomainException.notAuthenticated("token is unknown, expired or revoked"));
          }
          Row row = rows.iterator().next();
          return Future.succeededFuture(new Authenticated(principal(row), row.getOffsetDateTime("expires_at").toInstant()));
        });
  }

  /**
   * Signs out, again, every token revoked and not yet expired. Run when the revocation listener
   * has reconnected after a store outage, during which it may have missed a notice: sockets hold
   * their token without asking the store again, so this is how such a revocation still reaches them.
   */
  public Future<Integer> reannounceRevocations() {
    return pool.query("SELECT user_id, token_hash FROM auth_token WHERE revoked_at IS NOT NULL AND expires_at > now()")
        .execute()
        .map(rows -> {
          rows.forEach(r -> bus.publishSignedOut(r.getLong("user_id"),
              java.util.HexFormat.of().formatHex(r.getBuffer("token_hash").getBytes())));
          return rows.rowCount();
        });
  }

  /** A user as the access function sees them, for work done on their behalf without a session (calendar feeds). */
  public Future<Principal> principalOf(long userId) {
    return pool.preparedQuery("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.id = $1").execute(Tuple.of(userId))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(principal(rows.iterator().next()))
            : Future.failedFuture(DomainException.notFound("user", userId)));
  }

  /** Revokes the token; once that has committed, every connection signed in with it closes, on every node. */
  public Future<Void> logout(String token) {
    return pool.preparedQuery("UPDATE auth_token SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.digest(token))))
        .onSuccess(rows -> rows.forEach(r -> bus.publishSignedOut(r.getLong("user_id"), tokenId(token))))
        .mapEmpty();
  }

  /**
   * Sets a new password once the current one is proven, and revokes every other token of the user
   * in the same transaction; after commit their connections close at once. The token in use stays.
   */
  public Future<Void> changePassword(Principal who, String token, String current, String replacement) {
    return pool.preparedQuery("SELECT password_hash FROM app_user WHERE id = $1").execute(Tuple.of(who.userId()))
        .compose(rows -> hashing.run(() -> hasher.verify(current, rows.iterator().next().getString("password_hash"))))
        .compose(ok -> ok ? hash(replacement) : Future.failedFuture(
            DomainException.invalid("current_password", "is not this account's password")))
        .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery("UPDATE app_user SET password_hash = $2 WHERE id = $1")
            .execute(Tuple.of(who.userId(), hash))
            .compose(v -> tx.preparedQuery("UPDATE auth_token SET revoked_at = now() "
                    + "WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2 RETURNING token_hash")
                .execute(Tuple.of(who.userId(), io.vertx.core.buffer.Buffer.buffer(Tokens.digest(token)))))))
        .onSuccess(revoked -> revoked.forEach(r -> bus.publishSignedOut(who.userId(),
            java.util.HexFormat.of().formatHex(r.getBuffer("token_hash").getBytes()))))
        .mapEmpty();
  }

  /** Names a token on the event bus without revealing it: the hex of the digest the store keeps. */
  public static String tokenId(String token) {
    return java.util.HexFormat.of().formatHex(Tokens.digest(token));
  }

  public Future<String> hash(String password) {
    return hashing.run(() -> hasher.hash(password));
  }

  static Principal principal(Row row) {
    Set<Role> roles = Arrays.stream(row.getArrayOfStrings("roles"))
        .map(Role::fromWire)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Principal(row.getLong("id"), row.getString("username"), row.getString("display_name"),
        row.getLong("party_id"), roles);
  }

}
