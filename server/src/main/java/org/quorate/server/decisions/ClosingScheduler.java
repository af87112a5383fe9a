package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.Seat;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes decisions at their closing time and nudges eligible voters who have not voted a set
 * number of Working Days before it, those from the Party Categories the quorum still needs first.
 * Correctness never depends on this timer: ballots after the closing time are refused in their own
 * transaction whether or not it has run.
 */
public final class ClosingScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ClosingScheduler.class);

  private final Vertx vertx;
  private final Pool pool;
  private final DecisionStore store;
  private final DecisionService decisions;
  private final DecisionModeration moderation;
  private final RoomEventLog log;
  private final NotificationService notifications;
  private final WorkingDayCalendar calendar;
  private final int reminderWorkingDays;
  /** Closing is checked every tick; reminders, which read every pending voter, less often. */
  static final Duration REMINDER_PASS_EVERY = Duration.ofSeconds(30);
  private long lastReminderPass = System.nanoTime() - REMINDER_PASS_EVERY.toNanos();
  private long timer = -1;
  private java.util.function.BooleanSupplier leads = () -> true;
  private boolean running;
  private Future<Void> current = Future.succeededFuture();

  public ClosingScheduler(Vertx vertx, Pool pool, DecisionStore store, DecisionService decisions, DecisionModeration moderation,
      RoomEventLog log, NotificationService notifications, WorkingDayCalendar calendar, int reminderWorkingDays) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.decisions = decisions;
    this.moderation = moderation;
    this.log = log;
    this.notifications = notifications;
    this.calendar = calendar;
    this.reminderWorkingDays = reminderWorkingDays;
    this.checkpoints = new org.quorate.server.ledger.LedgerCheckpoints(pool, log);
  }

  private final org.quorate.server.ledger.LedgerCheckpoints checkpoints;
  /** The daily checkpoint pass runs at most hourly, and not in a server's first hour (a restart adds none). */
  private long nextCheckpointPass = System.nanoTime() + Duration.ofHours(1).toNanos();

  /** Posts a ledger checkpoint in every body's room that has had none for a day. */
  public Future<Void> checkpointsNow() {
    nextCheckpointPass = System.nanoTime() + Duration.ofHours(1).toNanos();
    return checkpoints.daily();
  }

  /** Passes run only while {@code leads} says this node holds the scheduled work (one node of a cluster). */
  public void start(Duration every, java.util.function.BooleanSupplier leads) {
    this.leads = leads;
    start(every);
  }

  /** Starts (again, after {@link #stop()}) under the lease it was last given. */
  public void start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), t -> {
      if (leads.getAsBoolean()) {
        tick();
      }
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * One pass: close what is due, then (every {@link #REMINDER_PASS_EVERY}) send reminders. Never
   * overlaps itself: a pass asked for while one runs starts when it ends, so a caller waiting on it
   * sees everything committed before it asked.
   */
  public synchronized Future<Void> tick() {
    if (running) {
      return current.transform(ar -> tick());
    }
    running = true;
    boolean remindersDue = System.nanoTime() - lastReminderPass >= REMINDER_PASS_EVERY.toNanos();
    boolean checkpointsDue = System.nanoTime() - nextCheckpointPass >= 0;
    current = moderation.closeDue().compose(n -> remindersDue ? remindNow() : Future.<Void>succeededFuture())
        .compose(v -> checkpointsDue ? checkpointsNow() : Future.<Void>succeededFuture())
        .onFailure(e -> LOG.warn("decision scheduler pass failed: {}", e.toString()))
        .onComplete(ar -> finished())
        .mapEmpty();
    return current;
  }

  private synchronized void finished() {
    running = false;
  }

  /** One reminder pass now (the periodic tick runs one every {@link #REMINDER_PASS_EVERY}). */
  public Future<Void> remindNow() {
    lastReminderPass = System.nanoTime();
    ZonedDateTime now = ZonedDateTime.now(WorkingDayCalendar.LONDON);
    Instant horizon = ZonedDateTime.of(calendar.addWorkingDays(now.toLocalDate(), reminderWorkingDays), now.toLocalTime(),
        WorkingDayCalendar.LONDON).toInstant();
    return store.closingBefore(pool, horizon).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        // As with closing, one decision's failure does not hold up the reminders for the rest.
        chain = chain.compose(v -> remindFor(id).recover(e -> {
          LOG.warn("reminders for decision {} failed this pass: {}", id, e.toString());
          return Future.succeededFuture();
        }));
      }
      return chain;
    });
  }

  private Future<Void> remindFor(long decisionId) {
    return log.writeSystem(tx -> store.get(tx.conn(), decisionId).compose(d -> decisions.loader().load(tx.conn(), d)
        .compose(l -> store.now(tx.conn()).compose(now -> {
          DecisionResult result = DecisionResult.decide(l.facts(now));
          // A sealed decision's forecast depends on choices (abstentions may not count): its reminders say nothing of it.
          var forecast = d.ballotsVisible() ? result.quoracy().forecast() : null;
          Set<String> needed = forecast == null ? Set.of() : forecast.categories();
          Set<Long> voted = new java.util.HashSet<>();
          result.ballots().stream().filter(b -> b.status().counts()).forEach(b -> voted.add(b.ballot().seatId()));
          List<Seat> pending = l.seats().stream().filter(Seat::voting).filter(s -> !l.recused().contains(s.id()))
              .filter(s -> !voted.contains(s.id()))
              .sorted(Comparator.comparing((Seat s) -> !needed.contains(s.category())).thenComparing(Seat::id)).toList();
          Future<Void> chain = Future.succeededFuture();
          for (Seat seat : pending) {
            chain = chain.compose(v -> store.remind(tx.conn(), d.id(), seat.userId()).compose(first -> !first ? Future.succeededFuture()
                : decisions.rooms().store().get(tx.conn(), d.roomId()).compose(room -> notifications.notify(tx,
                    new NotificationService.Notice("ballot_reminder", room, null, d.id(), null,
                        d.item() + " closes " + d.closesAt() + (needed.contains(seat.category()) ? " — your Party Category is still needed for quorum" : "")
                            + (forecast == null ? "" : ": " + forecast.sentence())), List.of(seat.userId()), -1))));
          }
          return chain.map(v -> new RoomEventLog.Outcome(d.roomId(), null, d.id(), false));
        })))).mapEmpty();
  }
}
