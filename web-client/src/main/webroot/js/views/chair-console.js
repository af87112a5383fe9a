// The chair console: what whoever may chair uses to run the meeting — open, adjourn, resume and
// close (with a reason where the rules need one), take or hand over the chair, lock the room, the
// floor (to the next speaker or anyone, with an optional speaking time; take it back), mark people
// present in the room, call a vote, record decisions and actions, and the minutes. The chair's
// buttons beside queue entries, agenda items, attendees, questions and votes come from here too.
// Every refusal shows the server's typed error where the button is.

import { h } from '../dom.js';
import { parseOptions } from '../meeting-model.js';
import { askReason, errorLine, refill, run } from './meeting-parts.js';
import { MinutesEditor } from './minutes-editor.js';

const SPEAKING_TIMES = [['', 'No time limit'], ['60', '1 minute'], ['120', '2 minutes'], ['180', '3 minutes'], ['300', '5 minutes'],
  ['600', '10 minutes']];

export class ChairConsole {
  constructor(model, { panel }) {
    this.model = model;
    this.panel = panel;
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

    this.voteBlock = this.#voteForm();
    this.decisionBlock = this.#decisionForm();
    this.actionBlock = this.#actionForm();

    this.el = h('section', { class: 'chair-console', id: 'chair-console', 'aria-labelledby': 'chair-console-title', hidden: true },
      h('h3', { id: 'chair-console-title' }, 'Chair console'),
      this.role, this.floorBlock, this.meetingBlock, this.voteBlock, this.decisionBlock, this.actionBlock, this.markBlock, this.handOver);
  }

  destroy() {
    this.editor?.close();
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
    this.voteBlock.hidden = !chair || !open;
    if (chair && open) this.#fillItems(v);
    this.decisionBlock.hidden = !mayRecord || !live;
    this.actionBlock.hidden = !mayRecord || !live;
    if (mayRecord && live) {
      this.#fillVotes(v);
      this.#fillOwners(v);
    }
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

  #fillItems(v) {
    fillSelect(this.voteItem, (v.agenda || []).map((i) => [String(i.id), `${i.position}. ${i.title}`]),
      v.current_item_id ? String(v.current_item_id) : null);
  }

  #fillVotes(v) {
    fillSelect(this.decisionVote, [['', 'No vote'], ...(v.votes || []).filter((x) => x.closed_at)
      .map((x) => [String(x.vote_id), `${x.question} (${x.outcome})`])]);
  }

  #fillOwners(v) {
    if (this.ownersFilled) return;
    const body = this.store.bodies.get(v.body_id);
    const members = new Set((body?.members || []).map((mm) => mm.user_id));
    const users = [...this.store.users.values()].sort((a, b) => (members.has(b.id) - members.has(a.id)) || a.display_name.localeCompare(b.display_name));
    const parties = [...this.store.parties.values()].sort((a, b) => a.name.localeCompare(b.name));
    this.actionOwner.replaceChildren(
      h('option', { value: '' }, 'Choose the owner'),
      h('optgroup', { label: 'People' }, users.map((u) => h('option', { value: `u:${u.id}` }, u.display_name))),
      h('optgroup', { label: 'Parties' }, parties.map((p) => h('option', { value: `p:${p.id}` }, p.name))));
    this.ownersFilled = users.length > 0;
  }

  #voteForm() {
    this.voteItem = h('select', { id: 'vote-item' });
    const question = h('input', { type: 'text', id: 'vote-question', maxlength: 1000, autocomplete: 'off' });
    const options = h('input', { type: 'text', id: 'vote-options', maxlength: 1000, placeholder: 'approve, reject, abstain', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Call the vote');
    const error = errorLine('vote-call-error');
    return h('details', { class: 'console-block', id: 'console-vote' },
      h('summary', {}, 'Call a vote'),
      h('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const opts = parseOptions(options.value);
        const ok = await run(submit, error, () => this.model.command('call_meeting_vote', { item: Number(this.voteItem.value),
          question: question.value.trim(), ...(opts.length ? { options: opts } : {}) }));
        if (ok) {
          question.value = '';
          options.value = '';
        }
      } },
      h('label', { for: 'vote-item', class: 'field-label' }, 'On agenda item'), this.voteItem,
      h('label', { for: 'vote-question', class: 'field-label' }, 'Question'), question,
      h('label', { for: 'vote-options', class: 'field-label' }, 'Options, separated by commas (default: approve, reject, abstain)'), options,
      h('div', { class: 'form-row' }, submit), error));
  }

  #decisionForm() {
    const text = h('textarea', { id: 'decision-text', rows: 2, maxlength: 4000 });
    const reason = h('input', { type: 'text', id: 'decision-reason', maxlength: 2000, autocomplete: 'off' });
    this.decisionVote = h('select', { id: 'decision-vote' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Record the decision');
    const error = errorLine('decision-error');
    return h('details', { class: 'console-block', id: 'console-decision' },
      h('summary', {}, 'Record a decision on the current item'),
      h('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const vote = Number(this.decisionVote.value) || null;
        const ok = await run(submit, error, () => this.model.command('record_decision', { text: text.value.trim(),
          ...(reason.value.trim() ? { reason: reason.value.trim() } : {}), ...(vote ? { vote } : {}) }));
        if (ok) {
          text.value = '';
          reason.value = '';
        }
      } },
      h('label', { for: 'decision-text', class: 'field-label' }, 'Decision'), text,
      h('label', { for: 'decision-reason', class: 'field-label' }, 'Reason (optional)'), reason,
      h('label', { for: 'decision-vote', class: 'field-label' }, 'Resting on the vote'), this.decisionVote,
      h('div', { class: 'form-row' }, submit), error));
  }

  #actionForm() {
    const text = h('textarea', { id: 'action-text', rows: 2, maxlength: 4000 });
    this.actionOwner = h('select', { id: 'action-owner' });
    const due = h('input', { type: 'number', id: 'action-due', min: 0, max: 260, value: '5', inputmode: 'numeric' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Record the action');
    const error = errorLine('action-error');
    return h('details', { class: 'console-block', id: 'console-action' },
      h('summary', {}, 'Record an action on the current item'),
      h('form', { novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const [kind, id] = this.actionOwner.value.split(':');
        const owner = kind === 'u' ? { owner_user: Number(id) } : kind === 'p' ? { owner_party: Number(id) } : {};
        const ok = await run(submit, error, () => this.model.command('record_action', { text: text.value.trim(), ...owner,
          due_working_days: due.value === '' ? null : Number(due.value) }));
        if (ok) text.value = '';
      } },
      h('label', { for: 'action-text', class: 'field-label' }, 'Action'), text,
      h('label', { for: 'action-owner', class: 'field-label' }, 'Owner (a person or a Party)'), this.actionOwner,
      h('label', { for: 'action-due', class: 'field-label' }, 'Due in Working Days (England and Wales)'), due,
      h('div', { class: 'form-row' }, submit), error));
  }

  // ---- the chair's buttons beside entries of the panel ----

  queueControls(entry, index, length, errorEl) {
    const name = entry.user.display_name;
    return h('span', { class: 'chair-controls' },
      h('button', { type: 'button', class: 'small primary', dataset: { focus: `give-${entry.user.id}` }, 'aria-label': `Give the floor to ${name}`,
        onclick: (e) => run(e.currentTarget, errorEl, () => this.#giveFloor(entry.user.id)) }, 'Give floor'),
      length > 1 ? h('button', { type: 'button', class: 'small', dataset: { focus: `move-${entry.user.id}` }, 'aria-label': `Move ${name} in the queue`,
        onclick: (e) => this.#reorder(e.currentTarget, entry, index, length, errorEl) }, 'Move…') : '');
  }

  async #reorder(button, entry, index, length, errorEl) {
    const position = h('input', { type: 'number', id: 'reorder-position', min: 1, max: length, value: String(index === 0 ? 2 : 1) });
    const reason = await askReason({ title: `Move ${entry.user.display_name} in the speaking queue`, confirm: 'Move',
      text: 'Changing the speaking order is a ruling of the chair: it is recorded and shown to the room with your reason.',
      extra: [h('label', { for: 'reorder-position' }, `New position (1 = next, up to ${length})`), position] });
    if (reason === null) return;
    run(button, errorEl, () => this.model.command('reorder_queue', { user: entry.user.id, position: Number(position.value), reason }));
  }

  agendaControls(item, errorEl) {
    return h('button', { type: 'button', class: 'small', dataset: { focus: `agenda-${item.id}` }, 'aria-label': `Move the meeting to item ${item.position}: ${item.title}`,
      onclick: (e) => run(e.currentTarget, errorEl, () => this.model.command('move_agenda', { item: item.id })) }, 'Move here');
  }

  attendeeControls(s, errorEl) {
    const muted = this.model.sanction(s.user_id, 'muted');
    const name = s.name;
    return h('span', { class: 'chair-controls' },
      this.model.view.state === 'open' ? h('button', { type: 'button', class: 'small', dataset: { focus: `floor-${s.user_id}` }, 'aria-label': `Give the floor to ${name}`,
        onclick: (e) => run(e.currentTarget, errorEl, () => this.#giveFloor(s.user_id)) }, 'Give floor') : '',
      h('button', { type: 'button', class: 'small', dataset: { focus: `mute-${s.user_id}` }, 'aria-label': `${muted ? 'Unmute' : 'Mute'} ${name}`,
        onclick: async (e) => {
          const button = e.currentTarget;
          const reason = await askReason({ title: muted ? `Let ${name} post again` : `Mute ${name}`, confirm: muted ? 'Unmute' : 'Mute',
            required: !muted, text: muted ? '' : `${name} will not be able to post in this room for the rest of the meeting, unless you unmute them.` });
          if (reason === null) return;
          run(button, errorEl, () => this.model.command('mute_participant', { user: s.user_id, muted: !muted, ...(reason ? { reason } : {}) }));
        } }, muted ? 'Unmute' : 'Mute'),
      h('button', { type: 'button', class: 'small danger-outline', dataset: { focus: `remove-${s.user_id}` }, 'aria-label': `Remove ${name} from the meeting`,
        onclick: async (e) => {
          const button = e.currentTarget;
          const reason = await askReason({ title: `Remove ${name} from the meeting`, confirm: 'Remove', danger: true,
            text: `${name} leaves the meeting and cannot rejoin it or post in its room until it ends.` });
          if (reason) run(button, errorEl, () => this.model.command('remove_participant', { user: s.user_id, reason }));
        } }, 'Remove'));
  }

  questionControls(q, errorEl) {
    return h('button', { type: 'button', class: 'small', dataset: { focus: `take-${q.id}` }, 'aria-label': `Take the question: ${q.text}`,
      onclick: (e) => run(e.currentTarget, errorEl, () => this.model.command('take_question', { question: q.id })) }, 'Take');
  }

  takeNextQuestion(errorEl) {
    return h('button', { type: 'button', class: 'small primary', dataset: { focus: 'take-next' },
      onclick: (e) => run(e.currentTarget, errorEl, () => this.model.command('take_question')) }, 'Take the next question (most up-voted)');
  }

  voteControls(vote, errorEl) {
    return [h('div', { class: 'form-row' }, h('button', { type: 'button', class: 'danger', dataset: { focus: `close-vote-${vote.vote_id}` },
      onclick: (e) => run(e.currentTarget, errorEl, () => this.model.command('close_meeting_vote', { vote: vote.vote_id })) }, 'Close the vote and count'))];
  }

  minutesButton(errorEl) {
    return h('button', { type: 'button', class: 'primary', id: 'minutes-edit', dataset: { focus: 'minutes-edit' },
      onclick: () => {
        errorEl.textContent = '';
        this.editor = new MinutesEditor(this.model, { onClosed: () => { this.editor = null; } });
      } }, this.model.view.state === 'closed' ? 'Edit and publish the minutes…' : 'Preview the minutes so far…');
  }
}

/** Replaces a select's options, keeping the chosen value when it is still there. */
function fillSelect(select, options, preferred = null) {
  const keep = select.value;
  const shape = JSON.stringify([options, preferred]);
  if (select.dataset.shape === shape) return;
  select.dataset.shape = shape;
  select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
  const values = options.map(([value]) => value);
  // A new preferred value (the meeting moved on to another item) wins over an earlier choice.
  if (preferred && values.includes(preferred)) select.value = preferred;
  else if (values.includes(keep)) select.value = keep;
}
