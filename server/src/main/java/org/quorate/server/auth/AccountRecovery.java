package org.quorate.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Locale;
import org.quorate.server.domain.DomainException;

/**
 * What an operator does for a user who lost their password or their device: set a new password,
 * or end every session. Either way all of the user's tokens are revoked in the same transaction,
 * and every server listening on the store closes the user's sockets once it commits
 * ({@link RevocationNotices}).
 */
public final class AccountRecovery {
  /** The same floor as a password chosen through the REST API. */
  public static final int MIN_PASSWORD_LENGTH = 10;

  private final Pool pool;
  private final AuthService auth;
  private final AuthStore store = new AuthStore();

  public AccountRecovery(Pool pool, AuthService auth) {
    this.pool = pool;
    this.auth = auth;
  }

  /** Sets the password and revokes every token of the user; returns how many live tokens ended. */
  public Future<Integer> resetPassword(String username, String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return Future.failedFuture(DomainException.invalid("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
    }
    return auth.hash(password).compose(hash -> pool.withTransaction(tx -> userId(tx, username)
        .compose(id -> store.setPasswordHash(tx, id, hash)
            .compose(v -> revokeAll(tx, id)))));
  }

  /** Revokes every token of the user; returns how many were still live. */
  public Future<Integer> revokeTokens(String username) {
    return pool.withTransaction(tx -> userId(tx, username).compose(id -> revokeAll(tx, id)));
  }

  private Future<Long> userId(SqlConnection tx, String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return store.userIdByUsername(tx, name)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("user", "'" + name + "'")));
  }

  private Future<Integer> revokeAll(SqlConnection tx, long userId) {
    return store.revokeLiveTokens(tx, userId)
        .compose(revoked -> RevocationNotices.announce(store, tx, userId).map(revoked));
  }
}
