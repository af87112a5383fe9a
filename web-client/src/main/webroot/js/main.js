// Entry point: restores a session from this tab (sessionStorage) or shows sign-in.

import { Session } from './session.js';
import { Shell } from './views/shell.js';
import { signInView } from './views/signin.js';
import { describeError } from './protocol/errors.js';

const KEY = 'quorate.session';
const root = document.getElementById('app');
let current = null;

function showSignIn(notice = '') {
  document.title = 'Sign in · Quorate';
  root.replaceChildren(signInView({
    notice,
    onSignedIn: (reply) => {
      sessionStorage.setItem(KEY, JSON.stringify({ token: reply.token, user: reply.user }));
      start(reply.token, reply.user);
    },
  }));
}

function start(token, user) {
  document.title = 'Quorate';
  const session = new Session({
    token,
    user,
    onSignedOut: (err) => {
      stop();
      showSignIn(err ? describeError(err) : '');
    },
  });
  const shell = new Shell(session, {
    onSignOut: async () => {
      await session.signOut();
      stop();
      showSignIn('You have signed out.');
    },
  });
  current = { session, shell };
  root.replaceChildren(shell.el);
  session.start();
  shell.route();
}

function stop() {
  sessionStorage.removeItem(KEY);
  if (!current) return;
  current.shell.destroy();
  current.session.end();
  current = null;
}

const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
if (saved?.token) start(saved.token, saved.user);
else showSignIn();
