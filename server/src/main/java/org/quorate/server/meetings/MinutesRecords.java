package org.quorate.server.meetings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.quorate.protocol.UserRef;
import org.quorate.server.meetings.ActionLogStore.Action;
import org.quorate.server.meetings.AttendanceStore.LoggedQuoracy;
import org.quorate.server.meetings.MeetingStore.AgendaItem;
import org.quorate.server.meetings.MeetingStore.MeetingRow;
import org.quorate.server.meetings.MeetingVotes.VoteRecord;
import org.quorate.server.meetings.QuestionStore.Question;

/** Gathers a meeting's record from the store into the plain {@link MinutesRecord} the generator reads. */
final class MinutesRecords {
  private final MeetingStore meetings;
  private final AttendanceStore attendance;
  private final RulingStore rulings;
  private final ActionLogStore log;
  private final QuestionStore questions;
  private final PaperStore papers;
  private final MeetingVotes votes;
  private final QuoracyProbe probe;
  private final WorkingDays days;

  MinutesRecords(MeetingStore meetings, AttendanceStore attendance, RulingStore rulings, ActionLogStore log, QuestionStore questions,
      PaperStore papers, MeetingVotes votes, QuoracyProbe probe, WorkingDays days) {
    this.meetings = meetings;
    this.attendance = attendance;
    this.rulings = rulings;
    this.log = log;
    this.questions = questions;
    this.papers = papers;
    this.votes = votes;
    this.probe = probe;
    this.days = days;
  }

  Future<MinutesRecord> record(SqlClient db, MeetingRow m) {
    var agenda = meetings.agenda(db, m.id());
    var history = attendance.history(db, m.id());
    var seats = attendance.seats(db, m.bodyId());
    var quoracy = attendance.quoracyLog(db, m.id());
    var register = attendance.register(db, m.id(), m.bodyId());
    var voteList = votes.votes(db, m.id());
    var decisions = log.decisions(db, m.id());
    var actions = log.actions(db, m.id());
    var rulingList = rulings.rulings(db, m.id());
    var questionList = questions.ofMeeting(db, m.id());
    var paperList = papers.ofMeeting(db, m.id());
    var proceedings = meetings.stateChanges(db, m.id());
    Future<UserRef> opener = m.openedBy() == null ? Future.succeededFuture(null) : meetings.user(db, m.openedBy());
    return Future.all(List.of(agenda, history, seats, quoracy, register, voteList, decisions, actions, rulingList, questionList,
        paperList, proceedings, opener)).map(all -> {
          List<String> chairs = new ArrayList<>();
          if (opener.result() != null) {
            chairs.add(opener.result().displayName());
          }
          rulingList.result().stream().filter(r -> r.kind().equals("chair_handover")).forEach(r -> chairs.add(r.subjectName()));

          List<MinutesRecord.Attendee> attendees = history.result().stream().map(s -> new MinutesRecord.Attendee(s.name(), s.capacity(),
              s.seatHolderId() == null || s.seatHolderId() == s.userId() ? null : s.seatHolderName(), s.seat(), s.partyName(), s.mode(),
              s.joinedAt(), s.leftAt())).toList();
          List<String> unfilled = seats.result().stream().filter(AttendanceStore.Seat::voting)
              .filter(seat -> history.result().stream().noneMatch(s -> Objects.equals(s.seatHolderId(), seat.holderId())))
              .map(AttendanceStore.Seat::holderName).toList();

          Map<Long, MinutesRecord.Vote> voteById = voteList.result().stream().collect(Collectors.toMap(VoteRecord::voteId, MinutesRecords::vote));
          List<MinutesRecord.Action> allActions = actions.result().stream().map(MinutesRecords::action).toList();

          List<MinutesRecord.Item> items = new ArrayList<>();
          for (AgendaItem item : agenda.result()) {
            items.add(item(item.position(), item.title(), item.modificationId(), item.startedAt() != null, discussion(m, item),
                item.modificationRoom() == null ? null : "/rooms/" + item.modificationRoom(), item.id(), quoracy.result(),
                voteList.result(), decisions.result(), actions.result(), questionList.result(), voteById));
          }
          MinutesRecord.Item outside = item(null, null, null, true, null, null, null, quoracy.result(), voteList.result(), decisions.result(),
              actions.result(), questionList.result(), voteById);
          boolean anythingOutside = !outside.quoracy().isEmpty() || !outside.votes().isEmpty() || !outside.decisions().isEmpty()
              || !outside.actions().isEmpty() || !outside.questions().isEmpty();
          if (anythingOutside) {
            items.add(0, outside);
          }

          List<MinutesRecord.Paper> paperRecords = paperList.result().stream().map(p -> new MinutesRecord.Paper(p.title(), p.url(),
              p.publishedAt(), PaperDeadline.late(p.publishedAt(), m.scheduledStart(), days), p.fileName(), p.version(), p.sha256()))
              .toList();
          List<MinutesRecord.Ruling> rulingRecords = rulingList.result().stream().map(r -> new MinutesRecord.Ruling(r.at(), r.kind(),
              r.subjectName(), r.reason(), r.byName())).toList();
          List<MinutesRecord.Proceeding> steps = proceedings.result().stream().map(c -> new MinutesRecord.Proceeding(c.at(), c.state(),
              c.byName(), c.reason())).toList();
          return new MinutesRecord(m.title(), m.bodyName(), m.scheduledStart(), m.openedAt(), m.closedAt(), m.state(), chairs, steps,
              attendees, unfilled, probe.assess(register.result()).rule(), paperRecords, items, rulingRecords, allActions);
        });
  }

  private static String discussion(MeetingRow m, AgendaItem item) {
    if (item.startedSeq() == null) {
      return null;
    }
    return "/rooms/" + m.roomId() + "?from=" + item.startedSeq() + (item.endedSeq() == null ? "" : "&to=" + item.endedSeq());
  }

  private static MinutesRecord.Item item(Integer position, String title, String modificationId, boolean taken, String discussion,
      String modification,
      Long itemId, List<LoggedQuoracy> quoracy, List<VoteRecord> votes, List<ActionLogStore.Decision> decisions, List<Action> actions,
      List<Question> questions, Map<Long, MinutesRecord.Vote> voteById) {
    return new MinutesRecord.Item(position, title, modificationId, taken, discussion, modification,
        verdicts(on(quoracy, q -> Objects.equals(q.itemId(), itemId), q -> new MinutesRecord.QuoracyPoint(q.at(), q.quorate(), q.explanation()))),
        on(votes, v -> Objects.equals(v.itemId(), itemId), MinutesRecords::vote),
        on(decisions, d -> Objects.equals(d.itemId(), itemId), d -> new MinutesRecord.Decision(d.text(), d.reason(),
            Optional.ofNullable(d.voteId()).map(voteById::get).orElse(null))),
        on(actions, a -> Objects.equals(a.itemId(), itemId), MinutesRecords::action),
        on(questions, q -> Objects.equals(q.itemId(), itemId), q -> new MinutesRecord.Question(q.text(), q.anonymous() ? null : q.askerName(),
            q.votes(), q.taken())));
  }

  /** Quoracy per item as the minutes need it: how it stood when the item began, then each change of verdict. */
  static List<MinutesRecord.QuoracyPoint> verdicts(List<MinutesRecord.QuoracyPoint> log) {
    List<MinutesRecord.QuoracyPoint> out = new ArrayList<>();
    for (MinutesRecord.QuoracyPoint p : log) {
      if (out.isEmpty() || out.get(out.size() - 1).quorate() != p.quorate()) {
        out.add(p);
      }
    }
    return out;
  }

  private static <T, R> List<R> on(List<T> all, Predicate<T> belongs, Function<T, R> as) {
    return all.stream().filter(belongs).map(as).toList();
  }

  private static MinutesRecord.Vote vote(VoteRecord v) {
    return new MinutesRecord.Vote(v.question(), v.tally(), v.outcome(), v.quorate(), v.explanation(), v.rule(), v.closeReason());
  }

  private static MinutesRecord.Action action(Action a) {
    return new MinutesRecord.Action(a.number(), a.text(), a.ownerName(), a.dueDate(), a.dueWorkingDays(), a.status());
  }
}
