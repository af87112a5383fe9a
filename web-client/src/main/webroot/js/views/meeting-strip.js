// A body's room shows its meeting under the room header: the one in progress, else the next one
// scheduled, else the last one — with a link that opens the meeting beside the room — and, for SECAS
// and the body's chair, a form to schedule a meeting. Importing this module also plugs the meeting
// events and stream items into the room (the registry's reducers and renderers).

import { h } from '../dom.js';
import '../events/meetings.js';
import '../render/meeting-items.js';
import { mayScheduleFor, parseAgenda, stateLabel } from '../meeting-model.js';
import { errorLine, openDialog, run, when } from './meeting-parts.js';

const LIST_CHANGES = new Set(['meeting_state_changed', 'minutes_published']);

export class MeetingStrip {
  constructor(session, roomId) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.meetings = null;
    this.bodyId = null;
    this.el = h('div', { class: 'meeting-strip', hidden: true });
    this.off = [
      this.store.on('rooms', () => this.#maybeLoad()),
      session.client.on('event', (e) => {
        if (e.type === 'welcome' && this.bodyId) this.refresh();
        else if (e.room === roomId && (LIST_CHANGES.has(e.type) || (e.type === 'system_notice' && /^meeting_/.test(e.kind || '')))) this.refresh();
      }),
    ];
    this.#maybeLoad();
  }

  destroy() {
    this.off.forEach((off) => off());
  }

  #maybeLoad() {
    const room = this.store.rooms.get(this.roomId);
    if (!room?.body_id) return;
    if (this.bodyId !== room.body_id) {
      this.bodyId = room.body_id;
      this.refresh();
    } else {
      this.render();
    }
  }

  async refresh() {
    try {
      this.meetings = await this.session.api.get(`/api/meetings?body=${this.bodyId}`);
    } catch (e) {
      this.meetings = [];
    }
    this.render();
  }

  /** In progress, else the soonest scheduled, else the latest held. */
  #featured() {
    const list = (this.meetings || []).filter((m) => m.state !== 'cancelled');
    return list.find((m) => m.state === 'open' || m.state === 'adjourned')
      || [...list].filter((m) => m.state === 'scheduled').sort((a, b) => Date.parse(a.scheduled_start) - Date.parse(b.scheduled_start))[0]
      || list[0] || null;
  }

  render() {
    const body = this.store.bodies.get(this.bodyId);
    const canSchedule = mayScheduleFor(body, this.session.me);
    // The room list changes often (read markers); redraw only when what the strip shows changed, so focus stays put.
    const shape = JSON.stringify([this.meetings, canSchedule, body?.name]);
    if (shape === this.shape) return;
    this.shape = shape;
    const featured = this.#featured();
    this.el.hidden = this.meetings === null || (!featured && !canSchedule);
    if (this.el.hidden) return;
    const others = (this.meetings || []).filter((m) => m !== featured);
    const link = (m, text) => h('a', { href: `#/rooms/${this.roomId}/meeting/${m.id}`, class: 'meeting-link', dataset: { meeting: String(m.id) } }, text);
    this.el.replaceChildren(
      featured ? h('p', { class: 'meeting-strip-main' },
        h('span', { class: `badge meeting-state meeting-state-${featured.state}` }, stateLabel(featured.state)), ' ',
        h('strong', {}, featured.title), ' ', h('span', { class: 'muted' }, when(featured.scheduled_start)), ' ',
        link(featured, featured.state === 'closed' ? 'Show the record and minutes' : 'Show the meeting'))
        : h('p', { class: 'muted meeting-strip-main' }, 'No meetings of this body yet.'),
      others.length ? h('details', { class: 'meeting-strip-more' }, h('summary', {}, `Other meetings (${others.length})`),
        h('ul', {}, others.map((m) => h('li', {}, link(m, m.title), ' ', h('span', { class: 'muted' }, `${stateLabel(m.state)}, ${when(m.scheduled_start)}`))))) : '',
      canSchedule ? h('button', { type: 'button', class: 'small', onclick: () => this.#schedule(body) }, 'Schedule a meeting…') : '');
  }

  #schedule(body) {
    const next = new Date(Date.now() + 7 * 86400000);
    next.setHours(10, 0, 0, 0);
    const local = new Date(next.getTime() - next.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    const title = h('input', { type: 'text', id: 'schedule-title', maxlength: 300, required: true,
      value: `${body?.name || 'Meeting'}, ${next.toLocaleDateString('en-GB', { month: 'long', year: 'numeric' })}` });
    const start = h('input', { type: 'datetime-local', id: 'schedule-start', required: true, value: local });
    const agenda = h('textarea', { id: 'schedule-agenda', rows: 5, placeholder: 'MP215 Clarifying the Party Category of Affiliates\nAny other business' });
    const error = errorLine('schedule-error');
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Schedule');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'schedule-title-heading' },
      h('form', { novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        const startsAt = start.value ? new Date(start.value) : null;
        run(submit, error, async () => {
          const created = await this.session.api.post('/api/meetings', { body_id: this.bodyId, title: title.value.trim(),
            scheduled_start: startsAt && !Number.isNaN(startsAt.getTime()) ? startsAt.toISOString() : null, agenda: parseAgenda(agenda.value) });
          dialog.close();
          await this.refresh();
          location.hash = `#/rooms/${this.roomId}/meeting/${created.id}`;
        });
      } },
      h('h2', { id: 'schedule-title-heading' }, `Schedule a meeting of the ${body?.name || 'body'}`),
      h('label', { for: 'schedule-title' }, 'Title'), title,
      h('label', { for: 'schedule-start' }, 'Starts (your local time)'), start,
      h('label', { for: 'schedule-agenda' }, 'Agenda: one item a line; start a line with MP123 or DP123 to link that Modification'), agenda,
      error,
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit)));
    openDialog(dialog);
  }
}
