// A signed-in session: owns the protocol client, the REST client and the store, turns server
// events into store updates, and offers every user action the views need.

import { Api } from './api.js';
import { QuorateClient, isRoomEvent } from './protocol/client.js';
import { Store } from './store.js';
import './events/messages.js';
import { mergeDecisionViews, applyDecisionTally } from './events/decisions.js';

const HISTORY_PAGE = 50;
const REFRESHING_EVENTS = new Set(['decision_opened', 'decision_changed', 'decision_closed']);
const ROOM_REFRESH_MS = 30000;

export class Session {
  constructor({ token, user, onSignedOut }) {
    this.token = token;
    this.me = user;
    this.onSignedOut = onSignedOut;
    this.store = new Store(user);
    this.api = new Api(token, () => this.#signedOut(), (reachable) => this.#store(reachable));
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new QuorateClient({ url: `${scheme}//${location.host}/ws`, token });
    this.#wire();
  }

  #refreshTimer = null;
  #historyRequests = new Map();
  #ended = false;

  async start() {
    this.client.start();
    await Promise.all([this.refreshRooms(), this.#loadRegistry(), this.loadNotifications()]);
    this.#refreshTimer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.client.state === 'online') this.refreshRooms();
    }, ROOM_REFRESH_MS);
  }

  end() {
    this.#ended = true;
    clearInterval(this.#refreshTimer);
    clearTimeout(this.#storeTimer);
    this.client.stop();
  }

  async signOut() {
    try {
      await this.api.logout();
    } catch (e) {
      // Signing out locally is what matters; the token expires on its own.
    }
    this.end();
  }

  #storeTimer = null;

  /**
   * The server answered but its store did not (503 / `unavailable`): the page says so and keeps
   * the session; waiting commands are re-sent by the client, and /health tells when to read again.
   */
  #store(reachable) {
    const wasDown = this.store.connection.storeDown;
    if (reachable === !wasDown || this.#ended) return;
    this.store.setConnection({ storeDown: !reachable });
    clearTimeout(this.#storeTimer);
    if (reachable) {
      this.refreshRooms();
      return;
    }
    const poll = async () => {
      try {
        const health = await fetch('/health', { headers: { Accept: 'application/json' } });
        if (health.ok) {
          this.#store(true);
          return;
        }
      } catch (e) {
        // The server itself is unreachable; the socket's reconnect reports that.
      }
      if (!this.#ended && this.store.connection.storeDown) this.#storeTimer = setTimeout(poll, 3000);
    };
    this.#storeTimer = setTimeout(poll, 3000);
  }

  #signedOut(error) {
    if (this.#ended) return;
    this.end();
    this.onSignedOut?.(error);
  }

  // ---- server events -> store ----

  #wire() {
    const c = this.client;
    const s = this.store;
    c.on('state', ({ state, retryAt }) => {
      s.setConnection({ state, retryAt });
      // Who is online or typing is unknown while we are not connected; the server re-sends it on resubscribe.
      if (state !== 'online') s.forgetEphemeral();
    });
    c.on('pending', (n) => s.setConnection({ pending: n }));
    c.on('signed_out', (e) => this.#signedOut(e));
    c.on('store', ({ reachable }) => this.#store(reachable));
    c.on('subscription_failed', ({ room, error }) => s.reportError(error, `Could not open ${s.roomName(room)}`));
    c.on('event', (e) => this.#onEvent(e));
  }

  #onEvent(e) {
    const s = this.store;
    if (isRoomEvent(e)) {
      const tl = s.timeline(e.room);
      if (tl.apply(e, { live: true })) {
        this.#noteSeq(e);
        if (e.type === 'message_posted' && e.author) s.clearTyping(e.room, e.author.id);
        s.flushTimeline(e.room);
        // What only the REST view says (Working Days left, whether I may vote, my sealed ballot)
        // may change with these; ballots do not change it for anyone else, so they cause no read.
        if (REFRESHING_EVENTS.has(e.type)) this.refreshDecision(e.room, e.decision_id);
      }
      return;
    }
    switch (e.type) {
      case 'welcome':
        this.refreshRooms();
        break;
      case 'subscribed': {
        const tl = s.timeline(e.room);
        const history = tl.based ? Promise.resolve() : this.fetchHistory(e.room, null);
        history.then(() => this.loadDecisions(e.room), () => {});
        break;
      }
      case 'resync_required': {
        const tl = s.timeline(e.room);
        tl.resync(e.last_seq, e.recent || []);
        s.flushTimeline(e.room);
        this.loadDecisions(e.room);
        break;
      }
      case 'presence':
        s.setPresence(e.room, e.online || []);
        break;
      case 'presence_changed': {
        // A change after the snapshot; may repeat what the snapshot said, so apply it as a set operation.
        const others = (s.presence.get(e.room) || []).filter((u) => u.id !== e.user.id);
        const online = e.change === 'joined' ? [...others, e.user] : others;
        s.setPresence(e.room, online.sort((a, b) => a.display_name.localeCompare(b.display_name)));
        break;
      }
      case 'decision_tally':
        applyDecisionTally(s.timeline(e.room), e);
        s.flushTimeline(e.room);
        break;
      case 'typing_indicator':
        if (e.user && e.user.id !== this.me.id) s.addTyping(e.room, e.user);
        break;
      case 'read_marker':
        s.updateRoom(e.room, { read_seq: e.seq, unread: e.unread });
        break;
      case 'notification':
        s.addNotification({ ...e, id: `live-${e.room}-${e.seq}-${e.kind}`, from_user: e.from?.id, read: false,
          created_at: e.at });
        this.refreshRooms();
        break;
      default:
        break;
    }
  }

  /**
   * Only open rooms are subscribed, and their view marks them read as the reader reaches the
   * bottom; other rooms' unread counts come from the REST room list (on reconnect, on a
   * notification, and every 30 s while the page is visible).
   */
  #noteSeq(e) {
    const room = this.store.rooms.get(e.room);
    if (room && e.seq > room.last_seq) this.store.updateRoom(e.room, { last_seq: e.seq });
  }

  // ---- reads ----

  async refreshRooms() {
    try {
      this.store.setRooms(await this.api.get('/api/rooms'));
    } catch (e) {
      if (e.code !== 'not_authenticated') this.store.reportError(e, 'Could not load the room list');
    }
  }

  async #loadRegistry() {
    const s = this.store;
    const [bodies, users, parties, categories] = await Promise.all([
      this.api.get('/api/bodies'), this.api.get('/api/users'), this.api.get('/api/parties'),
      this.api.get('/api/party-categories')]).catch((e) => {
      s.reportError(e, 'Could not load the registry');
      return [[], [], [], []];
    });
    s.bodies = new Map(bodies.map((b) => [b.id, b]));
    s.users = new Map(users.map((u) => [u.id, u]));
    s.parties = new Map(parties.map((p) => [p.id, p]));
    s.categories = new Map(categories.map((c) => [c.code, c]));
    s.emit('rooms');
  }

  async loadNotifications() {
    try {
      this.store.setNotifications(await this.api.get('/api/notifications'));
    } catch (e) {
      if (e.code !== 'not_authenticated') this.store.reportError(e, 'Could not load notifications');
    }
  }

  async markNotificationsRead() {
    await this.api.post('/api/notifications/read');
    this.store.setNotifications(this.store.notifications.map((n) => ({ ...n, read: true })));
  }

  /** Opens a room: subscribe (resuming from what this page has seen), newest page if nothing yet. */
  openRoom(room) {
    this.store.currentRoom = room;
    const tl = this.store.timeline(room);
    this.client.subscribe(room, { sinceSeq: () => tl.resumeSeq() });
  }

  leaveRoom(room) {
    if (this.store.currentRoom === room) this.store.currentRoom = null;
    this.client.unsubscribe(room);
  }

  /** A page of history before `beforeSeq` (null = the newest page). One request per room at a time. */
  fetchHistory(room, beforeSeq) {
    const key = `${room}:${beforeSeq}`;
    if (this.#historyRequests.has(key)) return this.#historyRequests.get(key);
    const cmd = { type: 'fetch_history', room, limit: HISTORY_PAGE };
    if (beforeSeq !== null) cmd.before_seq = beforeSeq;
    const p = this.client.request(cmd).then((page) => {
      const tl = this.store.timeline(room);
      tl.applyHistory(page.events || [], page.has_more);
      this.store.flushTimeline(room);
      return page;
    }).catch((e) => {
      this.store.reportError(e, 'Could not load messages');
      throw e;
    }).finally(() => this.#historyRequests.delete(key));
    this.#historyRequests.set(key, p);
    return p;
  }

  loadOlder(room) {
    const tl = this.store.timeline(room);
    if (!tl.hasMore || tl.oldestSeq === null) return Promise.resolve(null);
    return this.fetchHistory(room, tl.oldestSeq);
  }

  /** A message with its revisions and its thread's replies (REST), folded into the timeline. */
  async messageDetail(room, messageId) {
    const detail = await this.api.get(`/api/rooms/${room}/messages/${messageId}`);
    const tl = this.store.timeline(room);
    tl.mergeMessage(detail.message);
    for (const r of detail.replies || []) tl.mergeMessage(r);
    this.store.flushTimeline(room);
    return detail;
  }

  /**
   * The room's decisions as they stand (REST), folded into its timeline: decisions opened before
   * the loaded history get their card, and what only the REST view has is filled in.
   */
  async loadDecisions(room) {
    const tl = this.store.timeline(room);
    const covers = tl.lastSeq;
    try {
      const views = await this.api.get(`/api/rooms/${room}/decisions`);
      mergeDecisionViews(tl, views, covers);
      this.store.flushTimeline(room);
    } catch (e) {
      if (e.code !== 'not_authenticated') this.store.reportError(e, 'Could not load the decisions of this room');
    }
  }

  async refreshDecision(room, decisionId) {
    const tl = this.store.timeline(room);
    const covers = tl.lastSeq;
    try {
      const view = await this.api.get(`/api/decisions/${decisionId}`);
      mergeDecisionViews(tl, [view], covers);
      this.store.flushTimeline(room);
    } catch (e) {
      // The events already showed what changed; the next room load reads the rest again.
    }
  }

  search({ query, room = null, author = null }) {
    const cmd = { type: 'search', query, limit: 50 };
    if (room) cmd.room = room;
    if (author) cmd.author = author;
    return this.client.request(cmd).then((r) => r.hits || []);
  }

  // ---- writes (acknowledged after commit; re-sent with the same id after a reconnect) ----

  post(room, body, threadRoot = null) {
    const cmd = { type: 'post_message', room, body, mentions: this.mentionsIn(body) };
    if (threadRoot) cmd.thread_root = threadRoot;
    return this.client.request(cmd);
  }

  edit(room, messageId, body) {
    return this.client.request({ type: 'edit_message', room, message_id: messageId, body });
  }

  remove(room, messageId, reason = null) {
    const cmd = { type: 'delete_message', room, message_id: messageId };
    if (reason) cmd.reason = reason;
    return this.client.request(cmd);
  }

  pin(room, messageId, pinned) {
    return this.client.request({ type: 'pin_message', room, message_id: messageId, pinned });
  }

  /** Opens a decision (moderators); resolves with its id. */
  async openDecision(cmd) {
    const ack = await this.client.request({ type: 'open_decision', ...cmd });
    return ack.message_id;
  }

  /** Casts or changes my ballot on the motion version I read; then reads my ballot back (sealed ballots reach nobody by event). */
  async castBallot(room, decisionId, { choice, reason, objectives, motionVersion }) {
    const cmd = { type: 'cast_ballot', decision_id: decisionId, choice, objectives };
    if (reason) cmd.reason = reason;
    if (motionVersion) cmd.motion_version = motionVersion;
    const ack = await this.client.request(cmd);
    await this.refreshDecision(room, decisionId);
    return ack;
  }

  /** Declares my conflict of interest: I leave the decision's electorate and quorum base. */
  async recuse(room, decisionId, reason) {
    const ack = await this.client.request({ type: 'recuse', decision_id: decisionId, user_id: this.me.id, reason });
    await this.refreshDecision(room, decisionId);
    return ack;
  }

  async withdrawBallot(room, decisionId) {
    const ack = await this.client.request({ type: 'withdraw_ballot', decision_id: decisionId });
    await this.refreshDecision(room, decisionId);
    return ack;
  }

  /** A moderator's change: {change: extend|close|cancel|amend, reason, closes_in_working_days?, motion_text?}. */
  changeDecision(room, decisionId, change) {
    return this.client.request({ type: 'change_decision', decision_id: decisionId, ...change });
  }

  castingVote(room, decisionId, choice, reason) {
    return this.client.request({ type: 'casting_vote', decision_id: decisionId, choice, reason });
  }

  async follow(room, following) {
    await this.client.request({ type: 'follow', room, following });
    this.store.updateRoom(room, { following });
  }

  markRead(room, seq) {
    const r = this.store.rooms.get(room);
    if (!r || seq <= r.read_seq) return;
    this.store.updateRoom(room, { read_seq: seq, unread: 0 });
    this.client.request({ type: 'mark_read', room, seq }).catch((e) => {
      if (e.code !== 'invalid') this.store.reportError(e, 'Could not mark the room read');
    });
  }

  #lastTyping = 0;

  typing(room) {
    const now = Date.now();
    if (now - this.#lastTyping < 3000) return;
    this.#lastTyping = now;
    this.client.send({ type: 'typing', room });
  }

  /**
   * Mentions written as @username (a user) or @category_code (every user of that Party Category,
   * e.g. @gas_network); the server notifies them.
   */
  mentionsIn(body) {
    const out = [];
    const seen = new Set();
    for (const [, name] of body.matchAll(/(?:^|[^\w.])@([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9_])/g)) {
      const user = [...this.store.users.values()].find((u) => u.username === name);
      const mention = user ? { kind: 'user', ref: String(user.id) }
        : this.store.categories.has(name) ? { kind: 'category', ref: name } : null;
      if (mention && !seen.has(`${mention.kind}:${mention.ref}`)) {
        seen.add(`${mention.kind}:${mention.ref}`);
        out.push(mention);
      }
    }
    return out;
  }
}
