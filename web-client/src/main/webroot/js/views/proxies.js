// Proxies and alternates (#/proxies): the appointments on the seats of every body whose room I may
// read — mine as member or as proxy, my Party's when I am its representative, all for SECAS — and
// appointing or revoking one for a period or for one decision. The server decides who may: its
// refusal shows beside the field it names.

import { h, replaceChildren, timeEl } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { confirmDialog } from './dialogs.js';
import { adminForm, field, isSecas, required, select, table } from './admin-parts.js';

/** "for the decision “…”" / "for meeting 4" / "from now, open-ended". */
export function scopeText(p, decisions = new Map()) {
  if (p.scope === 'decision') return `decision: ${decisions.get(p.scope_id)?.question || `#${p.scope_id}`}`;
  if (p.scope === 'meeting') return `meeting #${p.scope_id}`;
  return p.active_until ? 'a period' : 'until revoked';
}

export function isActive(p, now = Date.now()) {
  return !p.revoked_at && new Date(p.active_from).getTime() <= now && (!p.active_until || new Date(p.active_until).getTime() > now);
}

export class ProxiesView {
  constructor(session) {
    this.session = session;
    this.store = session.store;
    this.me = session.me;
    this.title = h('h2', { id: 'proxies-title', tabindex: -1 }, 'Proxies and alternates');
    this.list = h('div', { class: 'proxies-list' });
    this.formBox = h('div', { class: 'admin-forms' });
    this.el = h('section', { class: 'proxies admin', 'aria-labelledby': 'proxies-title' },
      h('header', { class: 'admin-header' }, this.title,
        h('p', { class: 'hint' }, 'While a proxy or alternate holds your seat, they vote for you and you cannot vote yourself; ',
          'a ballot you cast before the appointment started still counts. Revoke it to vote again.')),
      this.formBox, this.list);
    document.title = 'Proxies · Quorate';
    // Opened straight from its address, the page can come before the registry: load again once it is in.
    this.offRegistry = this.store.bodies.size ? null : this.store.on('rooms', () => {
      if (!this.store.bodies.size) return;
      this.offRegistry?.();
      this.offRegistry = null;
      this.load();
    });
    this.load();
  }

  destroy() {
    this.offRegistry?.();
    this.destroyed = true;
    document.title = 'Quorate';
  }

  focus() {
    this.title.focus();
  }

  /** Bodies I hold a voting seat on, or my Party does (representatives), or all (SECAS); and those where I am someone's proxy. */
  #bodies() {
    const rep = (this.me.roles || []).includes('party_representative') && this.me.party_id;
    return [...this.store.bodies.values()].filter((b) => isSecas(this.me)
      || b.members.some((m) => m.user_id === this.me.id || (rep && m.party_id === this.me.party_id)));
  }

  async load() {
    replaceChildren(this.list, h('p', { class: 'muted' }, 'Loading…'));
    const bodies = this.#bodies();
    const lists = await Promise.all(bodies.map((b) => this.session.api.get(`/api/bodies/${b.id}/proxies`).catch(() => null)));
    this.decisions = await this.#openDecisions();
    if (this.destroyed) return;
    this.appointments = new Map(bodies.map((b, i) => [b.id, lists[i] || []]));
    replaceChildren(this.list);
    let shown = 0;
    bodies.forEach((b, i) => {
      const rows = (lists[i] || []).filter((p) => this.#concernsMe(b, p));
      if (!rows.length) return;
      shown++;
      this.list.append(h('section', { class: 'proxy-body', 'aria-labelledby': `proxies-${b.id}` },
        h('h3', { id: `proxies-${b.id}` }, b.name),
        table({ caption: `Appointments on ${b.name}`, cls: 'proxies-table',
          columns: ['Member', 'Proxy or alternate', 'For', 'From', 'Status', 'Revoke'],
          rows: rows.map((p) => [this.store.userName(p.principal_id), this.store.userName(p.proxy_id), scopeText(p, this.decisions),
            timeEl(p.active_from), p.revoked_at ? h('span', {}, 'Revoked ', timeEl(p.revoked_at))
              : isActive(p) ? h('strong', {}, 'In force') : p.active_until && new Date(p.active_until) < new Date() ? 'Ended' : 'Starts later',
            p.revoked_at ? '—' : h('button', { type: 'button', class: 'link-button', dataset: { proxy: String(p.id) },
              'aria-label': `Revoke ${this.store.userName(p.proxy_id)} for ${this.store.userName(p.principal_id)}`,
              onclick: () => this.#revoke(p) }, 'Revoke')]) })));
    });
    if (!shown) this.list.append(h('p', { class: 'muted' }, 'No proxy or alternate appointments concern you.'));
    this.#renderForm(bodies);
  }

  #concernsMe(b, p) {
    if (isSecas(this.me) || p.principal_id === this.me.id || p.proxy_id === this.me.id || p.appointed_by === this.me.id) return true;
    const seat = b.members.find((m) => m.user_id === p.principal_id);
    return (this.me.roles || []).includes('party_representative') && seat?.party_id != null && seat.party_id === this.me.party_id;
  }

  /** Voting seats I may appoint for: mine, my Party's (representatives), any (SECAS). */
  #seatsFor(b) {
    const rep = (this.me.roles || []).includes('party_representative') && this.me.party_id;
    return b.members.filter((m) => m.voting && (isSecas(this.me) || m.user_id === this.me.id || (rep && m.party_id === this.me.party_id)));
  }

  /** The open decisions in the rooms I may read, for appointments scoped to one decision. */
  async #openDecisions() {
    const rooms = [...this.store.rooms.values()].filter((r) => r.modification_id || r.body_id);
    const lists = await Promise.all(rooms.map((r) => this.session.api.get(`/api/rooms/${r.id}/decisions`).catch(() => [])));
    return new Map(lists.flat().map((d) => [d.id, d]));
  }

  #renderForm(bodies) {
    const eligible = bodies.filter((b) => this.#seatsFor(b).length);
    if (!eligible.length) {
      replaceChildren(this.formBox);
      return;
    }
    const bodySel = select(eligible.map((b) => [b.id, b.name]));
    const memberSel = select([]);
    const decisionSel = select([]);
    const scopeSel = select([['period', 'From now until revoked'], ['decision', 'One decision']]);
    const fillForBody = () => {
      const b = this.store.bodies.get(Number(bodySel.value));
      replaceChildren(memberSel, this.#seatsFor(b).map((m) => h('option', { value: String(m.user_id) },
        m.user_id === this.me.id ? `${m.display_name} (you), ${m.seat}` : `${m.display_name}, ${m.seat}`)));
      const open = [...this.decisions.values()].filter((d) => d.body === b.code && d.status === 'open');
      replaceChildren(decisionSel, open.length ? open.map((d) => h('option', { value: String(d.id) }, d.question))
        : h('option', { value: '' }, 'No decision of this body is open'));
    };
    bodySel.addEventListener('change', fillForBody);
    const proxySel = select([...this.store.users.values()].filter((u) => u.id !== this.me.id || isSecas(this.me))
      .map((u) => [u.id, u.display_name]), null, { blank: 'Choose…' });
    const form = adminForm({ id: 'proxy-form', title: 'Appoint a proxy or alternate', submitLabel: 'Appoint', onSubmit: async (f) => {
      if (!required(f, [['proxy_id', 'The proxy']])) return null;
      const scope = scopeSel.value;
      if (scope === 'decision' && !decisionSel.value) {
        f.fields.get('scope_id').control.setAttribute('aria-invalid', 'true');
        f.fields.get('scope_id').error.textContent = 'Choose the decision (none of this body is open).';
        decisionSel.focus();
        return null;
      }
      const a = await this.session.api.post(`/api/bodies/${bodySel.value}/proxies`, { principal_id: Number(memberSel.value),
        proxy_id: Number(proxySel.value), scope, scope_id: scope === 'decision' ? Number(decisionSel.value) : null });
      await this.load();
      return `${this.store.userName(a.proxy_id)} now votes for ${this.store.userName(a.principal_id)} (${scopeText(a, this.decisions)}).`;
    } });
    const decisionField = field(form, { id: 'proxy-decision', name: 'scope_id', label: 'Decision', control: decisionSel });
    const showDecision = () => { decisionField.hidden = scopeSel.value !== 'decision'; };
    scopeSel.addEventListener('change', showDecision);
    form.body.append(
      field(form, { id: 'proxy-body', name: 'body', label: 'Body', control: bodySel }),
      field(form, { id: 'proxy-principal', name: 'principal_id', label: 'Seat of', control: memberSel }),
      field(form, { id: 'proxy-proxy', name: 'proxy_id', label: 'Proxy or alternate', hint: 'Who votes for the member while appointed.', control: proxySel }),
      field(form, { id: 'proxy-scope', name: 'scope', label: 'For', control: scopeSel }),
      decisionField);
    fillForBody();
    showDecision();
    replaceChildren(this.formBox, form.el);
  }

  async #revoke(p) {
    const ok = await confirmDialog({ title: 'Revoke this appointment?', confirm: 'Revoke', danger: true,
      text: `${this.store.userName(p.proxy_id)} will no longer vote for ${this.store.userName(p.principal_id)}. Ballots already cast by the proxy keep counting.` });
    if (!ok) return;
    try {
      await this.session.api.delete(`/api/proxies/${p.id}`);
      await this.load();
      this.title.focus();
    } catch (err) {
      this.store.reportError(err, `Not revoked: ${describeError(err)}`);
    }
  }
}
