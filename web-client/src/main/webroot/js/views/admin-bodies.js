// Bodies and their seats: the SEC Panel, Sub-Committees and Working Groups; for one body its seats
// (voting or not, the Party or category each represents), the alternates and proxies appointed on
// them, and adding, changing or removing a seat.

import { h, replaceChildren } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { confirmDialog } from './dialogs.js';
import { adminForm, field, isAdministrator, loading, required, select, table } from './admin-parts.js';
import { readOnlyNote } from './admin-parties.js';
import { BODY_KINDS } from './labels.js';
import { scopeText } from './proxies.js';

const KIND = Object.fromEntries([['panel', 'Panel'], ['sub_committee', 'Sub-Committee'], ['working_group', 'Working Group']]);

export class BodiesSection {
  constructor(session) {
    this.session = session;
    this.store = session.store;
    this.admin = isAdministrator(session.me);
    this.lists = h('div', { class: 'admin-lists' });
    this.detail = h('div', { class: 'admin-body-detail' });
    this.forms = h('div', { class: 'admin-forms' });
    this.el = h('div', { class: 'admin-section' }, this.admin ? this.forms : readOnlyNote(), this.lists, this.detail);
    this.load();
  }

  load() {
    const api = this.session.api;
    return loading(this.lists, Promise.all([api.get('/api/bodies'), api.get('/api/users'), api.get('/api/parties'), api.get('/api/party-categories'), api.get('/api/rules')]),
      ([bodies, users, parties, categories, rules]) => {
        Object.assign(this, { bodies, users, parties, categories, rules });
        this.userName = new Map(users.map((u) => [u.id, u.display_name]));
        replaceChildren(this.lists, h('h3', {}, 'Bodies'), table({
          caption: `Bodies (${bodies.length})`, cls: 'bodies-table',
          columns: ['Body', 'Code', 'Kind', 'Chair', 'Seats', 'Open'],
          rows: bodies.map((b) => [b.name, b.code, KIND[b.kind] || b.kind, b.chair_user_id ? this.userName.get(b.chair_user_id) || '' : '—',
            `${b.members.length} (${b.members.filter((m) => m.voting).length} voting)`,
            h('button', { type: 'button', class: 'link-button', dataset: { body: b.code }, 'aria-label': `Seats of ${b.name}`,
              onclick: () => this.show(b.id) }, 'Seats')]),
        }));
        if (this.admin && !this.forms.childElementCount) this.forms.append(this.#createForm().el);
        return this.shown ? this.show(this.shown, false) : null;
      });
  }

  async show(bodyId, focus = true) {
    this.shown = bodyId;
    const b = this.bodies.find((x) => x.id === bodyId);
    if (!b) return;
    let proxies = [];
    let proxyError = null;
    try {
      proxies = await this.session.api.get(`/api/bodies/${b.id}/proxies`);
    } catch (err) {
      proxyError = describeError(err);
    }
    const party = new Map(this.parties.map((p) => [p.id, p.name]));
    const cat = new Map(this.categories.map((c) => [c.code, c.name]));
    const active = proxies.filter((p) => !p.revoked_at && (!p.active_until || new Date(p.active_until) > new Date()));
    const title = h('h3', { id: 'body-detail-title', tabindex: -1 }, `${b.name}: seats`);
    replaceChildren(this.detail, title,
      table({ caption: `Seats on ${b.name} (${b.members.length})`, cls: 'seats-table',
        columns: ['Member', 'Seat', 'Voting', 'Represents', 'Alternates and proxies', this.admin ? 'Remove' : null].filter(Boolean),
        rows: b.members.map((m) => [m.display_name, m.seat, m.voting ? 'Voting' : 'Non-voting',
          m.party_id ? party.get(m.party_id) || '' : m.category ? cat.get(m.category) || m.category : '—',
          active.filter((p) => p.principal_id === m.user_id)
            .map((p) => `${this.userName.get(p.proxy_id) || p.proxy_id} (${scopeText(p)})`).join('; ') || '—',
          this.admin ? h('button', { type: 'button', class: 'link-button danger-text', 'aria-label': `Remove ${m.display_name} from ${b.name}`,
            onclick: () => this.#remove(b, m) }, 'Remove') : null].filter((c) => c !== null)) }),
      proxyError ? h('p', { class: 'hint' }, `Appointments not shown: ${proxyError}`)
        : h('p', { class: 'hint' }, `${active.length} alternate or proxy ${active.length === 1 ? 'appointment' : 'appointments'} in force; `,
          h('a', { href: '#/proxies' }, 'manage appointments'), '.'),
      this.admin ? this.#seatForm(b).el : null);
    if (focus) title.focus();
  }

  async #remove(b, m) {
    const ok = await confirmDialog({ title: `Remove ${m.display_name}?`, confirm: 'Remove seat', danger: true,
      text: `${m.display_name} loses the ${m.seat} seat on ${b.name}, and with it access to the body’s room.` });
    if (!ok) return;
    try {
      await this.session.api.delete(`/api/bodies/${b.id}/members/${m.user_id}`);
      await this.load();
    } catch (err) {
      this.session.store.reportError(err, 'The seat was not removed');
    }
  }

  #seatForm(b) {
    const form = adminForm({ id: 'seat-form', title: `Add or change a seat on ${b.name}`, submitLabel: 'Save seat', onSubmit: async (f) => {
      if (!required(f, [['user_id', 'Member'], ['seat', 'Seat']])) return null;
      const v = (n) => f.fields.get(n).control.value;
      await this.session.api.post(`/api/bodies/${b.id}/members`, { user_id: Number(v('user_id')), seat: v('seat').trim(),
        voting: f.fields.get('voting').control.checked, party_id: v('party_id') ? Number(v('party_id')) : null,
        category: v('category') || null });
      const who = this.userName.get(Number(v('user_id')));
      await this.load();
      return `${who} holds the seat.`;
    } });
    form.body.append(
      field(form, { id: 'seat-user', name: 'user_id', label: 'Member', hint: 'A member already seated here has their seat replaced.',
        control: select(this.users.map((u) => [u.id, `${u.display_name} (${u.username})`]), null, { blank: 'Choose…' }) }),
      field(form, { id: 'seat-name', name: 'seat', label: 'Seat', control: h('input', { type: 'text', maxlength: 200, placeholder: 'e.g. Small Supplier Member' }) }),
      field(form, { id: 'seat-voting', name: 'voting', label: 'Voting seat', control: h('input', { type: 'checkbox', checked: true }) }),
      field(form, { id: 'seat-party', name: 'party_id', label: 'Represents Party', control: select(this.parties.map((p) => [p.id, p.name]), null, { blank: 'No Party' }) }),
      field(form, { id: 'seat-category', name: 'category', label: 'Represents category (seats without a Party)',
        control: select(this.categories.map((c) => [c.code, c.name]), null, { blank: 'None' }) }));
    return form;
  }

  #createForm() {
    const form = adminForm({ id: 'body-form', title: 'Create a body', submitLabel: 'Create body', onSubmit: async (f) => {
      if (!required(f, [['code', 'Code'], ['name', 'Name'], ['rules', 'Decision rules']])) return null;
      const v = (n) => f.fields.get(n).control.value.trim();
      const body = await this.session.api.post('/api/bodies', { code: v('code'), name: v('name'), kind: v('kind'), rules: v('rules'),
        chair_user_id: v('chair_user_id') ? Number(v('chair_user_id')) : null });
      f.el.reset();
      await this.load();
      return `${body.name} created; add its seats below.`;
    } });
    form.body.append(
      field(form, { id: 'body-code', name: 'code', label: 'Code', hint: 'Letters, digits, dash or underscore, e.g. WG_MP240.',
        control: h('input', { type: 'text', maxlength: 40, autocapitalize: 'characters' }) }),
      field(form, { id: 'body-name', name: 'name', label: 'Name', control: h('input', { type: 'text', maxlength: 200 }) }),
      field(form, { id: 'body-kind', name: 'kind', label: 'Kind', control: select(BODY_KINDS.map(([k]) => [k, KIND[k]]), 'working_group') }),
      field(form, { id: 'body-rules', name: 'rules', label: 'Decision rules', hint: 'Counts its decisions: quorum, majority, proxies. Working Groups use WORKING_GROUP.',
        control: select((this.rules || []).map((r) => [r.rules, `${r.name} (${r.rules} v${r.version})`]), 'WORKING_GROUP', { blank: 'Choose…' }) }),
      field(form, { id: 'body-chair', name: 'chair_user_id', label: 'Chair',
        control: select(this.users.map((u) => [u.id, u.display_name]), null, { blank: 'No chair yet' }) }));
    return form;
  }
}
