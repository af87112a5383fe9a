package org.quorate.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.quorate.server.config.LoginLimits;

/**
 * Slows down password guessing, per account name and per source address: a rising delay after a
 * few failures, then a temporary lock. Account names are tracked whether or not the account
 * exists, so the answer never tells which names are real. An attempt is charged as a failure
 * before its password is checked, so parallel guesses cannot slip past the count; a success
 * takes the charge back. In memory: a restart forgets, which only helps the owner. With several
 * nodes each one tells the others of every charge ({@link #sharedWith}), so a guesser spreading
 * attempts over nodes meets the same counts everywhere (give or take a message in flight).
 */
public final class LoginThrottle {
  /** Enough for every active account many times over; an attacker spraying names evicts only the oldest. */
  private static final int MAX_TRACKED = 50_000;

  private final Counter accounts;
  private final Counter addresses;
  private final LongSupplier clockMillis;
  private java.util.function.Consumer<Change> peers = c -> {};

  /** One change to one key's count, as another node applies it. */
  public record Change(Kind kind, boolean account, String key, long atMillis) {
    public enum Kind { FAIL, REFUND, FORGET }
  }

  public LoginThrottle(LoginLimits limits, LongSupplier clockMillis) {
    this.accounts = new Counter(limits);
    this.addresses = new Counter(limits.forAddresses());
    this.clockMillis = clockMillis;
  }

  /**
   * Charges an attempt to both keys, or tells how long the caller must wait first (nothing is
   * charged then). Zero means the attempt may proceed.
   */
  public synchronized Duration attempt(String username, String address) {
    long now = clockMillis.getAsLong();
    String account = accountKey(username);
    long waitMillis = Math.max(accounts.waitMillis(account, now), addresses.waitMillis(address, now));
    if (waitMillis > 0) {
      return Duration.ofMillis(waitMillis);
    }
    accounts.fail(account, now);
    addresses.fail(address, now);
    peers.accept(new Change(Change.Kind.FAIL, true, account, now));
    peers.accept(new Change(Change.Kind.FAIL, false, address, now));
    return Duration.ZERO;
  }

  /** From now on every change made here is also handed to {@code peers} (the other nodes). */
  public synchronized void sharedWith(java.util.function.Consumer<Change> peers) {
    this.peers = peers;
  }

  /** A change another node made. */
  public synchronized void apply(Change c) {
    Counter counter = c.account() ? accounts : addresses;
    switch (c.kind()) {
      case FAIL -> counter.fail(c.key(), c.atMillis());
      case REFUND -> counter.refund(c.key());
      case FORGET -> counter.forget(c.key());
    }
  }

  /** The password was right: the account starts afresh and the address gets its charge back. */
  public synchronized void succeeded(String username, String address) {
    accounts.forget(accountKey(username));
    addresses.refund(address);
    long now = clockMillis.getAsLong();
    peers.accept(new Change(Change.Kind.FORGET, true, accountKey(username), now));
    peers.accept(new Change(Change.Kind.REFUND, false, address, now));
  }

  /** The password was never checked (the server was busy): the attempt does not count. */
  public synchronized void unchecked(String username, String address) {
    accounts.refund(accountKey(username));
    addresses.refund(address);
    long now = clockMillis.getAsLong();
    peers.accept(new Change(Change.Kind.REFUND, true, accountKey(username), now));
    peers.accept(new Change(Change.Kind.REFUND, false, address, now));
  }

  private static String accountKey(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }

  /** Failures per key: how many, and until when the key must wait. */
  private static final class Counter {
    private final LoginLimits limits;
    private final Map<String, Record> records = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
        return size() > MAX_TRACKED;
      }
    };

    Counter(LoginLimits limits) {
      this.limits = limits;
    }

    long waitMillis(String key, long now) {
      Record r = records.get(key);
      if (r == null) {
        return 0;
      }
      if (now >= r.blockedUntil && (r.failures >= limits.lockAfter()
          || now - r.lastFailure >= limits.lockDuration().toMillis())) {
        // A served lock, or a long enough quiet spell, wipes the slate.
        records.remove(key);
        return 0;
      }
      return Math.max(0, r.blockedUntil - now);
    }

    void fail(String key, long now) {
      Record r = records.computeIfAbsent(key, k -> new Record());
      r.failures++;
      r.lastFailure = now;
      if (r.failures >= limits.lockAfter()) {
        r.blockedUntil = now + limits.lockDuration().toMillis();
      } else if (r.failures >= limits.freeFailures()) {
        int doublings = Math.min(30, r.failures - limits.freeFailures());
        long delay = Math.min(limits.firstDelay().toMillis() << doublings, limits.lockDuration().toMillis());
        r.blockedUntil = now + delay;
      }
    }

    void refund(String key) {
      Record r = records.get(key);
      if (r != null && r.failures > 0 && r.failures < limits.lockAfter()) {
        r.failures--;
        if (r.failures < limits.freeFailures()) {
          r.blockedUntil = 0;
        }
      }
    }

    void forget(String key) {
      records.remove(key);
    }
  }

  private static final class Record {
    int failures;
    long lastFailure;
    long blockedUntil;
  }
}
