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
    this.filterBox = h('input', { type: 'checkbox', id: 'following-only', onchange: (e) => {
      this.followingOnly = e.target.checked;
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

  render() {
    const focusedRoom = this.el.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
    const rooms = [...this.store.rooms.values()].filter((r) => !this.followingOnly || r.following);
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
    const unread = r.unread > 0;
    const link = h('a', {
      href: `#/rooms/${r.id}`, class: `room-link${unread ? ' has-unread' : ''}`, dataset: { room: String(r.id), focus: `room-${r.id}` },
      'aria-current': r.id === this.current ? 'page' : null,
      onclick: () => this.onNavigate?.(),
    }, h('span', { class: 'room-name' }, r.name),
    unread ? h('span', { class: 'badge badge-unread', 'aria-label': `${r.unread} unread` }, r.unread > 99 ? '99+' : String(r.unread)) : null);
    const star = h('button', {
      type: 'button', class: `follow-star${r.following ? ' is-following' : ''}`, 'aria-pressed': String(r.following),
      'aria-label': `Follow ${r.name}`, title: r.following ? 'Following: you are notified of new threads' : 'Follow this room',
      dataset: { focus: `follow-${r.id}` },
      onclick: () => this.session.follow(r.id, !r.following).catch((e) => this.store.reportError(e, 'Could not change following')),
    }, r.following ? '★' : '☆');
    return h('li', { class: 'room-item', dataset: { roomId: String(r.id) } }, link, star);
  }
}

function byName(a, b) {
  return a.name.localeCompare(b.name);
}
