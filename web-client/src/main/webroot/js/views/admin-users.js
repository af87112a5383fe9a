// Users and roles: every account, a new account, and a user's display name, Party and roles.
// A role change takes effect at once on the user's open sockets (the server re-checks them).

import { h, replaceChildren } from '../dom.js';
import { adminForm, checkGroup, checkedValues, field, isAdministrator, loading, required, select, table } from './admin-parts.js';
import { readOnlyNote } from './admin-parties.js';
import { ROLE_LABELS } from './labels.js';

export class UsersSection {
  constructor(session) {
    this.session = session;
    this.admin = isAdministrator(session.me);
    this.lists = h('div', { class: 'admin-lists' });
    this.forms = h('div', { class: 'admin-forms' });
    this.el = h('div', { class: 'admin-section' }, this.admin ? this.forms : readOnlyNote(), this.lists);
    this.load();
  }

  load() {
    const api = this.session.api;
    return loading(this.lists, Promise.all([api.get('/api/users'), api.get('/api/parties')]), ([users, parties]) => {
      this.users = users;
      this.parties = parties;
      const party = new Map(parties.map((p) => [p.id, p.name]));
      replaceChildren(this.lists, h('h3', {}, 'Users'), table({
        caption: `Users (${users.length})`, cls: 'users-table',
        columns: ['Username', 'Name', 'Party', 'Roles', this.admin ? 'Change' : null].filter(Boolean),
        rows: users.map((u) => [u.username, u.display_name, u.party_id ? party.get(u.party_id) || '' : '—',
          u.roles.map((r) => ROLE_LABELS[r] || r).join(', '),
          this.admin ? h('button', { type: 'button', class: 'link-button', dataset: { user: u.username },
            'aria-label': `Edit ${u.display_name}`, onclick: () => this.#edit(u) }, 'Edit') : null].filter((c) => c !== null)),
      }));
      if (this.admin && !this.forms.childElementCount) this.forms.append(this.#createForm().el);
    });
  }

  #partyOptions() {
    return this.parties.map((p) => [p.id, p.name]);
  }

  #createForm() {
    const form = adminForm({ id: 'user-form', title: 'Create a user', submitLabel: 'Create user', onSubmit: async (f) => {
      if (!required(f, [['username', 'Username'], ['display_name', 'Name'], ['password', 'Password']])) return null;
      const v = (n) => f.fields.get(n).control.value.trim();
      const user = await this.session.api.post('/api/users', { username: v('username'), display_name: v('display_name'),
        password: f.fields.get('password').control.value, party_id: v('party_id') ? Number(v('party_id')) : null,
        roles: checkedValues(f.fields.get('roles').control) });
      f.el.reset();
      await this.load();
      return `${user.display_name} can now sign in as ${user.username}.`;
    } });
    form.body.append(
      field(form, { id: 'user-username', name: 'username', label: 'Username', hint: 'Letters, digits, dot, dash or underscore.',
        control: h('input', { type: 'text', maxlength: 64, autocomplete: 'off', autocapitalize: 'none' }) }),
      field(form, { id: 'user-name', name: 'display_name', label: 'Name', control: h('input', { type: 'text', maxlength: 200 }) }),
      field(form, { id: 'user-password', name: 'password', label: 'First password', hint: 'At least 10 characters; tell the user privately.',
        control: h('input', { type: 'password', autocomplete: 'new-password', minlength: 10 }) }),
      field(form, { id: 'user-party', name: 'party_id', label: 'Party', control: select(this.#partyOptions(), null, { blank: 'No Party (SECAS, Consumer Member…)' }) }),
      checkGroup(form, { id: 'user-roles', name: 'roles', legend: 'Roles', options: Object.entries(ROLE_LABELS), checked: ['member'] }));
    return form;
  }

  #edit(u) {
    const form = adminForm({ id: 'user-edit', title: `Change ${u.display_name} (${u.username})`, submitLabel: 'Save changes',
      onSubmit: async (f) => {
        if (!required(f, [['display_name', 'Name']])) return null;
        const party = f.fields.get('party_id').control.value;
        const saved = await this.session.api.put(`/api/users/${u.id}`, {
          display_name: f.fields.get('display_name').control.value.trim(), party_id: party ? Number(party) : null,
          roles: checkedValues(f.fields.get('roles').control) });
        await this.load();
        return `Saved: ${saved.display_name} now has ${saved.roles.map((r) => ROLE_LABELS[r] || r).join(', ') || 'no roles'}.`;
      } });
    form.body.append(
      field(form, { id: 'user-edit-name', name: 'display_name', label: 'Name', control: h('input', { type: 'text', maxlength: 200, value: u.display_name }) }),
      field(form, { id: 'user-edit-party', name: 'party_id', label: 'Party', control: select(this.#partyOptions(), u.party_id, { blank: 'No Party' }) }),
      checkGroup(form, { id: 'user-edit-roles', name: 'roles', legend: 'Roles', options: Object.entries(ROLE_LABELS), checked: u.roles }));
    const cancel = h('button', { type: 'button', onclick: () => { form.el.remove(); this.forms.querySelector('input')?.focus(); } }, 'Close');
    form.button.after(cancel);
    this.forms.querySelector('#user-edit')?.remove();
    this.forms.prepend(form.el);
    form.heading.tabIndex = -1;
    form.heading.focus();
  }
}
