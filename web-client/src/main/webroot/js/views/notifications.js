// Notifications: mentions of the user (or their Party or Category) and new threads in followed rooms.

import { h, clear, timeEl } from '../dom.js';
import { describeError } from '../protocol/errors.js';

const KIND_LABELS = {
  mention: 'mentioned you',
  new_thread: 'started a thread',
  decision_opened: 'opened a decision',
  decision_closed: 'closed a decision',
  ballot_reminder: 'reminds you to vote',
  ballot_needed: 'needs your ballot',
  chair_ruling: 'made a ruling about you',
};

export class NotificationsPanel {
  constructor(session, { close }) {
    this.session = session;
    this.store = session.store;
    this.list = h('ol', { class: 'notification-list', 'aria-label': 'Notifications' });
    this.status = h('p', { class: 'muted', role: 'status' });
    this.markRead = h('button', { type: 'button', onclick: () => this.#markAllRead() }, 'Mark all as read');
    this.el = h('section', { class: 'notifications-panel', 'aria-labelledby': 'notifications-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'notifications-title', tabindex: -1 }, 'Notifications'),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close notifications', onclick: close }, '×')),
      h('div', { class: 'panel-tools' }, this.markRead), this.status, this.list);
    this.el.addEventListener('keydown', (e) => e.key === 'Escape' && close());
    this.off = this.store.on('notifications', () => this.render());
    this.render();
    session.loadNotifications();
  }

  destroy() {
    this.off();
  }

  focus() {
    this.el.querySelector('#notifications-title').focus();
  }

  render() {
    const items = this.store.notifications;
    clear(this.list);
    this.status.textContent = items.length ? '' : 'No notifications yet. Follow rooms to hear about new threads.';
    this.markRead.disabled = this.store.unreadNotifications === 0;
    for (const n of items) {
      const from = n.from?.display_name || (n.from_user ? this.store.userName(n.from_user) : 'Quorate');
      const href = n.message_id ? `#/rooms/${n.room}/thread/${n.message_id}` : `#/rooms/${n.room}`;
      this.list.append(h('li', { class: `notification${n.read ? '' : ' is-unread'}` },
        h('a', { href },
          h('span', { class: 'msg-author' }, from), ` ${KIND_LABELS[n.kind] || n.kind.replace(/_/g, ' ')} in `,
          h('span', { class: 'search-room' }, this.store.roomName(n.room))),
        n.read ? null : h('span', { class: 'sr-only' }, ' (unread)'),
        n.excerpt ? h('p', { class: 'search-excerpt' }, n.excerpt) : null,
        timeEl(n.created_at || n.at)));
    }
  }

  async #markAllRead() {
    try {
      await this.session.markNotificationsRead();
    } catch (e) {
      this.status.textContent = describeError(e);
    }
  }
}
