package org.quorate.server.email;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.email.EmailComposer.Email;
import org.quorate.server.email.EmailComposer.Told;
import org.quorate.server.email.EmailStore.Item;
import org.quorate.server.email.EmailStore.Pending;
import org.quorate.server.rooms.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: one row per transaction, claimed with {@code FOR UPDATE SKIP LOCKED}, composed
 * after the one access check, sent, and marked done before the commit — so a restart never sends a
 * row again once its transaction committed. A failed send is retried with exponential backoff, a
 * bounded number of times; nothing the user did waits for it.
 */
final class EmailSender {
  private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
  static final int MAX_ATTEMPTS = 6;
  static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  private static final int ROWS_PER_PASS = 50;

  private final Pool pool;
  private final EmailStore store;
  private final RoomService rooms;
  private final MailClient mail;
  private final String from;
  private final EmailComposer composer;
  private final UnsubscribeLinks links;

  EmailSender(Pool pool, EmailStore store, RoomService rooms, MailClient mail, String from, EmailComposer composer,
      UnsubscribeLinks links) {
    this.pool = pool;
    this.store = store;
    this.rooms = rooms;
    this.mail = mail;
    this.from = from;
    this.composer = composer;
    this.links = links;
  }

  /** Sends what is due, up to a bounded number of rows; resolves with how many rows it settled or rescheduled. */
  Future<Integer> sendDue() {
    return next(0);
  }

  private Future<Integer> next(int handled) {
    if (handled >= ROWS_PER_PASS) {
      return Future.succeededFuture(handled);
    }
    return pool.withTransaction(conn -> store.claimDue(conn, 1).compose(rows -> rows.isEmpty()
            ? Future.succeededFuture(false) : handle(conn, rows.get(0)).map(true)))
        .compose(more -> more ? next(handled + 1) : Future.succeededFuture(handled));
  }

  private Future<Void> handle(SqlClient db, Pending p) {
    if (p.address() == null || "none".equals(p.mode())) {
      return store.done(db, p.id(), "unsubscribed");
    }
    boolean digest = p.notificationId() == null;
    Future<List<Item>> items = digest ? store.digestItems(db, p.recipient().userId(), p.digestFrom(), p.digestTo())
        : store.notification(db, p.notificationId());
    return items.compose(list -> readable(p, list)).compose(told -> {
      if (told.isEmpty()) {
        return store.done(db, p.id(), digest ? "empty" : "withheld");
      }
      String unsubscribe = links.url(p.recipient().userId());
      Email email = digest ? composer.digest(told, unsubscribe) : composer.immediate(told.get(0), unsubscribe);
      return mail.sendMail(message(p.address(), email, unsubscribe))
          .compose(sent -> store.done(db, p.id(), "sent"), failure -> failed(db, p, failure));
    });
  }

  /** The one access check, at send time: what the recipient may no longer read is left out. */
  private Future<List<Told>> readable(Pending p, List<Item> items) {
    Map<Long, Future<RoomService.Readable>> byRoom = new HashMap<>();
    // A notice about no room (a proxy appointment) or a room since removed is not readable.
    items.forEach(i -> byRoom.computeIfAbsent(i.roomId(), id -> rooms.readable(p.recipient(), id)
        .recover(e -> Future.succeededFuture(new RoomService.Readable(null, false)))));
    return Future.all(new ArrayList<>(byRoom.values())).map(all -> {
      List<Told> out = new ArrayList<>();
      for (Item i : items) {
        RoomService.Readable r = byRoom.get(i.roomId()).result();
        if (r.canRead()) {
          out.add(new Told(i, r.room()));
        }
      }
      return out;
    });
  }

  private Future<Void> failed(SqlClient db, Pending p, Throwable failure) {
    String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    if (p.attempts() + 1 >= MAX_ATTEMPTS) {
      LOG.warn("email {} to user {} failed {} times, giving up: {}", p.id(), p.recipient().userId(), MAX_ATTEMPTS, error);
      return store.giveUp(db, p.id(), error);
    }
    Duration delay = FIRST_RETRY.multipliedBy(1L << p.attempts());
    LOG.info("email {} to user {} failed (attempt {}), retrying in {}s: {}", p.id(), p.recipient().userId(), p.attempts() + 1,
        delay.toSeconds(), error);
    return store.retryLater(db, p.id(), delay, error);
  }

  private MailMessage message(String to, Email email, String unsubscribe) {
    return new MailMessage().setFrom(from).setTo(to).setSubject(email.subject()).setText(email.text())
        .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
        .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
        .addHeader("Auto-Submitted", "auto-generated");
  }

}
