// The room list: Modifications grouped by stage (in process order), bodies grouped by kind, then
// ad-hoc rooms and direct conversations; unread badges and a follow toggle on every room.

import { h, clear } from '../dom.js';
import { STAGES, stageLabel, BODY_KINDS } from './labels.js';

export class RoomList {
  constructor(session, { onNavigate }) {
    this.session = session;
    this.store = session.store;
    this.onNavigate = onNavigate;
    this.current = null;
    this.followingOnly = false;
    /** room id -> its list item, reused so unread counts update in place (no lost clicks, no flicker) */
    this.items = new Map();
    this.shape = null;
    this.filterBox = h('input', { type: 'checkbox', id: 'following-only', onchange: (e) => {
      this.followingOnly = e.target.checked;
      this.shape = null;
      this.render();
    } });
    this.body = h('div', { class: 'room-groups' });
    this.el = h('nav', { class: 'room-nav', id: 'room-nav', 'aria-label': 'Rooms' },
      h('div', { class: 'room-nav-head' }, h('h2', {}, 'Rooms'),
        h('label', { class: 'check' }, this.filterBox, ' Following only')),
      this.body);
    this.off = this.store.on('rooms', () => this.render());
    this.render();
  }

  destroy() {
    this.off();
  }

  setCurrent(roomId) {
    this.current = roomId;
    for (const a of this.el.querySelectorAll('a.room-link')) {
      if (Number(a.dataset.room) === roomId) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  /** Rebuilds the grouping only when rooms come, go or change group; otherwise updates items in place. */
  render() {
    const rooms = [...this.store.rooms.values()].filter((r) => !this.followingOnly || r.following);
    const shape = JSON.stringify([this.store.rooms.size, this.store.bodies.size, rooms.map((r) => [r.id, r.kind, r.name,
      r.modification_stage, this.store.bodies.get(r.body_id)?.kind])]);
    if (shape === this.shape) {
      rooms.forEach((r) => this.#item(r));
      return;
    }
    this.shape = shape;
    const focusedRoom = this.el.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
    clear(this.body);
    if (this.store.rooms.size === 0) {
      this.body.append(h('p', { class: 'muted' }, 'Loading rooms…'));
      return;
    }
    const mods = rooms.filter((r) => r.kind === 'modification');
    if (mods.length) {
      const section = this.#section('Modifications', 'group-modifications');
      const stages = [...STAGES, ...new Set(mods.map((r) => r.modification_stage).filter((s) => !STAGES.includes(s)))];
      for (const stage of stages) {
        const inStage = mods.filter((r) => r.modification_stage === stage).sort(byName);
        if (inStage.length) section.append(this.#group(stageLabel(stage), inStage, `stage-${stage}`));
      }
      this.body.append(section);
    }
    const bodies = rooms.filter((r) => r.kind === 'body');
    if (bodies.length) {
      const section = this.#section('Bodies', 'group-bodies');
      const kindOf = (r) => this.store.bodies.get(r.body_id)?.kind || 'other';
      for (const [kind, label] of [...BODY_KINDS, ['other', 'Other bodies']]) {
        const inKind = bodies.filter((r) => kindOf(r) === kind).sort(byName);
        if (inKind.length) section.append(this.#group(label, inKind, `body-${kind}`));
      }
      this.body.append(section);
    }
    const adhoc = rooms.filter((r) => r.kind === 'adhoc').sort(byName);
    if (adhoc.length) this.body.append(this.#section('Other rooms', 'group-adhoc', adhoc));
    const direct = rooms.filter((r) => r.kind === 'direct').sort(byName);
    if (direct.length) this.body.append(this.#section('Direct conversations', 'group-direct', direct));
    const known = new Set(['modification', 'body', 'adhoc', 'direct']);
    const other = rooms.filter((r) => !known.has(r.kind)).sort(byName);
    if (other.length) this.body.append(this.#section('More rooms', 'group-other', other));
    if (!rooms.length) this.body.append(h('p', { class: 'muted' }, 'You follow no rooms yet. Use the ☆ next to a room to follow it.'));
    if (focusedRoom) this.el.querySelector(`[data-focus="${CSS.escape(focusedRoom)}"]`)?.focus();
  }

  #section(title, id, rooms = null) {
    const section = h('section', { class: 'room-section', 'aria-labelledby': id }, h('h3', { id }, title));
    if (rooms) section.append(this.#list(rooms));
    return section;
  }

  #group(title, rooms, id) {
    return h('div', { class: 'room-group', role: 'group', 'aria-labelledby': id },
      h('h4', { id }, title), this.#list(rooms));
  }

  #list(rooms) {
    return h('ul', { class: 'room-items' }, rooms.map((r) => this.#item(r)));
  }

  #item(r) {
    let item = this.items.get(r.id);
    if (!item) {
      const badge = h('span', { class: 'badge badge-unread' });
      const link = h('a', {
        href: `#/rooms/${r.id}`, class: 'room-link', dataset: { room: String(r.id), focus: `room-${r.id}` },
        onclick: () => this.onNavigate?.(),
      }, h('span', { class: 'room-name' }, r.name), badge);
      const star = h('button', {
        type: 'button', class: 'follow-star', 'aria-label': `Follow ${r.name}`, dataset: { focus: `follow-${r.id}` },
        onclick: () => {
          const now = this.store.rooms.get(r.id);
          this.session.follow(r.id, !now.following).catch((e) => this.store.reportError(e, 'Could not change following'));
        },
      });
      item = { li: h('li', { class: 'room-item', dataset: { roomId: String(r.id) } }, link, star), link, badge, star };
      this.items.set(r.id, item);
    }
    const unread = r.unread > 0;
    item.link.classList.toggle('has-unread', unread);
    item.badge.hidden = !unread;
    item.badge.textContent = r.unread > 99 ? '99+' : String(r.unread);
    item.badge.setAttribute('aria-label', `${r.unread} unread`);
    if (r.id === this.current) item.link.setAttribute('aria-current', 'page');
    else item.link.removeAttribute('aria-current');
    item.star.classList.toggle('is-following', r.following);
    item.star.setAttribute('aria-pressed', String(r.following));
    item.star.title = r.following ? 'Following: you are notified of new threads' : 'Follow this room';
    item.star.textContent = r.following ? '★' : '☆';
    return item.li;
  }
}

function byName(a, b) {
  return a.name.localeCompare(b.name);
}
