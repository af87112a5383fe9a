// The signed-in page: top bar, offline banner, room list, the open room, and a side panel (thread,
// search or notifications). Routes live in the URL hash so links, reloads and Back work:
//   #/rooms/<id>                 a room
//   #/rooms/<id>/thread/<msg>    a room with a thread beside it
//   #/register/<modification>    a Modification's register (decisions, ballots, reasons, CSV)
//   #/rooms/<id>/meeting/<id>    a body's room with its meeting beside it (participant view, chair console)
//   #/meetings/<id>/agenda       a meeting's agenda and papers editor (SECAS, the body's chair, co-chairs)
//   #/settings/email             email preferences
//   #/proxies                    proxies and alternates (appoint, revoke)
//   #/admin/<section>            registry administration for SECAS: parties, users, bodies, modifications

import { h, clear } from '../dom.js';
import { ConnectionBanner } from './connection-banner.js';
import { RoomList } from './room-list.js';
import { RoomView } from './room.js';
import { ThreadPanel } from './thread.js';
import { MeetingPanel } from './meeting-panel.js';
import { SearchPanel } from './search.js';
import { NotificationsPanel } from './notifications.js';
import { Toasts } from './toasts.js';
import { RegisterView } from './register.js';
import { EmailSettingsView } from './email-settings.js';
import { AdminView } from './admin.js';
import { ProxiesView } from './proxies.js';
import { isSecas } from './admin-parts.js';
import { AgendaEditorView } from './agenda-editor.js';

export class Shell {
  constructor(session, { onSignOut }) {
    this.session = session;
    this.store = session.store;
    this.room = null;
    this.side = null;
    this.sideTrigger = null;

    this.banner = new ConnectionBanner(session);
    this.toasts = new Toasts(this.store);
    this.roomList = new RoomList(session, { onNavigate: () => this.#setNav(false) });
    this.announcer = h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'false' });
    this.main = h('main', { id: 'main', class: 'main-pane', tabindex: -1 });
    this.aside = h('aside', { class: 'side-pane', 'aria-label': 'Side panel', hidden: true });
    this.navToggle = h('button', { type: 'button', class: 'nav-toggle', 'aria-controls': 'room-nav', 'aria-expanded': 'false',
      onclick: () => this.#setNav(this.navToggle.getAttribute('aria-expanded') !== 'true') }, 'Rooms');
    this.searchInput = h('input', { type: 'search', id: 'top-search', name: 'q', placeholder: 'Search messages', maxlength: 200 });
    this.notifButton = h('button', { type: 'button', class: 'notif-button', id: 'notifications-button',
      onclick: (e) => this.#toggleSide('notifications', e.currentTarget) });
    this.layout = h('div', { class: 'layout' }, this.roomList.el, this.main, this.aside);
    this.el = h('div', { class: 'app' },
      // The target is the main pane (every page has one); in a room, focus goes on to its messages.
      h('a', { class: 'skip-link', href: '#main', onclick: (e) => { e.preventDefault(); (document.getElementById('stream') || this.main).focus(); } },
        'Skip to content'),
      h('header', { class: 'topbar' },
        this.navToggle,
        h('h1', { class: 'brand' }, h('a', { href: '#/' }, 'Quorate')),
        h('form', { class: 'top-search', role: 'search', onsubmit: (e) => {
          e.preventDefault();
          this.#openSide('search', this.searchInput);
        } },
        h('label', { for: 'top-search', class: 'sr-only' }, 'Search messages'), this.searchInput,
        h('button', { type: 'submit' }, 'Search')),
        this.notifButton,
        h('a', { href: '#/settings/email', class: 'settings-link', id: 'email-settings-link' }, 'Email settings'),
        h('a', { href: '#/proxies', class: 'settings-link', id: 'proxies-link' }, 'Proxies'),
        isSecas(session.me) ? h('a', { href: '#/admin/parties', class: 'settings-link', id: 'admin-link' }, 'Administration') : null,
        h('span', { class: 'me', title: (session.me.roles || []).join(', ') }, session.me.display_name),
        h('button', { type: 'button', class: 'sign-out', onclick: onSignOut }, 'Sign out')),
      this.banner.el,
      this.layout,
      this.toasts.el,
      this.announcer);

    this.off = [this.store.on('notifications', () => this.#renderNotifButton())];
    this.#renderNotifButton();
    this.onHash = () => this.route();
    window.addEventListener('hashchange', this.onHash);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.navToggle.getAttribute('aria-expanded') === 'true') this.#setNav(false);
    });
  }

  destroy() {
    window.removeEventListener('hashchange', this.onHash);
    this.off.forEach((off) => off());
    this.room?.destroy();
    this.page?.destroy();
    this.side?.destroy();
    this.roomList.destroy();
    this.banner.destroy();
    this.toasts.destroy();
  }

  announce(text) {
    // One short node per message; old ones go so the region stays small.
    this.announcer.append(h('p', {}, text));
    while (this.announcer.childElementCount > 3) this.announcer.firstElementChild.remove();
  }

  route() {
    if (location.hash === '#/settings/email') {
      this.#showPage(new EmailSettingsView(this.session));
      return;
    }
    if (location.hash === '#/proxies') {
      this.#showPage(new ProxiesView(this.session));
      return;
    }
    const admin = /^#\/admin(?:\/([a-z]+))?$/.exec(location.hash);
    if (admin) {
      this.#showPage(new AdminView(this.session, admin[1] || 'parties'));
      return;
    }
    const register = /^#\/register\/([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (register) {
      this.#showPage(new RegisterView(this.session, decodeURIComponent(register[1])));
      return;
    }
    const agenda = /^#\/meetings\/(\d+)\/agenda$/.exec(location.hash);
    if (agenda) {
      this.#showPage(new AgendaEditorView(this.session, Number(agenda[1])));
      return;
    }
    const m = /^#\/rooms\/(\d+)(?:\/thread\/(\d+)|\/meeting\/(\d+))?/.exec(location.hash);
    if (!m) {
      this.#showHome();
      return;
    }
    this.page?.destroy();
    this.page = null;
    const roomId = Number(m[1]);
    const threadId = m[2] ? Number(m[2]) : null;
    const meetingId = m[3] ? Number(m[3]) : null;
    if (!this.room || this.room.roomId !== roomId) {
      this.room?.destroy();
      this.room = new RoomView(this.session, roomId, {
        openThread: (rootId) => { location.hash = `#/rooms/${roomId}/thread/${rootId}`; },
        announce: (text) => this.announce(text),
      });
      clear(this.main).append(this.room.el);
      this.roomList.setCurrent(roomId);
      if (!threadId && !meetingId) this.room.title.focus();
    }
    if (threadId) {
      if (!(this.side instanceof ThreadPanel) || this.side.roomId !== roomId || this.side.rootId !== threadId) {
        const panel = new ThreadPanel(this.session, roomId, threadId, { close: () => { location.hash = `#/rooms/${roomId}`; } });
        this.#showSide(panel, 'thread');
        const room = this.store.rooms.get(roomId);
        if (room?.can_post) panel.composer.focus();
        else panel.focus();
      }
    } else if (meetingId) {
      this.#routeMeeting(roomId, meetingId);
    } else if (this.side instanceof MeetingPanel) {
      this.#closeSide(true);
    } else if (this.side instanceof ThreadPanel) {
      const rootId = this.side.rootId;
      this.#closeSide();
      document.querySelector(`#msg-${rootId} [data-focus="reply-${rootId}"], #msg-${rootId} [data-focus="thread-${rootId}"]`)?.focus();
    }
  }

  /** A page in the main pane that is not a room (the Modification Register). */
  #showPage(page) {
    this.room?.destroy();
    this.room = null;
    this.page?.destroy();
    this.page = page;
    if (this.side instanceof ThreadPanel || this.side instanceof MeetingPanel) this.#closeSide();
    this.roomList.setCurrent(null);
    clear(this.main).append(page.el);
    page.focus();
  }

  /** A meeting beside its body's room. */
  #routeMeeting(roomId, meetingId) {
    if (this.side instanceof MeetingPanel && this.side.roomId === roomId && this.side.meetingId === meetingId) return;
    this.sideTrigger = document.activeElement;
    const panel = new MeetingPanel(this.session, roomId, meetingId, { close: () => { location.hash = `#/rooms/${roomId}`; } });
    this.#showSide(panel, 'meeting');
    panel.focus();
  }

  #showHome() {
    this.page?.destroy();
    this.page = null;
    this.room?.destroy();
    this.room = null;
    if (this.side instanceof ThreadPanel || this.side instanceof MeetingPanel) this.#closeSide();
    this.roomList.setCurrent(null);
    clear(this.main).append(h('section', { class: 'home', 'aria-labelledby': 'home-title' },
      h('h2', { id: 'home-title' }, `Welcome, ${this.session.me.display_name}`),
      h('p', {}, 'Choose a room from the list to read and join the discussion. Rooms with unread messages show a count; ',
        'follow (☆) the Modifications and bodies you care about to be notified of new threads.')));
  }

  #toggleSide(kind, trigger) {
    if (this.sideKind === kind) this.#closeSide();
    else this.#openSide(kind, trigger);
  }

  #openSide(kind, trigger) {
    if ((this.side instanceof ThreadPanel || this.side instanceof MeetingPanel) && this.room) {
      // A thread is part of the URL; leaving it for search or notifications updates the URL too.
      history.replaceState(null, '', `#/rooms/${this.room.roomId}`);
    }
    this.sideTrigger = trigger;
    const close = () => this.#closeSide(true);
    const panel = kind === 'search'
      ? new SearchPanel(this.session, { query: this.searchInput.value.trim(), currentRoom: this.room?.roomId ?? null, close })
      : new NotificationsPanel(this.session, { close });
    this.#showSide(panel, kind);
    panel.focus();
  }

  #showSide(panel, kind) {
    this.side?.destroy();
    this.side = panel;
    this.sideKind = kind;
    clear(this.aside).append(panel.el);
    this.aside.hidden = false;
    this.layout.classList.add('has-side');
    this.aside.setAttribute('aria-label', kind === 'thread' ? 'Thread' : kind === 'meeting' ? 'Meeting' : kind === 'search' ? 'Search' : 'Notifications');
    this.layout.dataset.side = kind;
    this.notifButton.setAttribute('aria-expanded', String(kind === 'notifications'));
  }

  #closeSide(restoreFocus = false) {
    this.side?.destroy();
    this.side = null;
    this.sideKind = null;
    clear(this.aside);
    this.aside.hidden = true;
    this.layout.classList.remove('has-side');
    delete this.layout.dataset.side;
    this.notifButton.setAttribute('aria-expanded', 'false');
    if (restoreFocus && this.sideTrigger?.isConnected) this.sideTrigger.focus();
  }

  #setNav(open) {
    this.navToggle.setAttribute('aria-expanded', String(open));
    this.layout.classList.toggle('nav-open', open);
    if (open) this.roomList.el.querySelector('a, button, input')?.focus();
  }

  #renderNotifButton() {
    const n = this.store.unreadNotifications;
    clear(this.notifButton).append('Notifications', n ? h('span', { class: 'badge badge-unread', 'aria-hidden': 'true' }, String(n)) : '');
    this.notifButton.setAttribute('aria-label', n ? `Notifications, ${n} unread` : 'Notifications');
  }
}
