// Errors the user should know about, each with the server's reason in plain words.

import { h } from '../dom.js';
import { describeError } from '../protocol/errors.js';

export class Toasts {
  constructor(store) {
    this.el = h('div', { class: 'toasts', role: 'alert', 'aria-live': 'assertive' });
    this.off = store.on('error', ({ error, context }) => this.show(`${context ? `${context}. ` : ''}${describeError(error)}`, error?.code));
  }

  destroy() {
    this.off();
  }

  show(text, code = '') {
    const toast = h('div', { class: 'toast', dataset: { code: code || '' } },
      h('p', {}, text),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss', onclick: () => toast.remove() }, '×'));
    this.el.append(toast);
    setTimeout(() => toast.remove(), 10000);
  }
}
