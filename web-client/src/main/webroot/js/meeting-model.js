// One meeting as a page shows it: the live view read over REST (GET /api/meetings/{id}, which is
// what a client rebuilds its screen from), its questions and actions, kept current by re-reading
// after every meeting event of the body's room and after every reconnect. Re-reads are coalesced:
// while one is in flight, later events only mark it stale, so a burst of events costs two reads,
// and the last read always starts after the last event arrived (the view converges).
//
// Also the meeting rules a page needs to decide what to offer (the server decides what is allowed:
// anything offered wrongly is refused with a typed error, which the page shows).

import { Emitter } from './emitter.js';
import { isRoomEvent } from './protocol/client.js';

export const MEETING_EVENT_TYPES = new Set(['meeting_state_changed', 'agenda_moved', 'attendance_changed', 'quoracy_changed',
  'speaking_queue_changed', 'floor_changed', 'chair_ruling', 'meeting_vote_opened', 'meeting_ballot_count',
  'meeting_vote_closed', 'meeting_decision_recorded', 'action_recorded', 'action_updated', 'question_submitted',
  'question_upvoted', 'question_taken', 'minutes_published']);

const QUESTION_EVENTS = new Set(['question_submitted', 'question_upvoted', 'question_taken']);
const ACTION_EVENTS = new Set(['action_recorded', 'action_updated']);

export class MeetingModel extends Emitter {
  #stale = new Set();
  #running = null;
  #off;

  constructor(session, meetingId) {
    super();
    this.session = session;
    this.id = meetingId;
    this.view = null;
    this.questions = [];
    this.actions = [];
    this.loadError = null;
    /** vote id -> the choice this page cast (the server never tells anyone how anyone voted before the close) */
    this.myBallots = new Map();
    this.#off = [
      session.client.on('event', (e) => this.#onEvent(e)),
    ];
  }

  destroy() {
    this.#off.forEach((off) => off());
  }

  get me() {
    return this.session.me;
  }

  #onEvent(e) {
    if (e.type === 'welcome') {
      // Reconnected: whatever happened meanwhile is in the view.
      if (this.view) this.refresh();
      return;
    }
    if (!isRoomEvent(e) || e.meeting_id !== this.id || !MEETING_EVENT_TYPES.has(e.type)) return;
    const parts = ['view'];
    if (QUESTION_EVENTS.has(e.type)) parts.push('questions');
    if (ACTION_EVENTS.has(e.type)) parts.push('actions');
    this.refresh(parts);
    this.emit('event', e);
  }

  /** Re-reads the given parts; resolves once a read that started after this call has finished. */
  refresh(parts = ['view', 'questions', 'actions']) {
    parts.forEach((p) => this.#stale.add(p));
    if (!this.#running) {
      this.#running = this.#drain().finally(() => {
        this.#running = null;
      });
      return this.#running;
    }
    // One more round runs after the read in flight; wait for that round too.
    return this.#running.then(() => (this.#stale.size ? this.refresh([]) : undefined));
  }

  async #drain() {
    while (this.#stale.size) {
      const parts = new Set(this.#stale);
      this.#stale.clear();
      const api = this.session.api;
      const base = `/api/meetings/${this.id}`;
      const reads = [];
      if (parts.has('view')) reads.push(api.get(base).then((v) => { this.view = v; }));
      if (parts.has('questions')) reads.push(api.get(`${base}/questions`).then((q) => { this.questions = q; }));
      if (parts.has('actions')) reads.push(api.get(`${base}/actions`).then((a) => { this.actions = a; }));
      try {
        await Promise.all(reads);
        this.loadError = null;
      } catch (e) {
        this.loadError = e;
      }
      this.emit('change', this);
    }
  }

  /** Sends a meeting command; resolves with its ack (the view is re-read), rejects with the typed error. */
  command(type, fields = {}) {
    return this.session.client.request({ type, meeting: this.id, ...fields }).then((ack) => {
      this.refresh();
      return ack;
    });
  }

  castBallot(vote, choice, reason) {
    const fields = { vote, choice };
    if (reason) fields.reason = reason;
    return this.command('cast_meeting_ballot', fields).then((ack) => {
      this.myBallots.set(vote, choice);
      this.emit('change', this);
      return ack;
    });
  }

  // ---- what the view says about the signed-in user ----

  get mayChair() {
    return mayTakeChair(this.view, this.me);
  }

  get isChair() {
    return isActingChair(this.view, this.me);
  }

  get mayRecord() {
    return this.isChair || Boolean(this.view?.minute_takers?.includes(this.me.id));
  }

  get present() {
    return isPresent(this.view, this.me.id);
  }

  get live() {
    return this.view?.state === 'open' || this.view?.state === 'adjourned';
  }

  get currentItem() {
    return this.view?.agenda?.find((i) => i.id === this.view.current_item_id) || null;
  }

  sanction(userId, kind) {
    return (this.view?.sanctions || []).find((s) => s.user_id === userId && s.kind === kind) || null;
  }
}

/** The body's chair, a co-chair named for the meeting, or a SECAS moderator may take the chair. */
export function mayTakeChair(view, me) {
  if (!view || !me) return false;
  return view.body_chair_id === me.id || (view.co_chairs || []).includes(me.id) || (me.roles || []).includes('moderator');
}

/** Only the acting chair exercises the chair's powers. */
export function isActingChair(view, me) {
  return Boolean(view && me && view.acting_chair && view.acting_chair.id === me.id);
}

export function isPresent(view, userId) {
  return Boolean(view && (view.present || []).some((s) => s.user_id === userId && !s.left_at));
}

/** SECAS (administrators, moderators), the body's chair and the meeting's co-chairs keep its agenda and papers. */
export function mayOrganise(view, me) {
  const roles = me?.roles || [];
  return Boolean(view && me) && (roles.includes('moderator') || roles.includes('administrator')
    || view.body_chair_id === me.id || (view.co_chairs || []).includes(me.id));
}

/** SECAS (administrators, moderators) and a body's chair may schedule its meetings. */
export function mayScheduleFor(body, me) {
  const roles = me?.roles || [];
  return roles.includes('moderator') || roles.includes('administrator') || (body && body.chair_user_id === me?.id);
}

/** Speaking time left, from the floor's ends_at: {seconds, text}; seconds is 0 once time is up. */
export function countdown(endsAt, nowMs = Date.now()) {
  if (!endsAt) return null;
  const seconds = Math.max(0, Math.ceil((Date.parse(endsAt) - nowMs) / 1000));
  if (seconds === 0) return { seconds, text: 'Time is up' };
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return { seconds, text: `${m}:${s} left` };
}

/** "approve, reject , abstain" -> ["approve", "reject", "abstain"] (empty -> the server's defaults). */
export function parseOptions(text) {
  return String(text || '').split(',').map((o) => o.trim()).filter(Boolean);
}

/**
 * Agenda lines as typed into the schedule form: one item a line; a leading Modification id
 * ("MP215 Clarifying ...") links the item to that Modification.
 */
export function parseAgenda(text) {
  return String(text || '').split('\n').map((l) => l.trim()).filter(Boolean).map((title) => {
    const m = /^((?:MP|DP)\d{1,5}[A-Z]?)\b/i.exec(title);
    return m ? { title, modification_id: m[1].toUpperCase() } : { title };
  });
}

const STATE_LABELS = { scheduled: 'Scheduled', open: 'In progress', adjourned: 'Adjourned', closed: 'Closed', cancelled: 'Cancelled' };

export function stateLabel(state) {
  return STATE_LABELS[state] || String(state || '');
}

/** Field names of meeting commands and requests, for error sentences. */
export const MEETING_FIELDS = {
  reason: 'the reason',
  text: 'the text',
  question: 'the question',
  options: 'the options',
  position: 'the position',
  speaking_seconds: 'the speaking time',
  due_working_days: 'the due date (Working Days)',
  owner_user: 'the owner',
  owner_party: 'the owner',
  choice: 'your choice',
  markdown: 'the minutes',
  title: 'the title',
  scheduled_start: 'the start time',
  modification_id: 'the Modification',
  item: 'the agenda item',
  user: 'the participant',
  to: 'the new chair',
};
