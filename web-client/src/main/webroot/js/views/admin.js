// Registry administration for SECAS (#/admin/<section>): Parties and Voting Groups (with the CSV
// import), users and roles, bodies and their seats, Modifications with their path, urgency and
// stage. Only SECAS see the entry; the server refuses everyone else anyway, and what a moderator
// may not change (Parties, users, bodies are administrators' work) is shown read-only.

import { h, replaceChildren } from '../dom.js';
import { PartiesSection } from './admin-parties.js';
import { UsersSection } from './admin-users.js';
import { BodiesSection } from './admin-bodies.js';
import { ModificationsSection } from './admin-modifications.js';
import { isSecas } from './admin-parts.js';

export const ADMIN_SECTIONS = [
  ['parties', 'Parties and Voting Groups', PartiesSection],
  ['users', 'Users and roles', UsersSection],
  ['bodies', 'Bodies and seats', BodiesSection],
  ['modifications', 'Modifications', ModificationsSection],
];

export class AdminView {
  constructor(session, sectionKey) {
    this.session = session;
    const entry = ADMIN_SECTIONS.find(([key]) => key === sectionKey) || ADMIN_SECTIONS[0];
    this.title = h('h2', { id: 'admin-title', tabindex: -1 }, `Registry administration: ${entry[1]}`);
    const nav = h('nav', { class: 'admin-nav', 'aria-label': 'Registry sections' },
      h('ul', {}, ADMIN_SECTIONS.map(([key, label]) => h('li', {},
        h('a', { href: `#/admin/${key}`, 'aria-current': key === entry[0] ? 'page' : null }, label)))));
    this.content = h('div', { class: 'admin-content' });
    this.el = h('section', { class: 'admin', 'aria-labelledby': 'admin-title' },
      h('header', { class: 'admin-header' }, h('p', { class: 'decision-kicker' }, 'SECAS'), this.title), nav, this.content);
    document.title = `${entry[1]} · Administration · Quorate`;
    if (!isSecas(session.me)) {
      replaceChildren(this.content, h('p', { class: 'form-error', role: 'alert' },
        'Registry administration is for SECAS. Ask SECAS if something in the registry is wrong.'));
      return;
    }
    this.section = new entry[2](session);
    this.content.append(this.section.el);
  }

  destroy() {
    this.section?.destroy?.();
    document.title = 'Quorate';
  }

  focus() {
    this.title.focus();
  }
}
