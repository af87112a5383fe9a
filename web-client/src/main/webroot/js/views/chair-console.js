// The chair console: what whoever may chair uses to run the meeting — open, adjourn, resume and
// close (with a reason where the rules need one), take or hand over the chair, lock the room, the
// floor (to the next speaker or anyone, with an optional speaking time; take it back), mark people
// present in the room, call a vote, record decisions and actions (chair-forms.js). The buttons
// beside queue entries, agenda items, attendees, questions and votes are in chair-controls.js.
// Every refusal shows the server's typed error where the button is.

import { h } from '../dom.js';
import { errorLine, refill, run } from './meeting-parts.js';
import { ChairControls } from './chair-controls.js';
import { RecordForms, fillSelect } from './chair-forms.js';

const SPEAKING_TIMES = [['', 'No time limit'], ['60', '1 minute'], ['120', '2 minutes'], ['180', '3 minutes'], ['300', '5 minutes'],
  ['600', '10 minutes']];

export class ChairConsole {
  constructor(model) {
    this.model = model;
    this.controls = new ChairControls(model, (user) => this.#giveFloor(user));
    this.forms = new RecordForms(model);
    this.session = model.session;
    this.store = model.session.store;

    this.role = h('p', { class: 'console-role' });
    this.reason = h('input', { type: 'text', id: 'console-reason', maxlength: 2000, autocomplete: 'off' });
    this.stateButtons = h('div', { class: 'form-row console-state-buttons' });
    this.meetingError = errorLine('console-meeting-error');
    this.handTo = h('select', { id: 'console-hand-to' });
    this.handOverError = errorLine('console-handover-error');
    this.handOver = h('details', { class: 'console-block', id: 'console-handover' }, h('summary', {}, 'Hand over the chair'),
      h('div', { class: 'form-row' },
        h('label', { for: 'console-hand-to', class: 'field-label' }, 'To'), this.handTo,
        h('button', { type: 'button', onclick: (e) => run(e.currentTarget, this.handOverError, () => this.#handOver()) }, 'Hand over')),
      this.handOverError);
    this.reasonField = h('div', { class: 'console-reason' },
      h('label', { for: 'console-reason', class: 'field-label' }, 'Reason (recorded with the ruling)'),
      this.reason,
      h('p', { class: 'hint', id: 'console-reason-hint' }, 'Needed to adjourn while quorate, or to close before every agenda item was taken.'));
    this.reason.setAttribute('aria-describedby', 'console-reason-hint');
    this.meetingBlock = h('div', { class: 'console-block', id: 'console-meeting' },
      this.stateButtons, this.reasonField, this.meetingError);

    this.speakingTime = h('select', { id: 'console-speaking-time' },
      SPEAKING_TIMES.map(([value, label]) => h('option', { value }, label)));
    this.floorError = errorLine('console-floor-error');
    this.floorButtons = h('div', { class: 'form-row' });
    this.floorBlock = h('div', { class: 'console-block', id: 'console-floor' },
      h('div', { class: 'form-row' }, h('label', { for: 'console-speaking-time', class: 'field-label' }, 'Speaking time'), this.speakingTime),
      this.floorButtons, this.floorError);

    this.markWho = h('select', { id: 'console-mark-who' });
    this.markError = errorLine('console-mark-error');
    this.markBlock = h('details', { class: 'console-block', id: 'console-mark' },
      h('summary', {}, 'Mark someone present in the room'),
      h('label', { for: 'console-mark-who', class: 'field-label' }, 'Member'), this.markWho,
      h('div', { class: 'form-row' }, h('button', { type: 'button',
        onclick: (e) => run(e.currentTarget, this.markError, () => this.model.command('mark_attendance',
          { user: Number(this.markWho.value), present: true, mode: 'in_room' })) }, 'Mark present in the room')),
      this.markError);


    this.el = h('section', { class: 'chair-console', id: 'chair-console', 'aria-labelledby': 'chair-console-title', hidden: true },
      h('h3', { id: 'chair-console-title' }, 'Chair console'),
      this.role, this.floorBlock, this.meetingBlock, this.forms.voteBlock, this.forms.decisionBlock, this.forms.actionBlock,
      this.markBlock, this.handOver);
  }

  destroy() {
    this.controls.destroy();
  }

  render() {
    const m = this.model;
    const v = m.view;
    const mayRecord = m.mayRecord;
    this.el.hidden = !m.mayChair && !mayRecord;
    if (this.el.hidden) return;
    const chair = m.isChair;
    const open = v.state === 'open';
    const live = m.live;
    this.role.textContent = chair ? 'You are chairing this meeting.'
      : v.acting_chair ? `${v.acting_chair.display_name} is chairing. ${m.mayChair && live ? 'You may take the chair.' : ''}`
        : m.mayChair ? 'You may chair this meeting: opening it makes you its chair.' : 'You may record decisions and actions.';
    this.#renderStateButtons(v, chair);
    this.meetingBlock.hidden = !m.mayChair || v.state === 'cancelled' || (v.state === 'closed');
    this.handOver.hidden = !chair || !live;
    this.reasonField.hidden = !live || (!chair && !m.mayChair);
    if (chair && live) this.#fillHandOver(v);
    this.floorBlock.hidden = !chair || !open;
    refill(this.floorButtons,
      h('button', { type: 'button', class: 'primary', dataset: { focus: 'console-give-next' }, 'aria-label': 'Give the floor to the next speaker',
        onclick: (e) => run(e.currentTarget, this.floorError, () => this.#giveFloor(null)) }, 'Floor to the next speaker'),
      v.floor?.holder ? h('button', { type: 'button', dataset: { focus: 'console-take-back' },
        'aria-label': `Take the floor back from ${v.floor.holder.display_name}`,
        onclick: (e) => run(e.currentTarget, this.floorError, () => this.model.command('take_floor_back')) }, 'Take the floor back') : '');
    this.markBlock.hidden = !chair || !live;
    if (chair && live) this.#fillMarkWho(v);
    this.forms.render({ chair, open, mayRecord, live });
  }

  #renderStateButtons(v, chair) {
    const m = this.model;
    const button = (key, label, cls, fn) => h('button', { type: 'button', class: cls, dataset: { focus: `console-${key}` },
      onclick: (e) => run(e.currentTarget, this.meetingError, async () => {
        await fn(this.reason.value.trim() || undefined);
        this.reason.value = '';
      }) }, label);
    const state = (s) => (reason) => m.command('set_meeting_state', { state: s, ...(reason ? { reason } : {}) });
    const out = [];
    if (v.state === 'scheduled' && m.mayChair) {
      out.push(button('open', 'Open the meeting', 'primary', async (reason) => {
        await state('open')(reason);
        // Whoever opens a meeting chairs it, and attends it.
        if (!m.present) await m.command('join_meeting');
      }));
    } else if (chair && v.state === 'open') {
      out.push(button('adjourn', 'Adjourn', '', state('adjourned')), button('close', 'Close the meeting', 'danger', state('closed')));
    } else if (chair && v.state === 'adjourned') {
      out.push(button('resume', 'Resume the meeting', 'primary', state('open')), button('close', 'Close the meeting', 'danger', state('closed')));
    } else if (!chair && m.mayChair && m.live) {
      out.push(button('take-chair', 'Take the chair', 'primary',
        (reason) => m.command('hand_over_chair', { to: this.session.me.id, ...(reason ? { reason } : {}) })));
    }
    if (chair && m.live) {
      out.push(button('lock', v.room_locked ? 'Unlock the room' : 'Lock to members', '',
        (reason) => m.command('lock_meeting_room', { locked: !v.room_locked, ...(reason ? { reason } : {}) })));
    }
    refill(this.stateButtons, out);
  }

  /** Who may take the chair: the body's chair, the meeting's co-chairs and SECAS moderators. */
  #fillHandOver(v) {
    const me = this.session.me.id;
    const ids = new Set([v.body_chair_id, ...(v.co_chairs || [])].filter((id) => id != null));
    for (const u of this.store.users.values()) if ((u.roles || []).includes('moderator')) ids.add(u.id);
    ids.delete(me);
    fillSelect(this.handTo, [...ids].map((id) => [String(id), this.store.userName(id)]).sort((a, b) => a[1].localeCompare(b[1])));
  }

  #handOver() {
    const to = Number(this.handTo.value);
    if (!to) throw Object.assign(new Error('choose who takes the chair'), { code: 'invalid', field: 'to' });
    const reason = this.reason.value.trim();
    return this.model.command('hand_over_chair', { to, ...(reason ? { reason } : {}) }).then(() => { this.reason.value = ''; });
  }

  #giveFloor(user) {
    const seconds = Number(this.speakingTime.value) || null;
    return this.model.command('give_floor', { ...(user ? { user } : {}), ...(seconds ? { speaking_seconds: seconds } : {}) });
  }

  #fillMarkWho(v) {
    const body = this.store.bodies.get(v.body_id);
    const present = new Set((v.present || []).map((s) => s.user_id));
    const members = (body?.members || []).filter((mm) => !present.has(mm.user_id));
    fillSelect(this.markWho, members.map((mm) => [String(mm.user_id), `${mm.display_name} (${mm.seat})`]));
  }

}

