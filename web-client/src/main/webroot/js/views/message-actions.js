// What the message buttons do, shared by the room stream and the thread panel.

import { confirmDialog, reasonDialog, historyDialog } from './dialogs.js';

/**
 * view: {editingId, ctx, rerenderMessage(id, focusKey), openThread(rootId)}
 */
export function messageActions(session, room, view) {
  const report = (context) => (err) => session.store.reportError(err, context);
  return {
    reply: (m) => view.openThread(m.threadRoot ?? m.id),
    openThread: (rootId) => view.openThread(rootId),
    startEdit: (m) => {
      view.editingId = m.id;
      view.rerenderMessage(m.id, `edit-text-${m.id}`);
    },
    cancelEdit: (m) => {
      view.editingId = null;
      view.ctx.drafts.delete(m.id);
      view.rerenderMessage(m.id, `edit-${m.id}`);
    },
    saveEdit: (m, text) => {
      if (!text.trim() || text === m.body) {
        view.editingId = null;
        view.ctx.drafts.delete(m.id);
        view.rerenderMessage(m.id, `edit-${m.id}`);
        return;
      }
      session.edit(room, m.id, text).then(() => {
        view.ctx.drafts.delete(m.id);
        if (view.editingId === m.id) view.editingId = null;
        view.rerenderMessage(m.id, `edit-${m.id}`);
      }, report('Your edit was not saved'));
    },
    remove: async (m) => {
      const ok = await confirmDialog({ title: 'Delete this message?', confirm: 'Delete', danger: true,
        text: 'The text is removed for everyone; a note that a message was deleted stays in the room.' });
      if (ok) session.remove(room, m.id).catch(report('The message was not deleted'));
    },
    redact: async (m) => {
      const reason = await reasonDialog({ title: `Remove ${m.author?.display_name || 'this'}'s message`, confirm: 'Remove message',
        text: 'As a moderator you may remove any message. The text is removed for everyone and your reason is shown in its place.' });
      if (reason) session.remove(room, m.id, reason).catch(report('The message was not removed'));
    },
    pin: (m, pinned) => session.pin(room, m.id, pinned).catch(report(pinned ? 'Not pinned' : 'Not unpinned')),
    history: (m) => historyDialog(session, room, m),
  };
}

/** Replaces an element, keeping keyboard focus on the "same" control if it had it. */
export function replaceKeepingFocus(oldEl, newEl, preferredFocus = null) {
  const active = document.activeElement;
  const key = preferredFocus || (oldEl.contains(active) ? active?.dataset?.focus : null);
  const caret = oldEl.contains(active) && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  oldEl.replaceWith(newEl);
  if (key) {
    const target = newEl.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (!target) return;
    target.focus();
    if ('setSelectionRange' in target) {
      const end = target.value.length;
      target.setSelectionRange(caret ? caret[0] : end, caret ? caret[1] : end);
    }
  }
}
