// Sign in with a Quorate account (username and password).

import { h } from '../dom.js';
import { login } from '../api.js';
import { describeError } from '../protocol/errors.js';

export function signInView({ onSignedIn, notice = '' }) {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' }, notice);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'signin-form', 'aria-describedby': 'signin-error',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      try {
        const reply = await login(username.value.trim(), password.value);
        onSignedIn(reply);
      } catch (err) {
        error.textContent = err.code === 'not_authenticated' ? 'That username and password do not match an account.' : describeError(err);
        submit.disabled = false;
        submit.textContent = 'Sign in';
        password.select();
      }
    },
  },
  h('label', { for: 'username' }, 'Username'), username,
  h('label', { for: 'password' }, 'Password'), password,
  error, submit);
  const el = h('main', { class: 'signin', id: 'main' },
    h('div', { class: 'signin-card' },
      h('h1', {}, 'Quorate'),
      h('p', { class: 'muted' }, 'Discussion, decisions and meetings for the Smart Energy Code.'),
      form));
  setTimeout(() => username.focus());
  return el;
}
