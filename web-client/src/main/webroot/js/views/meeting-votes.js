// Meeting votes in the panel: each open vote with a ballot form (kept across re-renders, so a
// half-made choice survives other people's events) and how many have voted; closed votes with
// their tally as bars, outcome, quoracy at the close and the chair's reason.

import { h } from '../dom.js';
import { errorLine, refill, run, section, setText } from './meeting-parts.js';

export class VotesView {
  constructor(model, controls) {
    this.model = model;
    this.controls = controls;
    this.ballots = new Map();
    this.open = h('div', { class: 'meeting-votes' });
    this.error = errorLine('meeting-votes-error');
    this.results = h('div', { class: 'meeting-votes' });
    this.sections = {
      votes: section('meeting-votes-section', 'Vote open', this.open, this.error),
      results: section('meeting-results-section', 'Vote results', this.results),
    };
  }

  render(v) {
    const open = (v.votes || []).filter((x) => !x.closed_at);
    const closed = (v.votes || []).filter((x) => x.closed_at).reverse();
    this.sections.votes.hidden = open.length === 0;
    this.sections.results.hidden = closed.length === 0;
    const openIds = new Set(open.map((x) => x.vote_id));
    for (const id of this.ballots.keys()) if (!openIds.has(id)) this.ballots.delete(id);
    refill(this.open, open.map((vote) => this.#open(vote)));
    refill(this.results, closed.map((vote) => this.#result(vote)));
  }

  #open(vote) {
    const item = this.model.view.agenda.find((i) => i.id === vote.item_id);
    const mine = this.model.myBallots.get(vote.vote_id);
    const box = h('div', { class: 'meeting-vote is-open', dataset: { vote: String(vote.vote_id) } },
      h('p', { class: 'vote-question' }, h('strong', {}, vote.question)),
      h('p', { class: 'muted vote-meta' }, item ? `Agenda item ${item.position}. ` : '', `${vote.cast} of ${vote.electorate} have voted.`));
    if (this.model.present) box.append(this.#ballotForm(vote, mine));
    else box.append(h('p', { class: 'hint' }, 'Join the meeting to cast a ballot.'));
    if (this.model.isChair) box.append(...this.controls.voteControls(vote, this.error));
    return box;
  }

  /** One form per open vote, kept across re-renders so a half-made choice is not lost. */
  #ballotForm(vote, mine) {
    let entry = this.ballots.get(vote.vote_id);
    if (!entry) {
      const reason = h('input', { type: 'text', id: `ballot-reason-${vote.vote_id}`, maxlength: 2000, autocomplete: 'off' });
      const submit = h('button', { type: 'submit', class: 'primary', dataset: { focus: `ballot-cast-${vote.vote_id}` } }, 'Cast ballot');
      const note = h('p', { class: 'ballot-mine', role: 'status' });
      const error = errorLine(`ballot-error-${vote.vote_id}`);
      const form = h('form', { class: 'ballot-form', onsubmit: (e) => {
        e.preventDefault();
        const choice = form.querySelector('input[type=radio]:checked')?.value;
        if (!choice) {
          error.textContent = 'Choose an option first.';
          return;
        }
        run(submit, error, () => this.model.castBallot(vote.vote_id, choice, reason.value.trim()));
      } },
      h('fieldset', {},
        h('legend', {}, 'Your ballot'),
        vote.options.map((o, n) => h('label', { class: 'ballot-option' },
          h('input', { type: 'radio', name: `ballot-${vote.vote_id}`, value: o, id: `ballot-${vote.vote_id}-${n}` }), ` ${o}`))),
      h('label', { for: `ballot-reason-${vote.vote_id}`, class: 'field-label' }, "Reason (recorded with your ballot; required where the body's rules say so)"), reason,
      h('div', { class: 'form-row' }, submit), note, error);
      entry = { form, submit, note };
      this.ballots.set(vote.vote_id, entry);
    }
    entry.submit.textContent = mine ? 'Change ballot' : 'Cast ballot';
    setText(entry.note, mine ? `You voted "${mine}". You can change your ballot until the vote closes.` : '');
    return entry.form;
  }

  #result(vote) {
    const max = Math.max(1, ...(vote.tally || []).map((t) => t.votes));
    return h('div', { class: 'meeting-vote is-closed', dataset: { vote: String(vote.vote_id) } },
      h('p', { class: 'vote-question' }, h('strong', {}, vote.question), ' ',
        h('span', { class: `badge ${vote.outcome === 'carried' ? 'badge-green' : 'badge-red'}` }, vote.outcome || 'closed')),
      h('ul', { class: 'tally' }, (vote.tally || []).map((t) => {
        const bar = h('span', { class: 'tally-bar', 'aria-hidden': 'true' });
        bar.style.setProperty('width', `${(100 * t.votes) / max}%`);
        return h('li', {}, h('span', { class: 'tally-option' }, t.option), h('span', { class: 'tally-track' }, bar),
          h('span', { class: 'tally-count' }, String(t.votes)));
      })),
      h('p', { class: 'muted vote-meta' }, `${vote.quorate ? 'Quorate' : 'Not quorate'} at the close: ${vote.explanation || ''}`,
        vote.close_reason ? ` Reason for closing: ${vote.close_reason}` : ''));
  }
}
