package org.quorate.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.quorate.server.config.LoginLimits;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in, token validation and sign-out. Tokens expire and can be revoked. */
public final class AuthService {
  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

  private final Pool pool;
  private final PasswordHasher hasher;
  private final PasswordHashingPool hashing;
  private final LoginThrottle throttle;
  private final Duration lifetime;
  private final String dummyHash;
  private final RoomBus bus;
  private final AuthStore store = new AuthStore();
  private final TokenCache cache = new TokenCache(System::currentTimeMillis);
  private final TokenLookups lookups;
  /**
   * Only a single node caches tokens. There a sign-out forgets its token before it is answered. A
   * cluster's signal reaches the other nodes some milliseconds later and unacknowledged (a CI run saw a
   * signed-out token let in on the other node in that window), so clustered nodes ask the store at every
   * handshake, still batched with the other handshakes of the moment.
   */
  private final boolean cacheTokens;

  public AuthService(Vertx vertx, Pool pool, PasswordHasher hasher, Duration lifetime, LoginLimits limits, RoomBus bus,
      boolean cacheTokens) {
    this.bus = bus;
    this.cacheTokens = cacheTokens;
    this.pool = pool;
    this.lookups = new TokenLookups(pool, store);
    this.hasher = hasher;
    this.hashing = new PasswordHashingPool(vertx);
    this.throttle = new LoginThrottle(limits, System::currentTimeMillis);
    this.lifetime = lifetime;
    this.dummyHash = hasher.hash("no user has this password " + System.nanoTime());
    bus.beforeUserSignals(this::userSignal);
  }

  /**
   * A revoked token or a changed user leaves the cache: on the node that publishes the signal as it
   * does, and on every node's relay before the user's connections hear it.
   */
  private void userSignal(long userId, String signal, String body) {
    if (RoomBus.SIGNED_OUT.equals(signal) && !body.isEmpty()) {
      cache.forgetToken(body);
    } else if (signal != null) {
      cache.forgetUser(userId);
    }
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
    return store.credentials(pool, username)
        .compose(found -> {
          AuthStore.Credentials row = found.orElse(null);
          // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
          String stored = row != null ? row.passwordHash() : dummyHash;
          return hashing.run(() -> hasher.verify(password, stored))
              .onFailure(busy -> throttle.unchecked(username, sourceAddress))
              .compose(ok -> {
                if (!ok || row == null) {
                  return Future.failedFuture(DomainException.notAuthenticated("wrong username or password"));
                }
                throttle.succeeded(username, sourceAddress);
                return upgradeHash(row.principal().userId(), password, stored).compose(v -> issue(row.principal()));
              });
        });
  }

  /** Re-hashes with today's work factor; a failure here must not cost the user their sign-in. */
  private Future<Void> upgradeHash(long userId, String password, String stored) {
    if (!hasher.isWeakerThanCurrent(stored)) {
      return Future.succeededFuture();
    }
    return hashing.run(() -> hasher.hash(password))
        .compose(fresh -> store.replacePasswordHashIfUnchanged(pool, userId, fresh, stored))
        .recover(e -> {
          LOG.warn("could not upgrade the password hash of user {}: {}", userId, e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Session> issue(Principal principal) {
    String token = Tokens.newToken();
    return store.issueToken(pool, Tokens.digest(token), principal.userId(), lifetime.toSeconds())
        .map(expiresAt -> new Session(token, expiresAt, principal));
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
    return store.liveToken(pool, Tokens.digest(token))
        .compose(live -> live
            .map(t -> Future.succeededFuture(new Authenticated(t.principal(), t.expiresAt())))
            .orElseGet(() -> Future.failedFuture(DomainException.notAuthenticated("token is unknown, expired or revoked"))));
  }

  /**
   * As {@link #check}, answered from this node's {@link TokenCache} when it has the token, else looked
   * up with the other handshakes of the moment ({@link TokenLookups}): for the
   * WebSocket handshake, whose connection then listens for sign-outs; the caller compares
   * {@link #tokenForgets()} before and after it starts listening ({@link TokenCache} says why).
   */
  public Future<Authenticated> checkCached(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return check(token);
    }
    String id = tokenId(token);
    Authenticated known = cacheTokens ? cache.get(id) : null;
    if (known != null) {
      return Future.succeededFuture(known);
    }
    long forgets = cache.forgets();
    return lookups.find(id, Tokens.digest(token))
        .compose(live -> live
            .map(t -> Future.succeededFuture(new Authenticated(t.principal(), t.expiresAt())))
            .orElseGet(() -> Future.failedFuture(DomainException.notAuthenticated("token is unknown, expired or revoked"))))
        .onSuccess(who -> {
          if (cacheTokens) {
            cache.put(id, who, forgets);
          }
        });
  }

  /** Grows each time a cached token or user is forgotten, on this node. */
  public long tokenForgets() {
    return cache.forgets();
  }

  /**
   * Signs out, again, every token revoked and not yet expired. Run when the revocation listener
   * has reconnected after a store outage, during which it may have missed a notice: sockets hold
   * their token without asking the store again, so this is how such a revocation still reaches them.
   */
  public Future<Integer> reannounceRevocations() {
    return store.revokedUnexpiredTokens(pool)
        .map(revoked -> {
          revoked.forEach(t -> bus.publishSignedOut(t.userId(), t.tokenId()));
          return revoked.size();
        });
  }

  /** A user as the access function sees them, for work done on their behalf without a session (calendar feeds). */
  public Future<Principal> principalOf(long userId) {
    return store.principal(pool, userId)
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(DomainException.notFound("user", userId))));
  }

  /** Revokes the token; once that has committed, every connection signed in with it closes, on every node. */
  public Future<Void> logout(String token) {
    return store.revokeToken(pool, Tokens.digest(token))
        .onSuccess(userIds -> userIds.forEach(id -> bus.publishSignedOut(id, tokenId(token))))
        .mapEmpty();
  }

  /**
   * Sets a new password once the current one is proven, and revokes every other token of the user
   * in the same transaction; after commit their connections close at once. The token in use stays.
   */
  public Future<Void> changePassword(Principal who, String token, String current, String replacement) {
    return store.passwordHash(pool, who.userId())
        .compose(stored -> hashing.run(() -> hasher.verify(current, stored)))
        .compose(ok -> ok ? hash(replacement) : Future.failedFuture(
            DomainException.invalid("current_password", "is not this account's password")))
        .compose(hash -> pool.withTransaction(tx -> store.setPasswordHash(tx, who.userId(), hash)
            .compose(v -> store.revokeOtherTokens(tx, who.userId(), Tokens.digest(token)))))
        .onSuccess(revoked -> revoked.forEach(id -> bus.publishSignedOut(who.userId(), id)))
        .mapEmpty();
  }

  /** Names a token on the event bus without revealing it: the hex of the digest the store keeps. */
  public static String tokenId(String token) {
    return java.util.HexFormat.of().formatHex(Tokens.digest(token));
  }

  public Future<String> hash(String password) {
    return hashing.run(() -> hasher.hash(password));
  }

}
