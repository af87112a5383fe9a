// Modifications: raise one, change its title, proposer, path and urgency, and move it to another
// stage with a reason (the only way its stage changes, so the history is always recorded; the
// Modification's room shows that history).

import { h, replaceChildren, timeEl } from '../dom.js';
import { adminForm, field, loading, required, select, table } from './admin-parts.js';
import { PATHS, STAGES, stageLabel } from './labels.js';

export class ModificationsSection {
  constructor(session) {
    this.session = session;
    this.store = session.store;
    this.lists = h('div', { class: 'admin-lists' });
    this.detail = h('div', { class: 'admin-mod-detail' });
    this.forms = h('div', { class: 'admin-forms' });
    this.el = h('div', { class: 'admin-section' }, this.forms, this.lists, this.detail);
    this.load();
  }

  load() {
    const api = this.session.api;
    return loading(this.lists, Promise.all([api.get('/api/modifications'), api.get('/api/parties')]), ([mods, parties]) => {
      this.mods = mods;
      this.parties = parties;
      const party = new Map(parties.map((p) => [p.id, p.name]));
      replaceChildren(this.lists, h('h3', {}, 'Modifications'), table({
        caption: `Modifications (${mods.length})`, cls: 'mods-table',
        columns: ['Modification', 'Title', 'Proposer', 'Path', 'Urgent', 'Stage', 'Change'],
        rows: mods.map((m) => [m.id, m.title, m.proposer_party_id ? party.get(m.proposer_party_id) || '' : '—', PATHS[m.path] || m.path,
          m.urgent ? 'Urgent' : 'No', stageLabel(m.stage),
          h('button', { type: 'button', class: 'link-button', dataset: { mod: m.id }, 'aria-label': `Change ${m.id}`,
            onclick: () => this.show(m.id) }, 'Change')]),
      }));
      if (!this.forms.childElementCount) this.forms.append(this.#createForm().el);
      return this.shown ? this.show(this.shown, false) : null;
    });
  }

  #partyOptions() {
    return this.parties.map((p) => [p.id, p.name]);
  }

  #createForm() {
    const form = adminForm({ id: 'mod-form', title: 'Raise a Modification', submitLabel: 'Raise Modification', onSubmit: async (f) => {
      if (!required(f, [['id', 'Reference'], ['title', 'Title']])) return null;
      const v = (n) => f.fields.get(n).control.value.trim();
      const mod = await this.session.api.post('/api/modifications', { id: v('id'), title: v('title'),
        proposer_party_id: v('proposer_party_id') ? Number(v('proposer_party_id')) : null, path: v('path'),
        urgent: f.fields.get('urgent').control.checked, stage: v('stage') });
      f.el.reset();
      await this.load();
      return `${mod.id} raised at ${stageLabel(mod.stage)}.`;
    } });
    form.body.append(
      field(form, { id: 'mod-id', name: 'id', label: 'Reference', hint: 'MP or DP and a number, e.g. MP240.',
        control: h('input', { type: 'text', maxlength: 12, autocapitalize: 'characters' }) }),
      field(form, { id: 'mod-title', name: 'title', label: 'Title', control: h('input', { type: 'text', maxlength: 300 }) }),
      field(form, { id: 'mod-proposer', name: 'proposer_party_id', label: 'Proposer', control: select(this.#partyOptions(), null, { blank: 'None' }) }),
      field(form, { id: 'mod-path', name: 'path', label: 'Path', control: select(Object.entries(PATHS), 'path_3_self_governance') }),
      field(form, { id: 'mod-urgent', name: 'urgent', label: 'Urgent', control: h('input', { type: 'checkbox' }) }),
      field(form, { id: 'mod-stage', name: 'stage', label: 'Raised at stage', control: select(STAGES.map((s) => [s, stageLabel(s)]), 'draft_development') }));
    return form;
  }

  show(id, focus = true) {
    this.shown = id;
    const m = this.mods.find((x) => x.id === id);
    if (!m) return;
    const title = h('h3', { id: 'mod-detail-title', tabindex: -1 }, `${m.id}: ${m.title}`);
    const room = [...this.store.rooms.values()].find((r) => r.modification_id === m.id);
    replaceChildren(this.detail, title,
      h('p', {}, h('span', { class: 'badge badge-stage' }, stageLabel(m.stage)), m.urgent ? [' ', h('span', { class: 'badge' }, 'Urgent')] : '',
        room ? [' · ', h('a', { href: `#/rooms/${room.id}` }, `Open the ${m.id} room`)] : ''),
      h('div', { class: 'admin-forms' }, this.#editForm(m).el, this.#stageForm(m).el),
      stageHistory(m, this.store, 'mod-history'));
    if (focus) title.focus();
  }

  #editForm(m) {
    const form = adminForm({ id: 'mod-edit', title: 'Title, proposer, path and urgency', submitLabel: 'Save', onSubmit: async (f) => {
      if (!required(f, [['title', 'Title']])) return null;
      const v = (n) => f.fields.get(n).control.value.trim();
      const saved = await this.session.api.put(`/api/modifications/${encodeURIComponent(m.id)}`, { title: v('title'),
        proposer_party_id: v('proposer_party_id') ? Number(v('proposer_party_id')) : null, path: v('path'),
        urgent: f.fields.get('urgent').control.checked });
      await this.load();
      return `${saved.id} saved: ${PATHS[saved.path]}${saved.urgent ? ', urgent' : ''}.`;
    } });
    form.body.append(
      field(form, { id: 'mod-edit-title', name: 'title', label: 'Title', control: h('input', { type: 'text', maxlength: 300, value: m.title }) }),
      field(form, { id: 'mod-edit-proposer', name: 'proposer_party_id', label: 'Proposer', control: select(this.#partyOptions(), m.proposer_party_id, { blank: 'None' }) }),
      field(form, { id: 'mod-edit-path', name: 'path', label: 'Path', control: select(Object.entries(PATHS), m.path) }),
      field(form, { id: 'mod-edit-urgent', name: 'urgent', label: 'Urgent', control: h('input', { type: 'checkbox', checked: m.urgent }) }));
    return form;
  }

  #stageForm(m) {
    const form = adminForm({ id: 'mod-stage-form', title: 'Move to another stage', submitLabel: 'Change stage', onSubmit: async (f) => {
      if (!required(f, [['reason', 'A reason']])) return null;
      const saved = await this.session.api.post(`/api/modifications/${encodeURIComponent(m.id)}/stage`, {
        stage: f.fields.get('stage').control.value, reason: f.fields.get('reason').control.value.trim() });
      await this.load();
      return `${saved.id} is now at ${stageLabel(saved.stage)}.`;
    } });
    form.body.append(
      field(form, { id: 'mod-new-stage', name: 'stage', label: 'New stage',
        control: select(STAGES.map((s) => [s, stageLabel(s)]), STAGES[STAGES.indexOf(m.stage) + 1] || m.stage) }),
      field(form, { id: 'mod-stage-reason', name: 'reason', label: 'Reason', hint: 'Kept in the stage history, which Parties read in the Modification’s room.',
        control: h('textarea', { rows: 2, maxlength: 2000 }) }));
    return form;
  }
}

/** The stage history, oldest first: from, to, who, when and why. */
export function stageHistory(m, store, id, heading = 'h4') {
  return h('section', { class: 'stage-history', 'aria-labelledby': `${id}-title` },
    h(heading, { id: `${id}-title` }, `Stage history of ${m.id}`),
    h('ol', { class: 'stage-history-list' }, m.history.map((c) => h('li', {},
      h('strong', {}, c.from_stage ? `${stageLabel(c.from_stage)} → ${stageLabel(c.to_stage)}` : `Raised at ${stageLabel(c.to_stage)}`),
      ' · ', timeEl(c.changed_at), ` · ${store.userName(c.changed_by)}`,
      c.reason ? h('span', { class: 'stage-reason' }, `: ${c.reason}`) : ''))));
}
