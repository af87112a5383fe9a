// The offline banner: shown while the WebSocket is down, with the countdown to the next attempt,
// a "Try now" button and how many commands wait to be sent (they go automatically, once); and
// while the server is up but its store is not, saying so (the user is still signed in).

import { h } from '../dom.js';

export class ConnectionBanner {
  constructor(session) {
    this.session = session;
    this.text = h('span', { class: 'banner-text' });
    this.retry = h('button', { type: 'button', class: 'banner-retry', onclick: () => session.client.retryNow() }, 'Try now');
    this.el = h('div', { id: 'connection-banner', class: 'connection-banner', role: 'status', hidden: true }, this.text, this.retry);
    this.off = session.store.on('connection', () => this.render());
    this.tick = setInterval(() => this.render(), 1000);
    this.render();
  }

  destroy() {
    this.off();
    clearInterval(this.tick);
  }

  render() {
    const c = this.session.store.connection;
    document.documentElement.dataset.connection = c.state;
    const offline = c.state !== 'online' && c.everOnline;
    const storeDown = c.storeDown && c.state === 'online';
    this.el.hidden = (c.state === 'online' && !storeDown) || (!c.everOnline && c.state === 'connecting');
    this.el.dataset.state = storeDown ? 'store-down' : c.state;
    if (this.el.hidden) return;
    const waiting = c.pending ? ` ${c.pending} unsent ${c.pending === 1 ? 'change waits' : 'changes wait'} and will be sent automatically.` : '';
    if (storeDown) {
      this.text.textContent = `Store unreachable, retrying. You are still signed in.${waiting}`;
      this.retry.hidden = true;
    } else if (c.state === 'connecting') {
      this.text.textContent = `${offline ? 'You are offline. ' : ''}Connecting…${waiting}`;
      this.retry.hidden = true;
    } else {
      const secs = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000)) : 0;
      this.text.textContent = `You are offline. Reconnecting${secs ? ` in ${secs} s` : '…'}.${waiting}`;
      this.retry.hidden = false;
    }
  }
}
