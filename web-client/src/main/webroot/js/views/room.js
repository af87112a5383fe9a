// A room: header (classification, stage, follow, who is online, pinned, open decisions), the
// stream of messages and decision cards (oldest at the top, older pages on demand), typing line
// and composer. The stream only moves when the reader is at the bottom; otherwise new messages
// wait behind a "new messages" button.

import { h, clear, excerpt } from '../dom.js';
import { rendererFor } from '../events/registry.js';
import { describeError } from '../protocol/errors.js';
import { Composer } from './composer.js';
import { messageActions, replaceKeepingFocus } from './message-actions.js';
import { RoomHeader } from './room-header.js';
import { decisionActions } from './decision-actions.js';
import { seatNotes } from './seat-notes.js';
import { openDecisionDialog } from './decision-dialogs.js';
import { MeetingStrip } from './meeting-strip.js';
import '../render/items.js';
import { decisionAnnouncement } from '../render/decision.js';
import { decisionOf } from '../events/decisions.js';

const BOTTOM_SLACK_PX = 48;

function isMessage(item) {
  return item?.kind === 'message' || item?.kind === 'reply_elsewhere';
}

export class RoomView {
  constructor(session, roomId, { openThread, announce }) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.timeline = this.store.timeline(roomId);
    this.openThreadRoute = openThread;
    this.announce = announce;
    this.editingId = null;
    this.elements = new Map();
    this.unseen = 0;

    this.header = new RoomHeader(session, roomId, {
      reveal: (m) => this.#reveal(m),
      revealDecision: (id) => this.revealDecision(id),
      openDecision: () => this.#openDecision(),
    });
    // Meetings of a body's room (issue 6): a strip under the header; their events plug into the stream.
    this.meetingStrip = new MeetingStrip(session, roomId);
    this.header.el.append(this.meetingStrip.el);
    this.topStatus = h('div', { class: 'stream-top' });
    this.list = h('ol', { class: 'messages', 'aria-label': 'Messages' });
    this.composer = new Composer({ session, room: roomId, label: `Message ${this.store.roomName(roomId)}` });
    this.stream = h('div', { class: 'stream', id: 'stream', tabindex: 0, 'aria-label': 'Message stream' },
      this.topStatus, this.list, this.composer.outbox);
    this.jump = h('button', { type: 'button', class: 'jump-to-new', hidden: true, onclick: () => this.#scrollToBottom(true) }, 'New messages ↓');
    this.typing = h('p', { class: 'typing-line', 'aria-hidden': 'true' });
    this.notice = h('p', { class: 'room-notice', role: 'alert', hidden: true });

    const view = this;
    this.ctx = {
      store: this.store,
      me: session.me,
      timeline: this.timeline,
      get room() { return session.store.rooms.get(roomId); },
      get editingId() { return view.editingId; },
      drafts: new Map(),
      decisionDrafts: new Map(),
      actions: null,
      decisionActions: null,
      receiptChecks: new Map(),
    };
    this.ctx.actions = messageActions(session, roomId, this);
    this.ctx.decisionActions = decisionActions(session, roomId, this);
    this.ctx.seatNotes = seatNotes(session, () => this.#redrawDecisions());

    this.el = h('section', { class: 'room', 'aria-labelledby': 'room-title' },
      this.header.el,
      this.notice,
      h('div', { class: 'stream-wrap' }, this.stream, this.jump),
      this.typing,
      this.composer.el);

    this.off = [
      this.store.on('timeline', ({ room, changes }) => room === roomId && this.#applyChanges(changes)),
      this.store.on('rooms', () => {
        this.#renderHeader();
        this.#maybeMarkRead();
      }),
      this.store.on('presence', ({ room }) => room === roomId && this.header.renderPresence()),
      this.store.on('typing', ({ room }) => room === roomId && this.#renderTyping()),
      this.session.client.on('subscription_failed', ({ room, error }) => room === roomId && this.#refused(error)),
      this.ctx.seatNotes.destroy,
    ];
    this.stream.addEventListener('scroll', () => this.#onScroll(), { passive: true });
    // Whoever reads the newest messages keeps reading them when the pane or its content resizes
    // (a thread opening beside it, a phone rotating, fonts arriving); anyone else keeps their place.
    this.stuck = true;
    this.resizer = new ResizeObserver(() => {
      if (this.stuck) this.#scrollToBottom(false);
    });
    this.resizer.observe(this.stream);
    this.resizer.observe(this.list);
    this.el.addEventListener('composer:queued', () => this.#scrollToBottom(false));
    this.visibility = () => this.#maybeMarkRead();
    document.addEventListener('visibilitychange', this.visibility);
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.#loadOlder();
    }, { root: this.stream, rootMargin: '200px 0px 0px 0px' });
    this.observer.observe(this.topStatus);

    this.#renderHeader();
    this.header.renderPresence();
    this.#renderTyping();
    this.#renderAll();
    session.openRoom(roomId);
  }

  destroy() {
    this.off.forEach((off) => off());
    this.meetingStrip.destroy();
    this.composer.destroy();
    this.observer.disconnect();
    this.resizer.disconnect();
    document.removeEventListener('visibilitychange', this.visibility);
    this.session.leaveRoom(this.roomId);
  }

  focusComposer() {
    this.composer.focus();
  }

  openThread(rootId) {
    this.openThreadRoute(rootId);
  }

  // ---- stream ----

  #renderAll() {
    clear(this.list);
    this.elements.clear();
    for (const key of this.timeline.order) {
      const el = this.#render(key);
      this.elements.set(key, el);
      this.list.append(el);
    }
    this.#renderTop();
    this.header.renderPinned(this.timeline);
    this.header.renderDecisions(this.timeline);
    requestAnimationFrame(() => this.#scrollToBottom(false));
  }

  #render(key) {
    const item = this.timeline.items.get(key);
    try {
      return rendererFor(item.kind)(item, this.ctx);
    } catch (e) {
      console.error(`could not render ${key}`, e);
      return h('li', { class: 'system-line system-unknown' }, 'A room update could not be shown.');
    }
  }

  #applyChanges(changes) {
    if (changes.reset) {
      this.#renderAll();
      return;
    }
    const atBottom = this.stuck || this.#atBottom();
    const anchor = atBottom ? null : this.#firstVisible();
    const anchorTop = anchor ? anchor.getBoundingClientRect().top : 0;

    for (const key of changes.removed) {
      this.elements.get(key)?.remove();
      this.elements.delete(key);
    }
    for (const key of changes.changed) {
      const old = this.elements.get(key);
      if (!old) continue;
      const el = this.#render(key);
      replaceKeepingFocus(old, el);
      this.elements.set(key, el);
    }
    const added = [...changes.added].filter((k) => this.timeline.items.has(k));
    added.sort((a, b) => this.timeline.items.get(a).seq - this.timeline.items.get(b).seq);
    for (const key of added) {
      const el = this.#render(key);
      const at = this.timeline.order.indexOf(key);
      let next = null;
      for (let i = at + 1; i < this.timeline.order.length && !next; i += 1) next = this.elements.get(this.timeline.order[i]) || null;
      this.list.insertBefore(el, next);
      this.elements.set(key, el);
    }

    if (atBottom) {
      this.#scrollToBottom(false);
    } else if (anchor && anchor.isConnected) {
      // Keep what the reader is looking at exactly where it was (older pages, edits above).
      this.stream.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
    }
    const liveOthers = changes.live.filter((k) => this.#authorOf(k)?.id !== this.session.me.id);
    if (liveOthers.length && !atBottom) {
      this.unseen += liveOthers.length;
      this.jump.hidden = false;
      this.jump.textContent = `${this.unseen} new ${this.unseen === 1 ? 'message' : 'messages'} ↓`;
    }
    for (const key of liveOthers) this.#announce(key);
    this.#renderTop();
    this.header.renderPinned(this.timeline);
    this.header.renderDecisions(this.timeline);
    if (this.pendingReveal && this.elements.has(`d:${this.pendingReveal}`)) {
      const id = this.pendingReveal;
      this.pendingReveal = null;
      this.revealDecision(id);
    }
    this.#maybeMarkRead();
  }

  /** Who caused a stream item: a message's author, whoever opened, changed or closed a decision. */
  #authorOf(key) {
    const item = this.timeline.items.get(key);
    if (item?.kind === 'decision') return decisionOf(this.timeline, item.data.id)?.openedBy;
    if (item?.kind === 'decision_update') return item.data.event.by;
    return isMessage(item) ? this.timeline.messages.get(item.data.id)?.author : null;
  }

  #announce(key) {
    const item = this.timeline.items.get(key);
    if (item?.kind === 'decision' || item?.kind === 'decision_update') {
      this.announce(decisionAnnouncement(item, this.timeline));
      return;
    }
    const m = isMessage(item) ? this.timeline.messages.get(item.data.id) : null;
    if (!m) return;
    const where = m.threadRoot ? ' in a thread' : '';
    this.announce(`${m.author?.display_name || 'Someone'}${where}: ${excerpt(m.body, 140)}`);
  }

  #renderTop() {
    const tl = this.timeline;
    clear(this.topStatus);
    if (!tl.based) {
      this.topStatus.append(h('p', { class: 'muted' }, 'Loading messages…'));
    } else if (tl.hasMore) {
      this.topStatus.append(h('button', { type: 'button', class: 'load-older', onclick: () => this.#loadOlder() }, 'Load earlier messages'));
    } else {
      this.topStatus.append(h('p', { class: 'muted room-start' }, tl.order.length ? 'This is the beginning of the room.'
        : 'No messages yet. Start the discussion below.'));
    }
  }

  #loadOlder() {
    if (!this.timeline.based || !this.timeline.hasMore || this.loadingOlder) return;
    this.loadingOlder = true;
    this.session.loadOlder(this.roomId).catch(() => {}).finally(() => {
      this.loadingOlder = false;
    });
  }

  /** Redraws one stream item now (a form's own state changed), keeping or moving focus. */
  rerenderItem(key, focusKey) {
    const old = this.elements.get(key);
    if (!old || !this.timeline.items.has(key)) return;
    const el = this.#render(key);
    replaceKeepingFocus(old, el, focusKey);
    this.elements.set(key, el);
  }

  /** Redraws every decision card (what blocks my ballot became known). */
  #redrawDecisions() {
    for (const key of this.elements?.keys() || []) if (key.startsWith('d:')) this.rerenderItem(key, null);
  }

  /** Brings a decision's card into view and puts focus on its question. */
  revealDecision(id) {
    const el = this.elements.get(`d:${id}`);
    if (!el) {
      this.pendingReveal = id;
      return;
    }
    el.scrollIntoView({ block: 'start' });
    this.stuck = this.#atBottom();
    el.classList.add('is-highlighted');
    setTimeout(() => el.classList.remove('is-highlighted'), 2000);
    el.querySelector('.decision-question')?.focus();
  }

  async #openDecision() {
    try {
      const id = await openDecisionDialog(this.session, this.roomId);
      if (id) {
        this.announce('The decision is open.');
        this.revealDecision(id);
      }
    } catch (e) {
      this.store.reportError(e, 'Could not open the decision');
    }
  }

  rerenderMessage(id, focusKey) {
    const m = this.timeline.messages.get(id);
    const key = m?.threadRoot == null ? `m:${id}` : `r:${id}`;
    const old = this.elements.get(key);
    if (!old) return;
    const el = this.#render(key);
    replaceKeepingFocus(old, el, focusKey);
    this.elements.set(key, el);
  }

  #atBottom() {
    const s = this.stream;
    return s.scrollHeight - s.scrollTop - s.clientHeight <= BOTTOM_SLACK_PX;
  }

  #firstVisible() {
    const top = this.stream.getBoundingClientRect().top;
    for (const el of this.list.children) {
      if (el.getBoundingClientRect().bottom > top) return el;
    }
    return null;
  }

  #scrollToBottom(focus) {
    this.stream.scrollTop = this.stream.scrollHeight;
    this.stuck = true;
    this.unseen = 0;
    this.jump.hidden = true;
    if (focus) this.stream.focus();
    this.#maybeMarkRead();
  }

  #onScroll() {
    this.stuck = this.#atBottom();
    if (this.stuck) {
      this.unseen = 0;
      this.jump.hidden = true;
      this.#maybeMarkRead();
    }
  }

  #maybeMarkRead() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      if (document.visibilityState === 'visible' && this.timeline.based && this.stuck && this.timeline.lastSeq > 0) {
        this.session.markRead(this.roomId, this.timeline.lastSeq);
      }
    }, 400);
  }

  #refused(error) {
    this.refused = true;
    this.notice.hidden = false;
    this.notice.textContent = `This room cannot be opened. ${describeError(error)}`;
    this.composer.setEnabled(false, 'You cannot post here.');
  }

  // ---- header ----

  get title() {
    return this.header.title;
  }

  #renderHeader() {
    this.header.render();
    const r = this.store.rooms.get(this.roomId);
    if (r && !this.refused) this.composer.setEnabled(r.can_post, 'You can read this room but not post in it.');
  }

  #renderTyping() {
    const who = [...(this.store.typing.get(this.roomId)?.values() || [])].map((t) => t.user.display_name);
    this.typing.textContent = who.length === 0 ? '' : who.length === 1 ? `${who[0]} is typing…`
      : who.length === 2 ? `${who[0]} and ${who[1]} are typing…` : 'Several people are typing…';
  }

  #reveal(m) {
    if (m.threadRoot != null) {
      this.openThread(m.threadRoot);
      return;
    }
    const el = this.elements.get(`m:${m.id}`);
    if (!el) {
      this.openThread(m.id);
      return;
    }
    el.scrollIntoView({ block: 'center' });
    el.classList.add('is-highlighted');
    setTimeout(() => el.classList.remove('is-highlighted'), 2000);
    el.querySelector('button')?.focus();
  }
}
