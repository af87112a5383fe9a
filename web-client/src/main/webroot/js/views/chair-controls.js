// The chair's buttons beside entries of the meeting panel: give the floor to (or move, with a
// reason) someone in the queue, move the meeting to an agenda item, give the floor to, mute or
// remove an attendee (with a reason), take a question, close a vote, open the minutes.

import { h } from '../dom.js';
import { askReason, run } from './meeting-parts.js';
import { MinutesEditor } from './minutes-editor.js';

export class ChairControls {
  /** giveFloor(userId|null) gives the floor with the console's speaking time. */
  constructor(model, giveFloor) {
    this.model = model;
    this.giveFloor = giveFloor;
  }

  destroy() {
    this.editor?.close();
  }


  queueControls(entry, index, length, errorEl) {
    const name = entry.user.display_name;
    return h('span', { class: 'chair-controls' },
      h('button', { type: 'button', class: 'small primary', dataset: { focus: `give-${entry.user.id}` }, 'aria-label': `Give the floor to ${name}`,
        onclick: (e) => run(e.currentTarget, errorEl, () => this.giveFloor(entry.user.id)) }, 'Give floor'),
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
        onclick: (e) => run(e.currentTarget, errorEl, () => this.giveFloor(s.user_id)) }, 'Give floor') : '',
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
