package org.quorate.server.meetings;

import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.quorate.server.notifications.NotificationService;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomService;

/**
 * The meetings feature, assembled: its stores and services over one write path. The two seams to the
 * decisions feature ({@link QuoracyProbe}, {@link MeetingVotes}) and the Working Day calendar are
 * passed in where this is built (Features).
 */
public final class Meetings {
  private final MeetingService service;
  private final MeetingRoles roles;
  private final AttendanceRegister register;
  private final FloorControl floor;
  private final AgendaCursor agenda;
  private final ChairRulings rulings;
  private final MeetingVoting voting;
  private final ActionLog actions;
  private final FloorQuestions questions;
  private final Minutes minutes;
  private final MeetingPapers papers;

  public Meetings(Pool pool, RoomService rooms, RoomEventLog log, NotificationService notifications, Clock clock, WorkingDays days,
      QuoracyProbe probe, MeetingVotes votes) {
    MeetingStore meetings = new MeetingStore();
    AttendanceStore attendance = new AttendanceStore();
    FloorStore floorStore = new FloorStore();
    RulingStore rulingStore = new RulingStore();
    ActionLogStore actionStore = new ActionLogStore();
    QuestionStore questionStore = new QuestionStore();
    PaperStore papers = new PaperStore();
    MeetingWrites writes = new MeetingWrites(pool, rooms, log, meetings, clock);
    RulingRecorder recorder = new RulingRecorder(rulingStore, rooms.store(), notifications);

    this.floor = new FloorControl(writes, meetings, attendance, floorStore, recorder);
    this.register = new AttendanceRegister(writes, meetings, attendance, rulingStore, floor, probe);
    this.agenda = new AgendaCursor(writes, meetings, register, attendance, floor, recorder, votes, rooms.store());
    this.rulings = new ChairRulings(writes, meetings, attendance, register, floor, rulingStore, recorder);
    this.voting = new MeetingVoting(writes, meetings, attendance, votes);
    this.actions = new ActionLog(pool, writes, meetings, actionStore, votes, rooms, notifications, days);
    this.questions = new FloorQuestions(pool, writes, meetings, questionStore, rulingStore, rooms);
    this.service = new MeetingService(pool, writes, rooms, log, meetings, attendance, floorStore, rulingStore, papers, votes, probe, days);
    this.papers = new MeetingPapers(pool, writes, rooms, meetings, papers, service, days);
    this.roles = new MeetingRoles(writes, rooms, meetings, attendance, service);
    MinutesRecords records = new MinutesRecords(meetings, attendance, rulingStore, actionStore, questionStore, papers, votes, probe, days);
    this.minutes = new Minutes(pool, writes, rooms, meetings, records, new MinutesGenerator(WorkingDays.LONDON));
  }

  public MeetingService service() {
    return service;
  }

  public MeetingRoles roles() {
    return roles;
  }

  public AttendanceRegister register() {
    return register;
  }

  public FloorControl floor() {
    return floor;
  }

  public AgendaCursor agenda() {
    return agenda;
  }

  public ChairRulings rulings() {
    return rulings;
  }

  public MeetingVoting voting() {
    return voting;
  }

  public ActionLog actions() {
    return actions;
  }

  public FloorQuestions questions() {
    return questions;
  }

  public Minutes minutes() {
    return minutes;
  }

  public MeetingPapers papers() {
    return papers;
  }
}
