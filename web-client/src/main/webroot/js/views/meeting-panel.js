// A meeting beside its body's room (#/rooms/<room>/meeting/<id>): what every participant sees and
// does — state, quoracy gauge, who holds the floor (with the speaking time counting down), join and
// leave, raise and lower a hand (or a point of order), the agenda with the current item, a ballot
// while a meeting vote is open, questions from the floor, attendance, actions, papers, minutes —
// and, for whoever may chair, the chair console and the chair's buttons beside each entry.

import { h, timeEl } from '../dom.js';
import { MeetingModel, countdown, mayOrganise, stateLabel } from '../meeting-model.js';
import { ChairConsole } from './chair-console.js';
import { VotesView } from './meeting-votes.js';
import { RecordView } from './meeting-record.js';
import { QuoracyGauge, actionButton, describeMeetingError, errorLine, refill, section, setText, when } from './meeting-parts.js';
import { paperEntry } from './meeting-papers.js';

const CAPACITY = { member: 'member', alternate: 'alternate', proxy: 'proxy', chair: 'chair', guest: 'guest' };

export class MeetingPanel {
  constructor(session, roomId, meetingId, { close }) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.meetingId = meetingId;
    this.model = new MeetingModel(session, meetingId);

    this.title = h('h2', { id: 'meeting-title', tabindex: -1 }, 'Meeting');
    this.closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close meeting panel', onclick: close }, '×');
    this.status = h('div', { class: 'meeting-status' });
    this.loadError = errorLine('meeting-load-error');
    this.gauge = new QuoracyGauge('meeting-quoracy');
    this.floorText = h('p', { class: 'floor-holder', role: 'status', 'aria-live': 'polite' });
    this.timer = h('p', { class: 'floor-timer', role: 'timer', 'aria-label': 'Speaking time left' });
    this.floor = h('div', { class: 'meeting-floor', id: 'meeting-floor' }, this.floorText, this.timer);
    this.meBox = h('div', { class: 'meeting-me-controls', id: 'meeting-me-box' });
    this.meError = errorLine('meeting-me-error');
    this.console = new ChairConsole(this.model);
    this.votes = new VotesView(this.model, this.console.controls);
    this.record = new RecordView(this.model, this.console.controls);
    this.agenda = h('ol', { class: 'meeting-agenda' });
    this.agendaError = errorLine('meeting-agenda-error');
    this.agendaEdit = h('a', { class: 'agenda-edit-link', id: 'meeting-agenda-edit', href: `#/meetings/${meetingId}/agenda`, hidden: true },
      'Edit the agenda and papers');
    this.queue = h('ol', { class: 'meeting-queue' });
    this.queueError = errorLine('meeting-queue-error');
    this.attendance = h('ul', { class: 'meeting-attendance' });
    this.attendanceError = errorLine('meeting-attendance-error');

    this.sections = {
      agenda: section('meeting-agenda-section', 'Agenda', this.agenda, this.agendaEdit, this.agendaError),
      queue: section('meeting-queue-section', 'Speaking queue', this.queue, this.queueError),
      attendance: section('meeting-attendance-section', 'Attendance', this.attendance, this.attendanceError),
    };
    const record = this.record.sections;
    this.scroller = h('div', { class: 'meeting-scroll', tabindex: 0, 'aria-label': 'Meeting' },
      this.status, this.loadError, this.gauge.el, this.floor,
      // What needs attention now comes first: one's own hand, the queue, the chair's console, an open vote.
      h('div', { class: 'meeting-me' }, this.meBox, this.meError),
      this.sections.queue, this.console.el, this.votes.sections.votes,
      this.sections.agenda, record.questions, this.sections.attendance, this.votes.sections.results,
      record.actions, record.papers, record.minutes);
    this.el = h('section', { class: 'meeting-panel', 'aria-labelledby': 'meeting-title' },
      h('header', { class: 'panel-header' }, this.title, this.closeButton),
      this.scroller);
    this.el.addEventListener('keydown', (e) => {
      // Escape in a field or a form belongs to it (a reason half typed is not thrown away).
      if (e.key === 'Escape' && !e.defaultPrevented && !e.target.closest('form, details, input, textarea, select')) close();
    });

    this.off = [this.model.on('change', () => this.render())];
    this.tick = setInterval(() => this.#renderTimer(), 1000);
    this.render();
    this.model.refresh();
  }

  destroy() {
    clearInterval(this.tick);
    this.off.forEach((off) => off());
    this.model.destroy();
    this.console.destroy();
  }

  focus() {
    this.title.focus();
  }

  get me() {
    return this.session.me;
  }

  render() {
    const m = this.model;
    const v = m.view;
    setText(this.loadError, m.loadError ? `The meeting could not be loaded. ${describeMeetingError(m.loadError)}` : '');
    if (!v) {
      refill(this.status, h('p', { class: 'muted' }, m.loadError ? '' : 'Loading the meeting…'));
      this.el.classList.add('is-loading');
      return;
    }
    if (v.room_id !== this.roomId) {
      // Linked from another room (a Modification's minutes): the meeting lives in its body's room.
      location.replace(`#/rooms/${v.room_id}/meeting/${v.id}`);
      return;
    }
    this.el.classList.remove('is-loading');
    setText(this.title, v.title);
    this.el.dataset.state = v.state;
    this.#renderStatus(v);
    this.gauge.render(v.state === 'cancelled' ? null : v.quoracy);
    this.#renderFloor(v);
    this.#renderMe(v);
    this.console.render();
    this.votes.render(v);
    this.#renderAgenda(v);
    this.#renderQueue(v);
    this.#renderAttendance(v);
    this.record.render(v);
  }

  #renderStatus(v) {
    refill(this.status,
      h('p', { class: 'meeting-state-line' },
        h('span', { class: `badge meeting-state meeting-state-${v.state}` }, stateLabel(v.state)), ' ',
        h('span', {}, v.body_name), ' · ', h('span', { title: new Date(v.scheduled_start).toString() }, when(v.scheduled_start)),
        v.room_locked ? [' ', h('span', { class: 'badge badge-amber' }, 'Locked to members')] : ''),
      h('p', { class: 'meeting-chair-line muted' }, v.acting_chair ? `Chaired by ${v.acting_chair.display_name}` : 'No one has taken the chair yet.'));
  }

  #renderFloor(v) {
    const holder = v.floor?.holder;
    this.floor.hidden = v.state !== 'open' && !holder;
    this.floor.classList.toggle('is-me', holder?.id === this.me.id);
    setText(this.floorText, !holder ? 'Nobody has the floor.'
      : holder.id === this.me.id ? 'You have the floor.' : `${holder.display_name} has the floor.`);
    this.#renderTimer();
  }

  #renderTimer() {
    const left = countdown(this.model.view?.floor?.ends_at);
    this.timer.hidden = !left;
    if (left) {
      setText(this.timer, left.text);
      this.timer.classList.toggle('is-over', left.seconds === 0);
      this.timer.classList.toggle('is-ending', left.seconds > 0 && left.seconds <= 15);
    }
  }

  #renderMe(v) {
    const m = this.model;
    const removed = m.sanction(this.me.id, 'removed');
    const muted = m.sanction(this.me.id, 'muted');
    const out = [];
    if (removed) {
      out.push(h('p', { class: 'meeting-sanction' }, `The chair removed you from this meeting: ${removed.reason}`));
    } else if (muted) {
      out.push(h('p', { class: 'meeting-sanction' }, `The chair muted your posting in this room: ${muted.reason}`));
    }
    const live = ['scheduled', 'open', 'adjourned'].includes(v.state);
    if (!live) {
      out.push(h('p', { class: 'muted' }, v.state === 'closed' ? 'This meeting is closed.' : `This meeting is ${stateLabel(v.state).toLowerCase()}.`));
    } else if (!m.present) {
      if (!removed) {
        out.push(actionButton('presence', 'Join the meeting', 'primary', () => m.command('join_meeting'), this.meError));
        for (const d of (v.delegates || []).filter((x) => x.delegate_id === this.me.id)) {
          out.push(actionButton(`join-for-${d.principal_id}`, `Join as ${d.kind} for ${d.principal_name}`, '',
            () => m.command('join_meeting', { on_behalf_of: d.principal_id }), this.meError));
        }
      }
    } else {
      const queue = v.queue || [];
      const at = queue.findIndex((e) => e.user.id === this.me.id);
      // The acting chair speaks without queueing; everyone else raises a hand.
      if (v.state === 'open' && !m.isChair) {
        if (at < 0) {
          out.push(actionButton('hand', 'Raise hand', 'primary', () => m.command('raise_hand'), this.meError),
            actionButton('point-of-order', 'Point of order', '', () => m.command('raise_hand', { point_of_order: true }), this.meError));
        } else {
          out.push(actionButton('hand', 'Lower hand', '', () => m.command('lower_hand'), this.meError),
            h('span', { class: 'meeting-my-place' }, `Your hand is raised: ${ordinal(at + 1)} in the queue${queue[at].point_of_order ? ' (point of order)' : ''}.`));
        }
      }
      out.push(actionButton('presence', 'Leave the meeting', '', () => m.command('leave_meeting'), this.meError));
    }
    refill(this.meBox, out);
  }

  #renderAgenda(v) {
    const chair = this.model.isChair && v.state === 'open';
    this.agendaEdit.hidden = !mayOrganise(v, this.me) || ['closed', 'cancelled'].includes(v.state);
    refill(this.agenda, (v.agenda || []).map((item) => {
      const current = item.id === v.current_item_id;
      return h('li', { class: `agenda-item${current ? ' is-current' : ''}${item.ended_at ? ' is-taken' : ''}`,
        'aria-current': current ? 'step' : null, dataset: { item: String(item.id) } },
      h('span', { class: 'agenda-title' }, `${item.position}. ${item.title}`),
      current ? h('span', { class: 'badge badge-stage' }, 'Now') : item.ended_at ? h('span', { class: 'muted' }, ' (taken)') : '',
      item.modification_room ? [' ', h('a', { href: `#/rooms/${item.modification_room}`, class: 'agenda-link' }, `${item.modification_id} room`)] : '',
      this.#itemPapers(v, item),
      chair && !current ? this.console.controls.agendaControls(item, this.agendaError) : '');
    }));
    if (!v.agenda?.length) refill(this.agenda, h('li', { class: 'muted' }, 'No agenda items.'));
  }

  /** The papers for an agenda item, listed under it. */
  #itemPapers(v, item) {
    const papers = (v.papers || []).filter((p) => p.agenda_item_id === item.id);
    return papers.length ? h('ul', { class: 'agenda-papers', 'aria-label': `Papers for item ${item.position}` },
      papers.map((p) => paperEntry(this.model.session, v.id, p, this.agendaError, { compact: true }))) : '';
  }

  #renderQueue(v) {
    const queue = v.queue || [];
    this.sections.queue.hidden = v.state !== 'open' && queue.length === 0;
    const chair = this.model.isChair && v.state === 'open';
    refill(this.queue, queue.length ? queue.map((e, n) => h('li', { class: `queue-entry${e.user.id === this.me.id ? ' is-me' : ''}`,
      dataset: { user: String(e.user.id) } },
    h('span', { class: 'queue-name' }, e.user.display_name, e.user.id === this.me.id ? ' (you)' : ''),
    e.point_of_order ? [' ', h('span', { class: 'badge badge-amber' }, 'Point of order')] : '', ' ',
    h('span', { class: 'muted' }, 'raised '), timeEl(e.raised_at),
    chair ? this.console.controls.queueControls(e, n, queue.length, this.queueError) : ''))
      : h('li', { class: 'muted' }, 'No hands raised.'));
  }

  #renderAttendance(v) {
    const present = v.present || [];
    const chair = this.model.isChair && (v.state === 'open' || v.state === 'adjourned');
    const removed = (v.sanctions || []).filter((s) => s.kind === 'removed');
    refill(this.attendance,
      present.length ? present.map((s) => {
        const muted = this.model.sanction(s.user_id, 'muted');
        return h('li', { class: `attendee${s.user_id === this.me.id ? ' is-me' : ''}`, dataset: { user: String(s.user_id) } },
          h('span', { class: 'attendee-name' }, s.name, s.user_id === this.me.id ? ' (you)' : ''),
          h('span', { class: 'attendee-meta muted' }, ` ${capacity(s)}${s.mode === 'in_room' ? ' · in the room' : ' · remote'}`),
          muted ? [' ', h('span', { class: 'badge badge-red', title: muted.reason }, 'Muted')] : '',
          chair && s.user_id !== this.me.id ? this.console.controls.attendeeControls(s, this.attendanceError) : '');
      }) : h('li', { class: 'muted' }, 'Nobody has joined yet.'),
      removed.map((s) => h('li', { class: 'attendee is-removed' }, h('span', { class: 'attendee-name' }, s.name),
        h('span', { class: 'muted' }, ` removed by the chair: ${s.reason}`))));
  }

}

function capacity(s) {
  const kind = CAPACITY[s.capacity] || s.capacity;
  const seat = s.seat ? ` · ${s.seat}` : '';
  const behalf = s.seat_holder_id && s.seat_holder_id !== s.user_id ? ` for ${s.seat_holder_name}` : '';
  return `${kind}${behalf}${seat}${s.party_name ? ` · ${s.party_name}` : ''}`;
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

