// Modal dialogs on the native <dialog> element: focus is trapped and restored, Escape cancels.

import { h, timeEl } from '../dom.js';
import { renderMarkdown } from '../render/markdown.js';
import { describeError } from '../protocol/errors.js';

export function openDialog(dialog) {
  const returnFocus = document.activeElement;
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    // The control that opened the dialog may have been redrawn meanwhile (a decision card updates
    // as ballots arrive): then its successor, with the same data-focus key, gets focus.
    const key = returnFocus?.dataset?.focus;
    const target = returnFocus?.isConnected ? returnFocus
      : key ? document.querySelector(`[data-focus="${CSS.escape(key)}"]`) : null;
    target?.focus();
  });
  dialog.showModal();
  return dialog;
}

export function confirmDialog({ title, text, confirm = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dialog-title' }, title),
        h('p', {}, text),
        h('div', { class: 'dialog-buttons' },
          h('button', { value: 'cancel', type: 'submit' }, 'Cancel'),
          h('button', { value: 'ok', type: 'submit', class: danger ? 'danger' : 'primary' }, confirm))));
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'));
    openDialog(dialog);
  });
}

/** Asks for a required reason (moderator redaction). Resolves with the text, or null if cancelled. */
export function reasonDialog({ title, text, confirm, label = 'Reason (shown to everyone in the room)',
  missing = 'A reason is required: it is shown in place of the message.' }) {
  return new Promise((resolve) => {
    const area = h('textarea', { id: 'reason-text', rows: 3, required: true, maxlength: 2000, 'aria-describedby': 'reason-error' });
    const error = h('p', { class: 'composer-error', id: 'reason-error', role: 'alert' });
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
      h('form', {
        method: 'dialog',
        novalidate: true,
        onsubmit: (e) => {
          if (e.submitter?.value === 'ok' && !area.value.trim()) {
            e.preventDefault();
            error.textContent = missing;
            area.focus();
          }
        },
      },
      h('h2', { id: 'dialog-title' }, title),
      h('p', {}, text),
      h('label', { for: 'reason-text' }, label),
      area, error,
      h('div', { class: 'dialog-buttons' },
        h('button', { value: 'cancel', type: 'submit', formnovalidate: true }, 'Cancel'),
        h('button', { value: 'ok', type: 'submit', class: 'danger' }, confirm))));
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? area.value.trim() : null));
    openDialog(dialog);
  });
}

/** The versions of a message, oldest first, read over REST. */
export async function historyDialog(session, room, m) {
  const list = h('ol', { class: 'history-list' }, h('li', {}, 'Loading…'));
  const dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': 'dialog-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'dialog-title' }, m.author?.display_name ? `Edit history of ${m.author.display_name}'s message` : 'Edit history'),
      list,
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Close'))));
  openDialog(dialog);
  try {
    const detail = await session.api.get(`/api/rooms/${room}/messages/${m.id}`);
    list.replaceChildren();
    for (const r of detail.revisions || []) {
      list.append(h('li', {},
        h('p', { class: 'msg-meta' }, `Version ${r.revision + 1}, replaced `, timeEl(r.replaced_at),
          ` by ${session.store.userName(r.edited_by)}`),
        h('div', { class: 'msg-body' }, r.body == null ? h('p', { class: 'tombstone' }, '(text removed)') : renderMarkdown(r.body))));
    }
    const current = detail.message;
    list.append(h('li', { class: 'history-current' },
      h('p', { class: 'msg-meta' }, 'Current version', current.edited_at ? [', edited ', timeEl(current.edited_at)] : ''),
      h('div', { class: 'msg-body' }, current.body == null ? h('p', { class: 'tombstone' }, '(deleted)') : renderMarkdown(current.body))));
  } catch (e) {
    list.replaceChildren(h('li', { class: 'composer-error', role: 'alert' }, describeError(e)));
  }
}
