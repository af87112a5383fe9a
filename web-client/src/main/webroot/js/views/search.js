// Search over every message the user may read (full text, server side), optionally within the
// open room or by one author. Hits open their thread beside the room.

import { h, clear, timeEl } from '../dom.js';
import { describeError } from '../protocol/errors.js';

export class SearchPanel {
  constructor(session, { query = '', currentRoom = null, close }) {
    this.session = session;
    this.store = session.store;
    this.input = h('input', { type: 'search', id: 'search-panel-q', name: 'q', value: query, required: true, maxlength: 200 });
    this.scope = h('select', { id: 'search-scope' },
      h('option', { value: '' }, 'All rooms I can read'),
      currentRoom ? h('option', { value: String(currentRoom) }, `Only ${this.store.roomName(currentRoom)}`) : null);
    this.author = h('select', { id: 'search-author' }, h('option', { value: '' }, 'Anyone'),
      [...this.store.users.values()].sort((a, b) => a.display_name.localeCompare(b.display_name))
        .map((u) => h('option', { value: String(u.id) }, u.display_name)));
    this.results = h('ol', { class: 'search-results', 'aria-label': 'Search results' });
    this.status = h('p', { class: 'muted', role: 'status' });
    this.el = h('section', { class: 'search-panel', 'aria-labelledby': 'search-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'search-title', tabindex: -1 }, 'Search'),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close search', onclick: close }, '×')),
      h('form', { class: 'search-form', role: 'search', onsubmit: (e) => { e.preventDefault(); this.run(); } },
        h('label', { for: 'search-panel-q' }, 'Words to find'), this.input,
        h('label', { for: 'search-scope' }, 'Where'), this.scope,
        h('label', { for: 'search-author' }, 'Written by'), this.author,
        h('button', { type: 'submit', class: 'primary' }, 'Search')),
      this.status, this.results);
    this.el.addEventListener('keydown', (e) => e.key === 'Escape' && close());
    if (query) this.run();
  }

  destroy() {}

  focus() {
    this.input.focus();
  }

  async run() {
    const query = this.input.value.trim();
    if (!query) return;
    this.status.textContent = 'Searching…';
    clear(this.results);
    try {
      const hits = await this.session.search({ query, room: Number(this.scope.value) || null, author: Number(this.author.value) || null });
      this.status.textContent = hits.length ? `${hits.length} ${hits.length === 1 ? 'message' : 'messages'} found.` : 'Nothing found.';
      for (const hit of hits) this.results.append(this.#hit(hit));
    } catch (e) {
      this.status.textContent = describeError(e);
    }
  }

  #hit(hit) {
    return h('li', { class: 'search-hit' },
      h('a', { href: `#/rooms/${hit.room}/thread/${hit.message_id}` },
        h('span', { class: 'search-room' }, hit.room_name), ' · ',
        h('span', { class: 'msg-author' }, hit.author?.display_name || ''), ' · ', timeEl(hit.created_at)),
      h('p', { class: 'search-excerpt' }, highlighted(hit.excerpt || '')));
  }
}

/** The server marks matches with « and »; they become <mark> elements around text nodes. */
export function highlighted(excerpt) {
  const parts = [];
  let rest = excerpt;
  while (rest.length) {
    const start = rest.indexOf('«');
    const end = start < 0 ? -1 : rest.indexOf('»', start);
    if (start < 0 || end < 0) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    parts.push(h('mark', {}, rest.slice(start + 1, end)));
    rest = rest.slice(end + 1);
  }
  return parts;
}
