package org.quorate.server.meetings;

import java.util.Set;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;
import org.quorate.server.meetings.MeetingStore.MeetingRow;

/**
 * Who may chair. Three kinds of people may take the chair of a meeting: the body's chair, a co-chair
 * named for the meeting, or a SECAS moderator. Only one of them acts at a time (the acting chair), so
 * that two people never run one meeting at cross purposes; the chair passes between them by a
 * recorded handover. Pure: no store, no Vert.x.
 */
final class ChairPowers {
  private ChairPowers() {}

  static boolean mayTakeChair(long userId, Set<Role> roles, MeetingRow m) {
    return (m.bodyChairId() != null && m.bodyChairId() == userId) || m.coChairs().contains(userId) || roles.contains(Role.MODERATOR);
  }

  static boolean mayTakeChair(Principal user, MeetingRow m) {
    return mayTakeChair(user.userId(), user.roles(), m);
  }

  static boolean isActingChair(Principal user, MeetingRow m) {
    return m.actingChairId() != null && m.actingChairId() == user.userId();
  }

  /**
   * Who may join and post while the chair has locked the room to members, besides the members and the
   * alternates and proxies filling their seats: the body's chair and the people named for this meeting.
   */
  static boolean insider(long userId, MeetingRow m) {
    return (m.bodyChairId() != null && m.bodyChairId() == userId) || (m.actingChairId() != null && m.actingChairId() == userId)
        || m.coChairs().contains(userId) || m.minuteTakers().contains(userId);
  }

  /** The chair's powers in a meeting: only its acting chair exercises them. */
  static void requireActingChair(Principal user, MeetingRow m) {
    if (!isActingChair(user, m)) {
      throw DomainException.notAuthorised("only the meeting's acting chair may do this");
    }
  }

  /** Decisions and actions are recorded by the acting chair or a minute-taker named for the meeting. */
  static void requireRecorder(Principal user, MeetingRow m) {
    if (!isActingChair(user, m) && !m.minuteTakers().contains(user.userId())) {
      throw DomainException.notAuthorised("only the acting chair or a minute-taker may record decisions and actions");
    }
  }

  /** Opening a scheduled meeting, editing and publishing its minutes: anyone who may take the chair. */
  static void requireMayTakeChair(Principal user, MeetingRow m) {
    if (!mayTakeChair(user, m)) {
      throw DomainException.notAuthorised("only the body's chair, a co-chair or a SECAS moderator may do this");
    }
  }

  /** Scheduling a meeting and preparing its agenda and papers: SECAS, the body's chair and co-chairs. */
  static void requireOrganiser(Principal user, MeetingRow m) {
    if (!user.isSecas() && !mayTakeChair(user, m)) {
      throw DomainException.notAuthorised("only SECAS, the body's chair or a co-chair may prepare this meeting");
    }
  }

  static void requireOrganiser(Principal user, Long bodyChairId) {
    if (!user.isSecas() && (bodyChairId == null || bodyChairId != user.userId())) {
      throw DomainException.notAuthorised("only SECAS or the body's chair may schedule its meetings");
    }
  }
}
