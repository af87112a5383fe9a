// The message box (room and thread). Sends over the protocol; shows each unsent message in an
// outbox until its own message_posted event arrives, so nothing jumps or appears twice; on an
// error the text comes back into the box with the reason.

import { h } from '../dom.js';
import { renderMarkdown } from '../render/markdown.js';
import { describeError } from '../protocol/errors.js';

let composerCount = 0;

export class Composer {
  constructor({ session, room, threadRoot = null, label }) {
    this.session = session;
    this.room = room;
    this.threadRoot = threadRoot;
    this.label = label;
    composerCount += 1;
    const id = `composer-${composerCount}`;
    this.textarea = h('textarea', {
      id, name: 'body', rows: 2, class: 'composer-text', maxlength: 10000, 'aria-describedby': `${id}-hint ${id}-error`,
      placeholder: label,
    });
    this.error = h('p', { id: `${id}-error`, class: 'composer-error', role: 'alert' });
    this.button = h('button', { type: 'submit', class: 'primary' }, 'Send');
    this.form = h('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      h('label', { for: id, class: 'sr-only' }, label),
      h('div', { class: 'composer-row' }, this.textarea, this.button),
      h('p', { id: `${id}-hint`, class: 'hint' },
        'Enter sends, Shift+Enter adds a line. **bold**, *italic*, `code`, links; mention with @username or @category.'),
      this.error);
    this.outbox = h('ol', { class: 'outbox', 'aria-label': 'Messages being sent' });
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      if (this.textarea.value.trim()) session.typing(room);
      this.error.textContent = '';
    });
    this.waiting = new Map();
    this.offStore = [
      session.store.on('timeline', ({ room: r }) => r === room && this.#settle()),
      session.store.on('connection', () => this.#labelOutbox()),
    ];
  }

  get el() {
    return this.form;
  }

  focus() {
    this.textarea.focus();
  }

  setEnabled(enabled, why = '') {
    this.textarea.disabled = !enabled;
    this.button.disabled = !enabled;
    this.textarea.placeholder = enabled ? this.label : why;
    this.form.classList.toggle('is-disabled', !enabled);
  }

  destroy() {
    this.offStore.forEach((off) => off());
  }

  submit() {
    const body = this.textarea.value;
    if (!body.trim()) return;
    this.textarea.value = '';
    this.error.textContent = '';
    const echo = h('li', { class: 'msg is-mine is-pending' },
      h('div', { class: 'msg-meta' }, h('span', { class: 'msg-author' }, this.session.me.display_name), ' ',
        h('span', { class: 'pending-label' }, '')),
      h('div', { class: 'msg-body' }, renderMarkdown(body)));
    this.outbox.append(echo);
    this.#labelOutbox();
    this.form.dispatchEvent(new CustomEvent('composer:queued', { bubbles: true }));
    this.session.post(this.room, body, this.threadRoot).then((ack) => {
      this.waiting.set(ack.message_id, echo);
      this.#settle();
    }).catch((err) => {
      echo.remove();
      if (!this.textarea.value.trim()) this.textarea.value = body;
      this.error.textContent = `Not sent. ${describeError(err)}`;
    });
  }

  /** Echoes leave once their message is in the timeline (the real one has taken their place). */
  #settle() {
    const tl = this.session.store.timeline(this.room);
    for (const [id, echo] of this.waiting) {
      if (tl.messages.has(id)) {
        echo.remove();
        this.waiting.delete(id);
      }
    }
  }

  #labelOutbox() {
    const online = this.session.store.connection.state === 'online';
    for (const label of this.outbox.querySelectorAll('.pending-label')) {
      label.textContent = online ? 'Sending…' : 'Waiting for the connection — will be sent automatically';
    }
  }
}
