// The page's state and the events views listen to:
//   rooms            the room list changed (summaries)
//   timeline         {room, changes} a room's events changed
//   presence         {room}
//   typing           {room}
//   notifications    the notification list changed
//   connection       {state, retryAt, pending, storeDown}
//   error            {error, context} something the user should be told about
// Views read state from here and call Session actions; they never talk to the socket themselves.

import { Emitter } from './emitter.js';
import { RoomTimeline } from './timeline.js';

export class Store extends Emitter {
  constructor(me) {
    super();
    this.me = me;
    this.rooms = new Map();
    this.bodies = new Map();
    this.users = new Map();
    this.parties = new Map();
    this.categories = new Map();
    this.timelines = new Map();
    this.presence = new Map();
    this.typing = new Map();
    this.notifications = [];
    this.connection = { state: 'connecting', retryAt: null, pending: 0, everOnline: false, storeDown: false };
    this.currentRoom = null;
  }

  timeline(room) {
    if (!this.timelines.has(room)) this.timelines.set(room, new RoomTimeline(room));
    return this.timelines.get(room);
  }

  /** Publishes what changed in a room's timeline since the last publication. */
  flushTimeline(room) {
    const tl = this.timelines.get(room);
    if (!tl) return;
    const changes = tl.takeChanges();
    if (changes.reset || changes.added.size || changes.changed.size || changes.removed.size || changes.threads.size) {
      this.emit('timeline', { room, changes });
    }
  }

  setRooms(list) {
    this.rooms = new Map(list.map((r) => [r.id, r]));
    this.emit('rooms');
  }

  updateRoom(id, patch) {
    const r = this.rooms.get(id);
    if (!r) return;
    this.rooms.set(id, { ...r, ...patch });
    this.emit('rooms');
  }

  setPresence(room, online) {
    this.presence.set(room, online);
    this.emit('presence', { room });
  }

  /** Typing indicators last a few seconds unless renewed. */
  addTyping(room, user, ttlMs = 5000) {
    if (!this.typing.has(room)) this.typing.set(room, new Map());
    const map = this.typing.get(room);
    clearTimeout(map.get(user.id)?.timer);
    const timer = setTimeout(() => {
      map.delete(user.id);
      this.emit('typing', { room });
    }, ttlMs);
    map.set(user.id, { user, timer });
    this.emit('typing', { room });
  }

  clearTyping(room, userId) {
    const entry = this.typing.get(room)?.get(userId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.typing.get(room).delete(userId);
    this.emit('typing', { room });
  }

  forgetEphemeral() {
    for (const room of this.presence.keys()) this.setPresence(room, []);
    for (const [room, map] of this.typing) {
      map.forEach((t) => clearTimeout(t.timer));
      map.clear();
      this.emit('typing', { room });
    }
  }

  setConnection(patch) {
    this.connection = { ...this.connection, ...patch };
    if (this.connection.state === 'online') this.connection.everOnline = true;
    this.emit('connection', this.connection);
  }

  setNotifications(list) {
    this.notifications = list;
    this.emit('notifications');
  }

  addNotification(n) {
    this.notifications = [n, ...this.notifications].slice(0, 200);
    this.emit('notifications');
  }

  get unreadNotifications() {
    return this.notifications.filter((n) => !n.read).length;
  }

  reportError(error, context = '') {
    this.emit('error', { error, context });
  }

  userName(id) {
    return this.users.get(id)?.display_name || `user ${id}`;
  }

  roomName(id) {
    return this.rooms.get(id)?.name || `room ${id}`;
  }
}
