package org.quorate.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens this node has lately found live, so that a WebSocket handshake (thousands at once when a
 * meeting opens a vote) need not ask the store each time, and does not queue for a connection behind
 * the ballots it came to cast.
 *
 * <p>Nothing is polled: every way a token stops being good is pushed. A sign-out, a revocation, a
 * password change and a change of the user's roles, Party or name each publish a signal on
 * {@link org.quorate.server.rooms.RoomBus#USERS_ADDRESS} after commit, which reaches every node; each
 * node's relay hands it to {@link #forgetToken}/{@link #forgetUser} <em>before</em> the user's open
 * connections get it. The node that revoked also forgets at once, before it answers. An entry is
 * never served past the token's own expiry, nor past {@link #MAX_AGE} (a bound on a missed signal).
 *
 * <p>A lookup that started before a revocation and answers after it must not put the revoked token
 * back: every forget counts in {@link #forgets()}, and {@link #put} keeps an answer only if no forget
 * happened since its lookup began (a rare miss under revocations, never a stale entry). The count also
 * lets the gateway notice a forget that fell between a handshake's check and its connection starting
 * to listen for signals, and check the token again.
 */
final class TokenCache {
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int MAX_ENTRIES = 100_000;

  private record Entry(AuthService.Authenticated who, long validUntilMillis) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  /** Guarded by this for writes (so a forget and a put cannot interleave); read freely. */
  private volatile long forgets;

  TokenCache(LongSupplier clock) {
    this.clock = clock;
  }

  /** The token's user, if it was live when last looked up, is not expired now, and nothing has been said against it since. */
  AuthService.Authenticated get(String tokenId) {
    Entry e = entries.get(tokenId);
    if (e == null) {
      return null;
    }
    if (clock.getAsLong() >= e.validUntilMillis()) {
      entries.remove(tokenId, e);
      return null;
    }
    return e.who();
  }

  /** How many forgets so far: read before a lookup, handed to {@link #put} with its answer. */
  long forgets() {
    return forgets;
  }

  /** Keeps a live token's answer, unless any token was forgotten since {@code forgetsBefore} was read. */
  synchronized void put(String tokenId, AuthService.Authenticated who, long forgetsBefore) {
    if (forgets != forgetsBefore) {
      return;
    }
    long now = clock.getAsLong();
    long until = Math.min(who.expiresAt().toEpochMilli(), now + MAX_AGE.toMillis());
    if (until <= now) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> now >= e.validUntilMillis());
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(tokenId, new Entry(who, until));
  }

  /** One token was revoked. */
  synchronized void forgetToken(String tokenId) {
    forgets++;
    entries.remove(tokenId);
  }

  /** Every token of the user was revoked, or who the user is changed (roles, Party, name). */
  synchronized void forgetUser(long userId) {
    forgets++;
    entries.values().removeIf(e -> e.who().principal().userId() == userId);
  }

  int size() {
    return entries.size();
  }
}
