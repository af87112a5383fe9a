package org.quorate.server.decisions.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.quorate.server.calendar.WorkingDayCalendar;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.counting.InquorateFollowUp;
import org.quorate.server.decisions.counting.Outcome;
import org.quorate.server.decisions.rules.ExtensionRule;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * A decision's lifecycle as an immutable value: draft → open → closed → carried / not carried /
 * inquorate, or cancelled from any non-final status. Every change returns the next value and the
 * {@link Transition} to record; a refused change throws a typed {@link DomainException} and changes nothing.
 * Ballots are accepted only while open and strictly before {@code closesAt}, whether or not a
 * closing timer has fired. A vote taken live at a meeting has no closing time ({@code closesAt} null):
 * it is open until the chair closes it.
 *
 * @param extensions moderator extensions so far (limited by the rules)
 * @param inquorateExtensions reopenings because the result was inquorate (the rules allow one)
 * @param followUp what the rules made of an inquorate result, once settled so
 * @param standsUntil last day a provisional inquorate result stands, under stand_provisionally
 */
public record DecisionLifecycle(
    DecisionStatus status,
    Instant opensAt,
    Instant closesAt,
    int extensions,
    int inquorateExtensions,
    InquorateFollowUp followUp,
    LocalDate standsUntil) {

  /** When a decision reopened for want of a quorum closes: 17:00 London time, on a Working Day. */
  public static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

  /** The lifecycle value and the transition that produced it. */
  public record Step(DecisionLifecycle lifecycle, Transition transition) {}

  public static DecisionLifecycle draft() {
    return new DecisionLifecycle(DecisionStatus.DRAFT, null, null, 0, 0, null, null);
  }

  public Step open(Actor actor, Instant now, Instant closingTime) {
    requireModerator(actor, "open");
    if (status != DecisionStatus.DRAFT) {
      throw status.isFinal() ? closed() : DomainException.conflict("the decision is already " + word(status));
    }
    Checks.required(closingTime, "closes_at");
    if (!closingTime.isAfter(now)) {
      throw DomainException.invalid("closes_at", "must be in the future");
    }
    return step(Transition.Kind.OPENED, actor, now, null,
        new DecisionLifecycle(DecisionStatus.OPEN, now, closingTime, 0, 0, null, null));
  }

  public Step extend(Actor actor, Instant now, Instant newClosingTime, String reason, ExtensionRule rule) {
    requireModerator(actor, "extend");
    String why = Checks.text(reason, "reason", 1000);
    requireOpenAt(now);
    Checks.required(newClosingTime, "closes_at");
    if (closesAt == null) {
      throw DomainException.conflict("a vote taken at a meeting is open until the chair closes it; it has no closing time to extend");
    }
    if (!newClosingTime.isAfter(closesAt)) {
      throw DomainException.invalid("closes_at", "must be later than the current closing time " + closesAt);
    }
    if (extensions >= rule.maxExtensions()) {
      throw DomainException.conflict("the decision has been extended " + extensions + " time(s); the limit is "
          + rule.maxExtensions() + " (" + rule.clause() + ")");
    }
    return step(Transition.Kind.EXTENDED, actor, now, why, new DecisionLifecycle(status, opensAt, newClosingTime,
        extensions + 1, inquorateExtensions, followUp, standsUntil));
  }

  public Step closeEarly(Actor actor, Instant now, String reason) {
    requireModerator(actor, "close early");
    String why = Checks.text(reason, "reason", 1000);
    requireOpenAt(now);
    return step(Transition.Kind.CLOSED_EARLY, actor, now, why, new DecisionLifecycle(DecisionStatus.CLOSED, opensAt,
        now, extensions, inquorateExtensions, followUp, standsUntil));
  }

  /** The server closes an open decision at (or after) its closing time. */
  public Step close(Instant now) {
    if (status != DecisionStatus.OPEN) {
      throw status == DecisionStatus.DRAFT ? DomainException.conflict("the decision has not been opened")
          : closed();
    }
    if (closesAt == null) {
      throw DomainException.conflict("the decision is open until the chair closes it");
    }
    if (now.isBefore(closesAt)) {
      throw DomainException.conflict("the decision closes at " + closesAt + "; use close early with a reason");
    }
    return step(Transition.Kind.CLOSED, null, now, null, new DecisionLifecycle(DecisionStatus.CLOSED, opensAt,
        closesAt, extensions, inquorateExtensions, followUp, standsUntil));
  }

  /**
   * Records the counted result of a closed decision. An inquorate result whose rules extend once
   * reopens the decision until {@link #CLOSE_OF_BUSINESS} London time on the Working Day that many
   * working days after it closed.
   */
  public Step settle(DecisionResult result, Instant now, WorkingDayCalendar calendar) {
    if (status != DecisionStatus.CLOSED) {
      throw status.isFinal() ? closed() : DomainException.conflict("only a closed decision can be settled");
    }
    if (!result.isFinal()) {
      throw DomainException.conflict("the vote is tied and awaits the chair's casting vote");
    }
    InquorateFollowUp next = result.followUp();
    if (result.outcome() == Outcome.INQUORATE && next.action() == InquorateFollowUp.Action.EXTEND) {
      // Counted from the close, or from now if the closing pass ran late (a server that was down).
      Instant from = now.isAfter(closesAt) ? now : closesAt;
      Instant reopenedUntil = calendar.closingTime(from, next.workingDays(), CLOSE_OF_BUSINESS).toInstant();
      return step(Transition.Kind.REOPENED_INQUORATE, null, now, next.sentence(), new DecisionLifecycle(
          DecisionStatus.OPEN, opensAt, reopenedUntil, extensions, inquorateExtensions + 1, null, null));
    }
    DecisionStatus to = switch (result.outcome()) {
      case CARRIED -> DecisionStatus.CARRIED;
      case NOT_CARRIED -> DecisionStatus.NOT_CARRIED;
      case INQUORATE -> DecisionStatus.INQUORATE;
    };
    LocalDate until = next != null && next.action() == InquorateFollowUp.Action.STAND_PROVISIONALLY
        ? calendar.addWorkingDays(closesAt.atZone(WorkingDayCalendar.LONDON).toLocalDate(), next.workingDays())
        : null;
    return step(Transition.Kind.SETTLED, null, now, result.explanation(),
        new DecisionLifecycle(to, opensAt, closesAt, extensions, inquorateExtensions, next, until));
  }

  public Step cancel(Actor actor, Instant now, String reason) {
    requireModerator(actor, "cancel");
    String why = Checks.text(reason, "reason", 1000);
    if (status.isFinal()) {
      throw closed();
    }
    return step(Transition.Kind.CANCELLED, actor, now, why, new DecisionLifecycle(DecisionStatus.CANCELLED, opensAt,
        closesAt, extensions, inquorateExtensions, followUp, standsUntil));
  }

  /** Throws unless a ballot may be cast, changed or withdrawn at {@code now}. */
  public void requireAcceptingBallots(Instant now) {
    if (status == DecisionStatus.DRAFT) {
      throw DomainException.conflict("the decision is not open for voting yet");
    }
    requireOpenAt(now);
  }

  public boolean acceptsBallotsAt(Instant now) {
    return status == DecisionStatus.OPEN && (closesAt == null || now.isBefore(closesAt)) && !now.isBefore(opensAt);
  }

  /** Whether the server should close it now (its closing timer may not have fired). */
  public boolean isDueToClose(Instant now) {
    return status == DecisionStatus.OPEN && closesAt != null && !now.isBefore(closesAt);
  }

  private void requireOpenAt(Instant now) {
    if (status == DecisionStatus.DRAFT) {
      throw DomainException.conflict("the decision has not been opened");
    }
    if (status != DecisionStatus.OPEN || closesAt != null && !now.isBefore(closesAt)) {
      throw closed();
    }
    if (now.isBefore(opensAt)) {
      throw DomainException.conflict("the decision opens at " + opensAt);
    }
  }

  private DomainException closed() {
    return DomainException.decisionClosed(status == DecisionStatus.OPEN
        ? "the decision closed at " + closesAt : "the decision is " + word(status));
  }

  private static void requireModerator(Actor actor, String action) {
    if (actor == null || !actor.moderator()) {
      throw DomainException.notAuthorised("only a moderator may " + action + " a decision");
    }
  }

  private Step step(Transition.Kind kind, Actor actor, Instant at, String reason, DecisionLifecycle next) {
    return new Step(next, new Transition(kind, status, next.status(), actor == null ? null : actor.userId(), at,
        next.closesAt(), reason));
  }

  private static String word(DecisionStatus status) {
    return status.name().toLowerCase().replace('_', ' ');
  }
}
