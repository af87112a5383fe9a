// QuorateClient: the WebSocket side of the published protocol (protocol/README.md, asyncapi.yaml).
//
// - Authenticates with the first message (browsers cannot set headers on a WebSocket).
// - Keeps a set of subscriptions and re-subscribes after every reconnect with the since_seq the page
//   has seen (asked of the caller each time), so the server replays exactly what was missed.
// - Reconnects by itself with capped, jittered exponential backoff.
// - Every command carries an id; commands that have not been answered are re-sent with the SAME id
//   after a reconnect, and the server's de-duplication makes that safe.

import { Emitter } from '../emitter.js';
import { QuorateError } from './errors.js';

export const PROTOCOL_VERSION = 1;

/** Events that answer or accompany commands; every other event carrying room and seq is a stored room event. */
const NOT_ROOM_EVENTS = new Set(['welcome', 'ack', 'error', 'subscribed', 'resync_required', 'history', 'search_results',
  'presence', 'presence_changed', 'typing_indicator', 'notification', 'read_marker', 'access_lost', 'decision_tally']);

/** Replies that settle a pending command. */
const REPLIES = new Set(['ack', 'error', 'history', 'search_results']);

export function isRoomEvent(event) {
  return !NOT_ROOM_EVENTS.has(event.type) && Number.isFinite(event.room) && Number.isFinite(event.seq);
}

/** Ids unique across page loads: the server de-duplicates by (user, id), so a reused id would be a silent no-op. */
function idPrefix() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class QuorateClient extends Emitter {
  #url;
  #token;
  #socket = null;
  #state = 'idle';
  #attempt = 0;
  #retryTimer = null;
  #connectTimer = null;
  #retryAt = null;
  #stopped = false;
  #prefix = idPrefix();
  #counter = 0;
  #connectionNumber = 0;
  /** id -> {command, resolve, reject}; insertion order is the order they are re-sent in. */
  #pending = new Map();
  /** room -> {sinceSeq: () => number|null} */
  #subscriptions = new Map();
  /** subscribe command id -> room, for the current connection */
  #subscribeIds = new Map();
  #backoff;
  #onlineListener = null;

  constructor({ url, token, backoff = {} }) {
    super();
    this.#url = url;
    this.#token = token;
    this.#backoff = { initialMs: 500, maxMs: 5000, factor: 2, jitter: 0.2, connectTimeoutMs: 10000, ...backoff };
  }

  get state() {
    return this.#state;
  }

  /** When the next reconnection attempt is due (ms since epoch), while reconnecting. */
  get retryAt() {
    return this.#retryAt;
  }

  get pendingCount() {
    return this.#pending.size;
  }

  start() {
    this.#stopped = false;
    this.#connect();
    this.#onlineListener = () => this.retryNow();
    window.addEventListener('online', this.#onlineListener);
  }

  /** Stops for good (sign-out): no reconnect; pending commands fail. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#connectTimer);
    if (this.#onlineListener) window.removeEventListener('online', this.#onlineListener);
    const s = this.#socket;
    this.#socket = null;
    if (s) s.close(1000, 'signed out');
    for (const p of this.#pending.values()) p.reject(new QuorateError('not_authenticated', 'signed out'));
    this.#pending.clear();
    this.#setState('stopped');
  }

  /** Skips the remaining backoff wait (the "Try now" button, or the browser coming back online). */
  retryNow() {
    if (this.#stopped || this.#state === 'online' || this.#state === 'connecting') return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  newId() {
    this.#counter += 1;
    return `${this.#prefix}-${this.#counter}`;
  }

  /**
   * Sends a command and resolves with its reply (ack, history, search_results) or rejects with a
   * QuorateError. While offline the command waits; after a reconnect it is re-sent with the same id.
   */
  request(command) {
    const cmd = { ...command, id: command.id || this.newId() };
    if (this.#stopped) return Promise.reject(new QuorateError('not_authenticated', 'signed out'));
    return new Promise((resolve, reject) => {
      this.#pending.set(cmd.id, { command: cmd, resolve, reject });
      if (this.#state === 'online') this.#write(cmd);
      this.emit('pending', this.#pending.size);
    });
  }

  /** Fire-and-forget (typing): dropped while offline, never retried. */
  send(command) {
    if (this.#state === 'online') this.#write(command);
  }

  /** Subscribes now (if online) and after every reconnect, resuming from sinceSeq(). */
  subscribe(room, { sinceSeq = () => null } = {}) {
    this.#subscriptions.set(room, { sinceSeq });
    if (this.#state === 'online') this.#sendSubscribe(room);
  }

  unsubscribe(room) {
    if (!this.#subscriptions.delete(room)) return;
    if (this.#state === 'online') this.#write({ type: 'unsubscribe', id: this.newId(), room });
  }

  isSubscribed(room) {
    return this.#subscriptions.has(room);
  }

  // ---- connection lifecycle ----

  #connect() {
    if (this.#stopped) return;
    this.#retryAt = null;
    this.#setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.#url);
    } catch (e) {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    const number = ++this.#connectionNumber;
    this.#connectTimer = setTimeout(() => {
      if (this.#socket === socket && this.#state !== 'online') socket.close(4000, 'connect timeout');
    }, this.#backoff.connectTimeoutMs);
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      socket.send(JSON.stringify({ type: 'authenticate', id: `auth-${this.#prefix}-${number}`, token: this.#token,
        protocol_version: PROTOCOL_VERSION }));
    };
    socket.onmessage = (msg) => {
      if (this.#socket !== socket) return;
      let event;
      try {
        event = JSON.parse(msg.data);
      } catch (e) {
        console.error('unreadable frame from the server', e);
        return;
      }
      this.#onEvent(event);
    };
    socket.onclose = (ev) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      clearTimeout(this.#connectTimer);
      this.emit('closed', { code: ev.code, reason: ev.reason });
      this.#scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
  }

  #scheduleReconnect() {
    if (this.#stopped) return;
    const b = this.#backoff;
    const base = Math.min(b.maxMs, b.initialMs * b.factor ** this.#attempt);
    const delay = Math.round(base * (1 - b.jitter + Math.random() * 2 * b.jitter));
    this.#attempt += 1;
    this.#retryAt = Date.now() + delay;
    this.#setState('reconnecting');
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #setState(state) {
    if (this.#state === state && state !== 'reconnecting') return;
    this.#state = state;
    this.emit('state', { state, retryAt: this.#retryAt, attempt: this.#attempt });
  }

  #onEvent(event) {
    if (event.type === 'welcome') {
      clearTimeout(this.#connectTimer);
      this.#attempt = 0;
      this.#setState('online');
      this.emit('event', event);
      this.#subscribeIds.clear();
      for (const room of this.#subscriptions.keys()) this.#sendSubscribe(room);
      for (const p of this.#pending.values()) this.#write(p.command);
      return;
    }
    if (event.type === 'error' && event.id && event.id.startsWith('auth-')) {
      this.#authenticationFailed(event);
      return;
    }
    if (event.type === 'ack' && event.id && event.id.startsWith('auth-')) {
      return;
    }
    if ((event.type === 'subscribed' || event.type === 'resync_required' || event.type === 'error') && this.#subscribeIds.has(event.id)) {
      const room = this.#subscribeIds.get(event.id);
      if (event.type === 'error' && event.code === 'unavailable') {
        // The store is down, not the room closed to us: ask again (from what the page has seen by then).
        this.#subscribeIds.delete(event.id);
        this.emit('store', { reachable: false });
        setTimeout(() => this.#subscriptions.has(room) && this.#state === 'online' && this.#sendSubscribe(room), 2000);
        return;
      }
      if (event.type === 'error') {
        this.#subscriptions.delete(room);
        this.#subscribeIds.delete(event.id);
        this.emit('subscription_failed', { room, error: new QuorateError(event.code, event.message, event.field) });
        return;
      }
      if (event.type === 'subscribed') this.#subscribeIds.delete(event.id);
      this.emit('event', event);
      return;
    }
    if (event.type === 'access_lost') {
      // The server ended the subscription (the user may no longer read the room): do not re-subscribe.
      this.#subscriptions.delete(event.room);
      this.emit('subscription_failed', { room: event.room, error: new QuorateError('not_authorised', event.reason, 'room') });
      return;
    }
    if (REPLIES.has(event.type) && event.id && this.#pending.has(event.id)) {
      const p = this.#pending.get(event.id);
      if (event.type === 'error' && event.code === 'unavailable') {
        // The server is up but its store is not: nothing was done and the session is fine. The same
        // command (same id, so it is applied once) goes again until the store answers.
        p.retries = (p.retries || 0) + 1;
        this.emit('store', { reachable: false });
        setTimeout(() => this.#pending.has(p.command.id) && this.#state === 'online' && this.#write(p.command),
          Math.min(5000, 500 * 2 ** Math.min(p.retries, 4)));
        return;
      }
      if (event.type !== 'error') this.emit('store', { reachable: true });
      if (event.type === 'error' && event.code === 'rate_limited' && (p.retries || 0) < 5) {
        // Nothing was done; the same command (same id) goes again once the server's bucket refills.
        p.retries = (p.retries || 0) + 1;
        setTimeout(() => this.#pending.has(p.command.id) && this.#state === 'online' && this.#write(p.command),
          1000 * p.retries);
        return;
      }
      this.#pending.delete(event.id);
      this.emit('pending', this.#pending.size);
      if (event.type === 'error') {
        const err = new QuorateError(event.code, event.message, event.field);
        if (event.code === 'not_authenticated') this.emit('signed_out', err);
        p.reject(err);
      } else {
        p.resolve(event);
      }
      // An ack is also an event others may care about (e.g. to learn a message id); history and
      // search results are only for whoever asked.
      if (event.type === 'ack') this.emit('event', event);
      return;
    }
    this.emit('event', event);
  }

  #authenticationFailed(event) {
    const err = new QuorateError(event.code, event.message, event.field);
    if (event.code === 'not_authenticated' || event.code === 'invalid') {
      // The token is no good (expired, signed out elsewhere) or we speak another protocol: retrying cannot help.
      this.stop();
      this.emit('signed_out', err);
    } else {
      if (event.code === 'unavailable') this.emit('store', { reachable: false });
      this.#socket?.close(4001, 'authentication failed; retrying');
    }
  }

  #sendSubscribe(room) {
    const sub = this.#subscriptions.get(room);
    const id = this.newId();
    this.#subscribeIds.set(id, room);
    const since = sub.sinceSeq();
    const cmd = { type: 'subscribe', id, room };
    if (since !== null && since !== undefined) cmd.since_seq = since;
    this.#write(cmd);
  }

  #write(cmd) {
    const s = this.#socket;
    if (s && s.readyState === WebSocket.OPEN) s.send(JSON.stringify(cmd));
  }
}
