package org.quorate.server.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.server.auth.Principal;
import org.quorate.server.config.SmtpUrl;
import org.quorate.server.domain.DomainException;
import org.quorate.server.rooms.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email: preferences, the outbox written with each notification, the sender loop and the daily
 * digest. Off unless an SMTP server is configured; then nothing is queued or sent.
 */
public final class EmailService {
  private static final Logger LOG = LoggerFactory.getLogger(EmailService.class);
  /** What is worth an email at once; everything else waits for the digest (or is not emailed). */
  static final Set<String> IMMEDIATE_KINDS = Set.of("mention", "ballot_needed", "ballot_reminder", "chair_ruling");

  private final Vertx vertx;
  private final Pool pool;
  private final RoomService rooms;
  private final Optional<SmtpUrl> smtp;
  private final EmailStore store = new EmailStore();
  private Future<UnsubscribeLinks> links;
  private EmailSender sender;
  private MailClient mail;
  private long timer = -1;
  private boolean running;
  private Future<Void> current = Future.succeededFuture();

  public EmailService(Vertx vertx, Pool pool, RoomService rooms, Optional<SmtpUrl> smtp) {
    this.vertx = vertx;
    this.pool = pool;
    this.rooms = rooms;
    this.smtp = smtp;
  }

  public boolean enabled() {
    return smtp.isPresent();
  }

  /** Loads the signing secret and, if email is on, starts the sender loop; links point at {@code baseUrl}. */
  public void start(String baseUrl, Duration every, java.util.function.BooleanSupplier leads) {
    byte[] candidate = new byte[32];
    new SecureRandom().nextBytes(candidate);
    links = store.secret(pool, candidate).map(secret -> new UnsubscribeLinks(secret, baseUrl));
    if (smtp.isEmpty()) {
      LOG.info("Email is off: no --smtp-url (QUORATE_SMTP_URL) is set");
      return;
    }
    SmtpUrl s = smtp.get();
    mail = MailClient.create(vertx, new MailConfig().setHostname(s.host()).setPort(s.port())
        .setSsl(s.security() == SmtpUrl.Security.TLS)
        .setStarttls(switch (s.security()) {
          case STARTTLS_REQUIRED -> StartTLSOptions.REQUIRED;
          case STARTTLS_OPTIONAL -> StartTLSOptions.OPTIONAL;
          case TLS, NONE -> StartTLSOptions.DISABLED;
        })
        .setLogin(s.user() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(s.user()).setPassword(s.password())
        .setConnectTimeout(10_000).setIdleTimeout(60).setKeepAlive(false));
    links.onSuccess(l -> {
      sender = new EmailSender(pool, store, rooms, mail, s.from(), new EmailComposer(baseUrl), l);
      // Only the node holding the scheduled work sends: two senders could claim the same mail.
      timer = vertx.setPeriodic(every.toMillis(), t -> {
        if (leads.getAsBoolean()) {
          tick();
        }
      });
    });
    LOG.info("Email is on: {}; links point at {}", s, baseUrl);
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One pass: queue the digests that are due, then send what is due. Never overlaps itself. */
  public synchronized Future<Void> tick() {
    if (running) {
      return current.transform(ar -> tick());
    }
    if (sender == null) {
      return Future.succeededFuture();
    }
    running = true;
    current = queueDigestsDue(Instant.now()).compose(n -> sender.sendDue())
        .onFailure(e -> LOG.warn("email pass failed: {}", e.toString()))
        .onComplete(ar -> finished()).mapEmpty();
    return current;
  }

  private synchronized void finished() {
    running = false;
  }

  /** Queues a digest for each user whose last one is a day older than {@code asOf}. */
  public Future<Integer> queueDigestsDue(Instant asOf) {
    return enabled() ? pool.withTransaction(conn -> store.queueDigestsDue(conn, asOf)) : Future.succeededFuture(0);
  }

  /** In the notifications' transaction: queue an email for each recipient who wants these at once. */
  public Future<Void> queue(SqlClient db, List<Long> notificationIds) {
    return !enabled() || notificationIds.isEmpty() ? Future.succeededFuture()
        : store.queueImmediate(db, notificationIds, IMMEDIATE_KINDS);
  }

  public Future<EmailPreference> preference(Principal user) {
    return store.preference(pool, user.userId()).map(p -> new EmailPreference(enabled(),
        p.map(EmailStore.Preference::address).orElse(null), p.map(EmailStore.Preference::mode).orElse("none")));
  }

  public Future<EmailPreference> setPreference(Principal user, EmailPreference.Input input) {
    return store.savePreference(pool, user.userId(), input.address(), input.mode()).compose(v -> preference(user));
  }

  /** The signed unsubscribe link for a user, as every email to them carries it. */
  public Future<String> unsubscribeUrl(long userId) {
    return links.map(l -> l.url(userId));
  }

  /** The signed link's action; a wrong signature is refused like a missing page. */
  public Future<Void> unsubscribe(long userId, String signature) {
    return links.compose(l -> {
      if (!l.valid(userId, signature)) {
        throw DomainException.notFound("unsubscribe link", userId);
      }
      return store.unsubscribe(pool, userId).mapEmpty();
    });
  }

  public Future<Void> close() {
    stop();
    return mail == null ? Future.succeededFuture() : mail.close();
  }
}
