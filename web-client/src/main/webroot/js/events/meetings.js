// Reducers for the meeting events of a body's room (issue 6). What the room should read in its
// stream becomes an item: the meeting opening, adjourning and closing, agenda moves, the floor,
// the chair's rulings (with reasons), votes called and closed, decisions, actions, questions taken
// and published minutes; quoracy shows when it turns. Joins, leaves, hands and ballot counts are
// live state for the meeting panel, not stream lines. Items: "mt:<seq>" (kind "meeting") and
// "mn:<seq>" (kind "minutes").

import { onRoomEvent } from './registry.js';

/** Per-room meeting facts the stream lines look up: a vote's question, a question's text, quoracy turns. */
export function meetingFacts(tl) {
  if (!tl.extensions.has('meetings')) {
    tl.extensions.set('meetings', { votes: new Map(), questions: new Map(), quoracy: new Map() });
  }
  return tl.extensions.get('meetings');
}

const line = (tl, e) => tl.addItem({ key: `mt:${e.seq}`, seq: e.seq, kind: 'meeting', data: e });
const quiet = () => {};

for (const type of ['agenda_moved', 'floor_changed', 'chair_ruling', 'meeting_decision_recorded',
  'action_recorded', 'action_updated']) {
  onRoomEvent(type, line);
}

for (const type of ['attendance_changed', 'speaking_queue_changed', 'meeting_ballot_count', 'question_upvoted']) {
  onRoomEvent(type, quiet);
}

/** Opening again after an adjournment reads as resuming: the line knows the meeting's earlier openings. */
onRoomEvent('meeting_state_changed', (tl, e) => {
  const facts = meetingFacts(tl);
  if (!facts.openings) facts.openings = new Map();
  if (e.state === 'open') {
    const seqs = facts.openings.get(e.meeting_id) || [];
    facts.openings.set(e.meeting_id, [...seqs, e.seq].sort((a, b) => a - b));
    seqs.filter((s) => s > e.seq).forEach((s) => tl.touchItem(`mt:${s}`));
  }
  line(tl, e);
});

onRoomEvent('meeting_vote_opened', (tl, e) => {
  meetingFacts(tl).votes.set(e.vote_id, e.question);
  line(tl, e);
  // A close that arrived first (an older history page) now knows its question.
  tl.touchItem(`mt:${meetingFacts(tl).closeSeq?.get(e.vote_id)}`);
});

onRoomEvent('meeting_vote_closed', (tl, e) => {
  const facts = meetingFacts(tl);
  if (!facts.closeSeq) facts.closeSeq = new Map();
  facts.closeSeq.set(e.vote_id, e.seq);
  line(tl, e);
});

onRoomEvent('question_submitted', (tl, e) => {
  const facts = meetingFacts(tl);
  facts.questions.set(e.question_id, { text: e.text, anonymous: e.anonymous, asker: e.asker });
  if (facts.takenSeq?.has(e.question_id)) tl.touchItem(`mt:${facts.takenSeq.get(e.question_id)}`);
});

onRoomEvent('question_taken', (tl, e) => {
  const facts = meetingFacts(tl);
  if (!facts.takenSeq) facts.takenSeq = new Map();
  facts.takenSeq.set(e.question_id, e.seq);
  line(tl, e);
});

/**
 * Quoracy shows only where it turns (quorate after inquorate, or the reverse) among the events
 * loaded, so older pages arriving later re-decide which of them are turns.
 */
onRoomEvent('quoracy_changed', (tl, e) => {
  const byMeeting = meetingFacts(tl).quoracy;
  if (!byMeeting.has(e.meeting_id)) byMeeting.set(e.meeting_id, []);
  const list = byMeeting.get(e.meeting_id);
  list.push(e);
  list.sort((a, b) => a.seq - b.seq);
  list.forEach((q, n) => {
    const turned = n === 0 ? q.quorate : q.quorate !== list[n - 1].quorate;
    const key = `mt:${q.seq}`;
    if (turned && !tl.items.has(key)) line(tl, q);
    else if (!turned && tl.items.has(key)) tl.removeItem(key);
  });
});

onRoomEvent('minutes_published', (tl, e, { live }) => {
  tl.addItem({ key: `mn:${e.seq}`, seq: e.seq, kind: 'minutes', data: e });
  if (live) tl.noteLive(`mn:${e.seq}`);
});
