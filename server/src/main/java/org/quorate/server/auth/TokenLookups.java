package org.quorate.server.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token look-ups that arrive together go to the store together: while one look-up is in flight the
 * next ones wait and then go as one statement ({@link AuthStore#liveTokens}). Twenty thousand voters
 * connecting at once thus take a handful of pool connections in turn, instead of each queueing for
 * one behind the ballots they came to cast (and being shed when the pool's wait queue is full). A lone
 * look-up goes at once. Answers are given on each caller's context.
 */
final class TokenLookups {
  static final int MAX_BATCH = 512;
  static final int MAX_IN_FLIGHT = 2;

  private record Waiting(Promise<Optional<AuthStore.LiveToken>> answer, Context caller) {}

  private final Pool pool;
  private final AuthStore store;
  /** Guarded by this: by token id (hex digest), with the digest itself first. */
  private final Map<String, List<Waiting>> waiting = new LinkedHashMap<>();
  private final Map<String, byte[]> digests = new LinkedHashMap<>();
  private int inFlight;

  TokenLookups(Pool pool, AuthStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** The token's user and expiry if it is neither revoked nor expired. */
  Future<Optional<AuthStore.LiveToken>> find(String tokenId, byte[] digest) {
    Promise<Optional<AuthStore.LiveToken>> answer = Promise.promise();
    boolean start;
    synchronized (this) {
      waiting.computeIfAbsent(tokenId, k -> new ArrayList<>(1)).add(new Waiting(answer, Vertx.currentContext()));
      digests.putIfAbsent(tokenId, digest);
      start = inFlight < MAX_IN_FLIGHT;
      if (start) {
        inFlight++;
      }
    }
    if (start) {
      next();
    }
    return answer.future();
  }

  /** Sends what waits, then again while anything does; ends this in-flight slot when nothing is left. */
  private void next() {
    Map<String, List<Waiting>> batch = new LinkedHashMap<>();
    List<byte[]> keys = new ArrayList<>();
    synchronized (this) {
      var it = waiting.entrySet().iterator();
      while (it.hasNext() && batch.size() < MAX_BATCH) {
        var e = it.next();
        batch.put(e.getKey(), e.getValue());
        keys.add(digests.remove(e.getKey()));
        it.remove();
      }
      if (batch.isEmpty()) {
        inFlight--;
        return;
      }
    }
    store.liveTokens(pool, keys).onComplete(ar -> {
      batch.forEach((id, callers) -> {
        Future<Optional<AuthStore.LiveToken>> result = ar.succeeded()
            ? Future.succeededFuture(Optional.ofNullable(ar.result().get(id)))
            : Future.failedFuture(ar.cause());
        callers.forEach(w -> {
          if (w.caller() == null) {
            w.answer().handle(result);
          } else {
            w.caller().runOnContext(v -> w.answer().handle(result));
          }
        });
      });
      next();
    });
  }
}
