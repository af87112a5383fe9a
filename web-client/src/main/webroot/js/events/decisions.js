// Decisions as a room's timeline sees them. Each decision has one stream item, "d:<id>", at the
// seq of its decision_opened event; later decision events update its state in place and never add
// a card of their own (moderators' changes and the close also leave a line, "e:<seq>", where they
// happened). The state lives in timeline.extensions.get('decisions'): id -> decision state.
//
// Two sources feed the state: room events (live, replayed, history pages, in any order) and the
// REST view (GET /api/rooms/{id}/decisions) read when a room is (re)subscribed. Every decision
// event carries the full tally and quoracy, so the newest one wins: an event changes the state only
// if it is newer than every event already applied to that decision AND newer than what the last
// REST read is known to include (`coversSeq`: the room's last seq before that read was sent).

import { onRoomEvent } from './registry.js';

const KEY = 'decisions';

export function decisionsOf(tl) {
  if (!tl.extensions.has(KEY)) tl.extensions.set(KEY, new Map());
  return tl.extensions.get(KEY);
}

export function decisionOf(tl, id) {
  return decisionsOf(tl).get(id) || null;
}

function stateFor(tl, id) {
  const all = decisionsOf(tl);
  if (!all.has(id)) {
    all.set(id, {
      id,
      seq: 0,
      coversSeq: 0,
      status: 'open',
      ballots: new Map(),
      changes: [],
      lines: new Set(),
      sealedCount: null,
    });
  }
  return all.get(id);
}

/** Whether this event is newer than anything the state already reflects. */
function fresh(st, e) {
  return e.seq > st.seq && e.seq > st.coversSeq;
}

/** The latest entry per seat, without withdrawals: what each member's ballot is now. */
export function currentBallots(list) {
  const bySeat = new Map();
  for (const b of list || []) bySeat.set(b.seat_id, b);
  return new Map([...bySeat].filter(([, b]) => b.choice != null));
}

/** Decisions whose decision_opened is older than the loaded history sit at the top, ordered by id (seq < 1). */
function placeholderSeq(id) {
  return id / (id + 1);
}

function showCard(tl, st, seq) {
  const key = `d:${st.id}`;
  const item = tl.items.get(key);
  if (item && item.seq === seq) {
    tl.touchItem(key);
    return;
  }
  if (item) tl.removeItem(key);
  tl.addItem({ key, seq, kind: 'decision', data: { id: st.id } });
}

function touch(tl, st) {
  tl.touchItem(`d:${st.id}`);
  for (const key of st.lines) tl.touchItem(key);
}

/** A line in the stream where a moderator changed or closed the decision. */
function addLine(tl, st, e, live) {
  const key = `e:${e.seq}`;
  st.lines.add(key);
  tl.addItem({ key, seq: e.seq, kind: 'decision_update', data: { id: st.id, event: e } });
  if (live) tl.noteLive(key);
}

onRoomEvent('decision_opened', (tl, e, { live }) => {
  const st = stateFor(tl, e.decision_id);
  Object.assign(st, {
    groupId: e.group_id,
    item: e.item,
    question: e.question,
    kind: e.kind,
    visibility: e.visibility,
    body: e.body,
    modificationId: e.modification_id,
    reasonsRequired: e.reasons_required,
    options: e.options || null,
    electorate: e.electorate,
    rules: e.rules,
    openedBy: e.by,
    openedSeq: e.seq,
  });
  if (fresh(st, e)) {
    Object.assign(st, { motionText: e.motion_text, motionVersion: e.motion_version, closesAt: e.closes_at, quoracy: e.quoracy });
    st.seq = e.seq;
  }
  showCard(tl, st, e.seq);
  if (live) tl.noteLive(`d:${st.id}`);
});

onRoomEvent('ballot_cast', (tl, e) => {
  const st = stateFor(tl, e.decision_id);
  if (fresh(st, e)) {
    st.seq = e.seq;
    st.tally = e.tally;
    st.quoracy = e.quoracy;
    const b = e.ballot;
    if (b.choice == null) st.ballots.delete(b.seat_id);
    else st.ballots.set(b.seat_id, b);
    if (st.myBallot && st.myBallot.seat_id === b.seat_id) st.myBallot = b.choice == null ? null : b;
  }
  touch(tl, st);
});

/** The coalesced live count (ephemeral, no seq): newer than what is shown only if it covers a later ballot event. */
export function applyDecisionTally(tl, e) {
  const st = stateFor(tl, e.decision_id);
  if (e.through_seq < st.seq || e.through_seq <= st.coversSeq) return;
  if (e.tally) st.tally = e.tally;
  st.quoracy = e.quoracy;
  if (e.quoracy && e.quoracy.sealed) st.sealedCount = e.quoracy.ballots_received;
  touch(tl, st);
}

onRoomEvent('ballot_received', (tl, e) => {
  const st = stateFor(tl, e.decision_id);
  if (fresh(st, e)) {
    st.seq = e.seq;
    st.quoracy = e.quoracy;
    st.sealedCount = e.ballots_received;
  }
  touch(tl, st);
});

onRoomEvent('decision_changed', (tl, e, { live }) => {
  const st = stateFor(tl, e.decision_id);
  if (!st.changes.some((c) => c.seq === e.seq)) {
    st.changes.push({ seq: e.seq, change: e.change, reason: e.reason, by: e.by });
    st.changes.sort((a, b) => a.seq - b.seq);
  }
  if (fresh(st, e)) {
    st.seq = e.seq;
    Object.assign(st, { closesAt: e.closes_at, motionText: e.motion_text, motionVersion: e.motion_version, quoracy: e.quoracy });
    if (e.change === 'reopened_inquorate') st.status = 'open';
  }
  addLine(tl, st, e, live);
  touch(tl, st);
});

onRoomEvent('decision_closed', (tl, e, { live }) => {
  const st = stateFor(tl, e.decision_id);
  if (fresh(st, e)) {
    st.seq = e.seq;
    Object.assign(st, {
      status: e.outcome === 'cancelled' ? 'cancelled' : 'closed',
      outcome: e.outcome === 'awaiting_casting_vote' ? null : e.outcome,
      explanation: e.explanation,
      followUp: e.follow_up,
      closeReason: e.reason,
      closedBy: e.by,
      canVote: false,
    });
    if (e.tally) st.tally = e.tally;
    if (e.quoracy) st.quoracy = e.quoracy;
    if (e.ballots?.length || e.outcome !== 'cancelled') {
      st.ballots = currentBallots(e.ballots);
      st.allBallots = e.ballots || [];
    }
  }
  addLine(tl, st, e, live);
  touch(tl, st);
});

/**
 * Folds REST decision views into the timeline. coversSeq: the room's last applied seq when the
 * read was sent — the reply reflects at least every event up to it.
 */
export function mergeDecisionViews(tl, views, coversSeq) {
  for (const v of views) {
    const st = stateFor(tl, v.id);
    Object.assign(st, {
      groupId: v.group_id,
      item: v.item,
      question: v.question,
      kind: v.kind,
      visibility: v.visibility,
      body: v.body,
      modificationId: v.modification_id,
      reasonsRequired: v.reasons_required,
      options: v.options || null,
      electorate: v.electorate,
      rules: v.rules,
      openedAt: v.opened_at,
      closedAt: v.closed_at,
      workingDaysLeft: v.working_days_left,
      canVote: v.can_vote,
      myBallot: v.my_ballot,
      followUp: v.follow_up ?? st.followUp,
      restLoaded: true,
    });
    // Only if no event newer than what this read includes was applied meanwhile.
    if (st.seq <= coversSeq) {
      Object.assign(st, {
        status: v.status,
        outcome: v.outcome,
        explanation: v.explanation,
        motionText: v.motion_text,
        motionVersion: v.motion_version,
        closesAt: v.closes_at,
        quoracy: v.quoracy,
      });
      if (v.tally) st.tally = v.tally;
      st.ballots = currentBallots(v.ballots);
      st.allBallots = v.ballots || [];
    }
    st.coversSeq = Math.max(st.coversSeq, coversSeq);
    if (!tl.items.has(`d:${v.id}`)) showCard(tl, st, placeholderSeq(v.id));
    touch(tl, st);
  }
}

/** Ballots and reasons are public while open unless sealed; everything is public after the close. */
export function ballotsVisible(st) {
  // Sealed ballots are published by the close and count only: a cancelled decision keeps them sealed.
  return st.visibility !== 'sealed' || st.status === 'closed';
}
