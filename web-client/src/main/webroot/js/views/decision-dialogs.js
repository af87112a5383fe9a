// Dialogs for decisions: opening one (moderators), a moderator's change with its required reason
// (extend, amend, close now, cancel), and the chair's casting vote. Each stays open until the
// server accepts, and shows the server's reason in place when it refuses.

import { h } from '../dom.js';
import { openDialog } from './dialogs.js';
import { describeError } from '../protocol/errors.js';

let dialogCount = 0;

/** A problem the form itself finds: shown like a server refusal, with focus on the field. */
class FormProblem extends Error {
  constructor(message, field) {
    super(message);
    this.field = field;
  }
}

function required(el, message) {
  if (!el.value.trim()) throw new FormProblem(message, el);
  return el.value.trim();
}

/**
 * A modal form. onSubmit(form) returns a promise; its value resolves the dialog, a rejection
 * shows its reason and keeps the dialog open. Resolves null when cancelled.
 */
export function formDialog({ title, intro = null, fields, confirm, danger = false, wide = false, onSubmit }) {
  return new Promise((resolve) => {
    dialogCount += 1;
    const titleId = `form-dialog-title-${dialogCount}`;
    const error = h('p', { class: 'form-error', role: 'alert' });
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, confirm);
    let result = null;
    const form = h('form', {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        ok.disabled = true;
        try {
          result = await onSubmit(form);
          dialog.close('ok');
        } catch (err) {
          error.textContent = err instanceof FormProblem ? err.message : `Not done. ${describeError(err)}`;
          ok.disabled = false;
          (err.field || form.querySelector('input, textarea, select'))?.focus();
        }
      },
    },
    h('h2', { id: titleId }, title),
    intro ? h('p', {}, intro) : null,
    fields,
    error,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'),
      ok));
    const dialog = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, 'aria-labelledby': titleId }, form);
    openDialog(dialog);
    // After openDialog's own close handler has given focus back, so the caller may move it on.
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? result : null));
  });
}

function field(id, label, control, hint = null) {
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'form-field' }, h('label', { for: id }, label), control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

const CHANGE_TEXT = {
  extend: { title: 'Extend the decision', confirm: 'Extend', intro: 'Ballots stay open until the new closing time.' },
  amend: { title: 'Amend the motion', confirm: 'Amend motion',
    intro: 'Voters are told; the body’s rules say whether earlier ballots lapse, need confirming, or count as abstentions.' },
  close: { title: 'Close the decision now', confirm: 'Close now', danger: true,
    intro: 'Ballots stop now; the result is counted under the body’s rules and published with every ballot and reason.' },
  cancel: { title: 'Cancel the decision', confirm: 'Cancel decision', danger: true,
    intro: 'The decision ends without a result. Nothing is deleted; your reason is recorded and shown to the room.' },
};

/** A moderator's change; resolves with the ack, or null if cancelled. */
export function changeDecisionDialog(session, room, st, change) {
  const text = CHANGE_TEXT[change];
  const reason = h('textarea', { id: 'decision-change-reason', rows: 3, maxlength: 2000, required: true });
  const days = h('input', { id: 'decision-change-days', type: 'number', min: 1, max: 60, value: '5', required: true });
  const motion = h('textarea', { id: 'decision-change-motion', rows: 5, maxlength: 20000, required: true });
  motion.value = st.motionText || '';
  const fields = [
    change === 'extend' ? field('decision-change-days', 'Close in this many Working Days from today', days,
      'England and Wales Working Days: weekends and bank holidays do not count. Closes at 17:00.') : null,
    change === 'amend' ? field('decision-change-motion', `Amended motion text (becomes version ${(st.motionVersion || 1) + 1})`, motion) : null,
    field('decision-change-reason', 'Reason (required; recorded and shown to the room)', reason),
  ];
  return formDialog({
    title: text.title,
    intro: [h('strong', {}, st.question || ''), h('br'), text.intro],
    fields,
    confirm: text.confirm,
    danger: text.danger,
    wide: change === 'amend',
    onSubmit: () => {
      const cmd = { change };
      if (change === 'extend') {
        const n = Number(days.value);
        if (!Number.isInteger(n) || n < 1) throw new FormProblem('Give a whole number of Working Days, at least 1.', days);
        cmd.closes_in_working_days = n;
      }
      if (change === 'amend') cmd.motion_text = required(motion, 'The amended motion text is required.');
      cmd.reason = required(reason, 'A reason is required: it is recorded with the change and shown to the room.');
      return session.changeDecision(room, st.id, cmd);
    },
  });
}

/** The chair's casting vote on a tie. */
export function castingVoteDialog(session, room, st) {
  const reason = h('textarea', { id: 'casting-reason', rows: 3, maxlength: 2000, required: true });
  const choice = (value, label) => h('label', { class: 'choice-option' },
    h('input', { type: 'radio', name: 'casting-choice', value }), ` ${label}`);
  const group = h('fieldset', { class: 'ballot-choices' }, h('legend', {}, 'Casting vote'), choice('approve', 'Approve'), choice('reject', 'Reject'));
  return formDialog({
    title: 'Give the casting vote',
    intro: [h('strong', {}, st.question || ''), h('br'), 'The ballots are tied; the body’s rules give the chair the casting vote.'],
    fields: [group, field('casting-reason', 'Reason (required)', reason)],
    confirm: 'Give casting vote',
    onSubmit: () => {
      const picked = group.querySelector('input:checked');
      if (!picked) throw new FormProblem('Choose approve or reject.', group.querySelector('input'));
      return session.castingVote(room, st.id, picked.value, required(reason, 'A reason is required.'));
    },
  });
}

/**
 * Opens a decision in this room (moderators). Resolves with the new decision's id (the ack's
 * message_id), or null if cancelled.
 */
export async function openDecisionDialog(session, roomId) {
  const store = session.store;
  const room = store.rooms.get(roomId);
  const bodies = [...store.bodies.values()].sort((a, b) => a.name.localeCompare(b.name));
  const defaultBody = bodies.find((b) => b.id === room?.body_id) || bodies.find((b) => b.code === 'PANEL') || bodies[0];
  const body = h('select', { id: 'open-decision-body', required: true },
    bodies.map((b) => h('option', { value: b.code, selected: b === defaultBody }, `${b.name} (${b.code})`)));
  const modification = h('select', { id: 'open-decision-modification' },
    h('option', { value: '' }, 'None'),
    room?.modification_id ? h('option', { value: room.modification_id, selected: true }, room.modification_id) : null);
  session.api.get('/api/modifications').then((list) => {
    for (const m of list) {
      if (m.id === room?.modification_id) continue;
      modification.append(h('option', { value: m.id }, `${m.id} ${m.title}`));
    }
  }, () => {});
  const question = h('input', { id: 'open-decision-question', type: 'text', maxlength: 1000, required: true, autofocus: true });
  const motion = h('textarea', { id: 'open-decision-motion', rows: 3, maxlength: 20000 });
  const items = h('textarea', { id: 'open-decision-items', rows: 2, maxlength: 2000 });
  const kind = h('select', { id: 'open-decision-kind' }, h('option', { value: 'asynchronous' }, 'Asynchronous: discussed and voted in this room'));
  const visibility = h('fieldset', { class: 'ballot-choices' }, h('legend', {}, 'Ballots'),
    h('label', { class: 'choice-option' }, h('input', { type: 'radio', name: 'open-decision-visibility', value: 'open', checked: true }),
      ' Open: each ballot and reason is visible as cast'),
    h('label', { class: 'choice-option' }, h('input', { type: 'radio', name: 'open-decision-visibility', value: 'sealed' }),
      ' Sealed until the close'));
  const days = h('input', { id: 'open-decision-days', type: 'number', min: 1, max: 60, value: '5', required: true });
  const reasons = h('input', { id: 'open-decision-reasons', type: 'checkbox' });
  return formDialog({
    title: 'Open a decision',
    intro: `In ${room?.name || 'this room'}. Members of the body vote here until it closes; the result goes to the Modification Register.`,
    wide: true,
    fields: [
      field('open-decision-body', 'Body that decides', body, 'Its voting members form the electorate, frozen when the decision opens.'),
      field('open-decision-modification', 'Modification (optional)', modification),
      field('open-decision-question', 'Question', question),
      field('open-decision-motion', 'Motion text (optional; the question if empty)', motion),
      field('open-decision-items', 'Ballot items (optional, one per line)', items,
        'One item per ballot: the Modification and each Alternative Proposal, decided separately. Empty: one item.'),
      field('open-decision-kind', 'Kind', kind, 'Postal and meeting votes are taken at a meeting.'),
      visibility,
      field('open-decision-days', 'Closes in this many Working Days', days, 'England and Wales Working Days; closes at 17:00.'),
      h('label', { class: 'check' }, reasons, ' Every voter must give a reason (always so on the Change Board)'),
    ],
    confirm: 'Open decision',
    onSubmit: async () => {
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1) throw new FormProblem('Give a whole number of Working Days, at least 1.', days);
      const cmd = {
        body: body.value,
        room: roomId,
        question: required(question, 'The question is required.'),
        kind: kind.value,
        visibility: visibility.querySelector('input:checked').value,
        closes_in_working_days: n,
        items: items.value.split('\n').map((s) => s.trim()).filter(Boolean),
        reasons_required: reasons.checked,
      };
      if (modification.value) cmd.modification_id = modification.value;
      if (motion.value.trim()) cmd.motion_text = motion.value.trim();
      return session.openDecision(cmd);
    },
  });
}
