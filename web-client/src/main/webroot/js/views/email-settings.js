// Email settings (#/settings/email): the address and how often Quorate writes. What an email may
// say is the server's business: of Amber and Red rooms it says only that something happened.

import { h } from '../dom.js';
import { describeError } from '../protocol/errors.js';

const MODES = [
  ['immediate', 'At once', 'Mentions, a decision that needs your ballot, a closing reminder and a chair’s ruling about you.'],
  ['digest', 'Daily digest', 'Once a day: what happened in the rooms you follow.'],
  ['none', 'No email', 'Quorate never writes to you.'],
];

export class EmailSettingsView {
  constructor(session) {
    this.session = session;
    this.title = h('h2', { id: 'email-settings-title', tabindex: -1 }, 'Email');
    this.address = h('input', { type: 'email', id: 'email-address', name: 'address', autocomplete: 'email', maxlength: 254 });
    this.notice = h('p', { class: 'muted', id: 'email-enabled' });
    this.status = h('p', { role: 'status', id: 'email-status' });
    this.save = h('button', { type: 'submit', class: 'primary', id: 'email-save' }, 'Save');
    this.radios = MODES.map(([value, label, hint]) => h('div', { class: 'email-mode' },
      h('input', { type: 'radio', name: 'mode', id: `email-mode-${value}`, value, 'aria-describedby': `email-mode-${value}-hint` }),
      h('label', { for: `email-mode-${value}` }, label),
      h('p', { class: 'muted', id: `email-mode-${value}-hint` }, hint)));
    this.form = h('form', { class: 'email-settings-form', onsubmit: (e) => { e.preventDefault(); this.#save(); } },
      h('label', { for: 'email-address' }, 'Email address'), this.address,
      h('fieldset', {}, h('legend', {}, 'Send me'), this.radios),
      this.save);
    this.el = h('section', { class: 'email-settings', 'aria-labelledby': 'email-settings-title' },
      this.title, this.notice,
      h('p', { class: 'muted' }, 'Emails about Amber and Red rooms say only that something happened, with a link; '
        + 'their content stays in Quorate. Every email has a one-click unsubscribe link.'),
      this.form, this.status);
    document.title = 'Email · Quorate';
    this.load();
  }

  destroy() {
    document.title = 'Quorate';
  }

  focus() {
    this.title.focus();
  }

  async load() {
    try {
      this.#show(await this.session.api.get('/api/me/email'));
    } catch (e) {
      this.status.textContent = describeError(e);
    }
  }

  #show(pref) {
    this.address.value = pref.address || '';
    for (const input of this.form.querySelectorAll('input[name="mode"]')) input.checked = input.value === pref.mode;
    this.notice.textContent = pref.enabled ? '' : 'This server has no mail server configured: nothing will be sent until it has.';
  }

  async #save() {
    const mode = this.form.querySelector('input[name="mode"]:checked')?.value || 'none';
    this.save.disabled = true;
    this.status.textContent = 'Saving…';
    try {
      const pref = await this.session.api.put('/api/me/email', { address: this.address.value.trim() || null, mode });
      this.#show(pref);
      this.status.textContent = pref.mode === 'none' ? 'Saved: no email.' : `Saved: ${pref.mode === 'digest' ? 'a daily digest' : 'email at once'} to ${pref.address}.`;
    } catch (e) {
      this.status.textContent = describeError(e);
      if (e.field === 'address') this.address.focus();
    } finally {
      this.save.disabled = false;
    }
  }
}
