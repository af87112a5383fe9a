// The chair console's forms: call a vote on an agenda item, and record a decision (resting on a
// closed vote, if any) or an action (owned by a person or a Party, due in Working Days) on the
// current item. The forms are built once and kept, so what is typed survives live updates.

import { h } from '../dom.js';
import { parseOptions } from '../meeting-model.js';
import { errorLine, run } from './meeting-parts.js';

export class RecordForms {
  constructor(model) {
    this.model = model;
    this.store = model.session.store;
    this.voteBlock = this.#voteForm();
    this.decisionBlock = this.#decisionForm();
    this.actionBlock = this.#actionForm();
  }

  render({ chair, open, mayRecord, live }) {
    const v = this.model.view;
    this.voteBlock.hidden = !chair || !open;
    if (chair && open) this.#fillItems(v);
    this.decisionBlock.hidden = !mayRecord || !live;
    this.actionBlock.hidden = !mayRecord || !live;
    if (mayRecord && live) {
      this.#fillVotes(v);
      this.#fillOwners(v);
    }
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
}

/** Replaces a select's options, keeping the chosen value when it is still there. */
export function fillSelect(select, options, preferred = null) {
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
