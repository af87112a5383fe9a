// A thread beside its room: the root message, its replies in order, and a reply box. A root older
// than the room's loaded range is read over REST once, then live events keep it current.

import { h, clear } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { renderMessage } from '../render/message.js';
import { Composer } from './composer.js';
import { messageActions, replaceKeepingFocus } from './message-actions.js';

export class ThreadPanel {
  constructor(session, roomId, messageId, { close, highlight = null }) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.rootId = messageId;
    this.highlight = highlight;
    this.timeline = this.store.timeline(roomId);
    this.editingId = null;
    const view = this;
    this.ctx = {
      store: this.store,
      me: session.me,
      timeline: this.timeline,
      get room() { return session.store.rooms.get(roomId); },
      get editingId() { return view.editingId; },
      drafts: new Map(),
      actions: messageActions(session, roomId, this),
    };
    this.rootBox = h('div', { class: 'thread-root' });
    this.replies = h('ol', { class: 'messages replies', 'aria-label': 'Replies' });
    this.status = h('p', { class: 'muted thread-status' });
    this.composer = new Composer({ session, room: roomId, threadRoot: messageId, label: 'Reply in this thread' });
    this.scroller = h('div', { class: 'thread-scroll', tabindex: 0, 'aria-label': 'Thread messages' },
      this.rootBox, this.status, this.replies, this.composer.outbox);
    this.closeButton = h('button', { type: 'button', class: 'icon-button close-thread', 'aria-label': 'Close thread', onclick: close }, '×');
    this.el = h('section', { class: 'thread', 'aria-labelledby': 'thread-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'thread-title', tabindex: -1 }, 'Thread'), this.closeButton),
      this.scroller, this.composer.el);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !e.target.closest('.edit-form')) close();
    });
    this.el.addEventListener('composer:queued', () => { this.scroller.scrollTop = this.scroller.scrollHeight; });
    this.off = [
      this.store.on('timeline', ({ room, changes }) => {
        if (room === roomId && (changes.reset || changes.threads.has(this.rootId))) this.render();
      }),
      this.store.on('rooms', () => this.#updateComposer()),
    ];
    this.#updateComposer();
    this.render();
    this.#ensureLoaded();
  }

  destroy() {
    this.off.forEach((off) => off());
    this.composer.destroy();
  }

  focus() {
    this.el.querySelector('#thread-title').focus();
  }

  openThread(rootId) {
    if (rootId !== this.rootId) location.hash = `#/rooms/${this.roomId}/thread/${rootId}`;
  }

  /** Loads the root (and its replies) over REST when the stream does not hold it. */
  async #ensureLoaded() {
    const known = this.timeline.messages.get(this.rootId);
    if (known && known.threadRoot != null) {
      this.#retarget(known.threadRoot);
      return;
    }
    if (known && this.timeline.items.has(`m:${this.rootId}`)) return;
    this.status.textContent = 'Loading thread…';
    try {
      const detail = await this.session.messageDetail(this.roomId, this.rootId);
      if (detail.message.thread_root_id != null) {
        this.#retarget(detail.message.thread_root_id);
        await this.session.messageDetail(this.roomId, this.rootId);
      }
      this.status.textContent = '';
      this.render();
    } catch (e) {
      this.status.textContent = describeError(e);
    }
  }

  /** Opened on a reply (from search or a notification): show its whole thread, that reply marked. */
  #retarget(rootId) {
    this.highlight = this.highlight ?? this.rootId;
    this.rootId = rootId;
    this.composer.threadRoot = rootId;
    this.render();
  }

  render() {
    const root = this.timeline.messages.get(this.rootId);
    const atBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 48;
    const active = document.activeElement;
    const focusKey = this.scroller.contains(active) ? active.dataset.focus : null;
    const caret = focusKey && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
    clear(this.rootBox);
    clear(this.replies);
    if (!root) return;
    this.rootBox.append(h('ol', { class: 'messages' }, renderMessage(root, this.ctx, { inThread: true })));
    const replies = this.timeline.repliesOf(this.rootId);
    this.status.textContent = replies.length ? `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}` : 'No replies yet.';
    for (const r of replies) {
      const el = renderMessage(r, this.ctx, { inThread: true });
      if (r.id === this.highlight) el.classList.add('is-highlighted');
      this.replies.append(el);
    }
    const target = focusKey ? this.scroller.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`) : null;
    target?.focus();
    if (target && caret && 'setSelectionRange' in target) target.setSelectionRange(caret[0], caret[1]);
    if (atBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  rerenderMessage(id, focusKey) {
    const el = this.scroller.querySelector(`#thread-msg-${id}`);
    const m = this.timeline.messages.get(id);
    if (!el || !m) return;
    const fresh = renderMessage(m, this.ctx, { inThread: true });
    replaceKeepingFocus(el, fresh, focusKey);
  }

  #updateComposer() {
    const r = this.store.rooms.get(this.roomId);
    if (r) this.composer.setEnabled(r.can_post, 'You can read this room but not post in it.');
  }
}
