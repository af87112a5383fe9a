// One room's events as the page knows them: pure state, no DOM. Applies room events in any order
// they arrive (replay, live, older history pages), drops duplicates by seq, and records what
// changed so the views can update only those parts.
//
// Invariant: the applied events form one contiguous range [oldestSeq, lastSeq] once `based`
// (a history page or a resync snapshot reached the newest event); so the resume point sent on
// reconnect, lastSeq, never skips anything.

import { reducerFor, unknownEvent } from './events/registry.js';

export class RoomTimeline {
  constructor(room) {
    this.room = room;
    this.reset();
  }

  reset() {
    this.seen = new Set();
    this.lastSeq = 0;
    this.oldestSeq = null;
    this.based = false;
    this.hasMore = false;
    /** message id -> message state */
    this.messages = new Map();
    /** thread root id -> reply ids in seq order */
    this.replies = new Map();
    /** item key -> {key, seq, kind, data} */
    this.items = new Map();
    /** item keys in seq order */
    this.order = [];
    /** message id -> events that arrived before the message itself (older than the loaded range) */
    this.orphans = new Map();
    /** per-feature state (decisions, meetings) kept by their reducers */
    this.extensions = new Map();
    this.changes = freshChanges(true);
  }

  /** The since_seq to resume from, or null when the page has no base yet (then: fetch the newest page). */
  resumeSeq() {
    return this.based ? this.lastSeq : null;
  }

  /** Applies one stored room event; false when it was a duplicate. */
  apply(event, { live = false } = {}) {
    if (this.seen.has(event.seq)) return false;
    this.seen.add(event.seq);
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    this.oldestSeq = this.oldestSeq === null ? event.seq : Math.min(this.oldestSeq, event.seq);
    try {
      reducerFor(event.type)(this, event, { live });
    } catch (e) {
      console.error(`could not apply ${event.type} #${event.seq}`, e);
      if (!this.items.has(`e:${event.seq}`)) unknownEvent(this, event);
    }
    return true;
  }

  /** A page of history (oldest first). */
  applyHistory(events, hasMore) {
    for (const e of events) this.apply(e);
    const isOldestPage = events.length === 0 || events[0].seq <= (this.oldestSeq ?? Infinity);
    if (isOldestPage) this.hasMore = hasMore;
    this.based = true;
  }

  /** The server could not replay from our resume point: start again from its snapshot. */
  resync(lastSeq, recent) {
    this.reset();
    for (const e of recent) this.apply(e);
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
    this.hasMore = (this.oldestSeq ?? lastSeq + 1) > 1;
    this.based = true;
  }

  /** What changed since the last call; views render from this. */
  takeChanges() {
    const c = this.changes;
    this.changes = freshChanges(false);
    return c;
  }

  // ---- for reducers ----

  addItem(item) {
    if (this.items.has(item.key)) {
      this.items.set(item.key, item);
      this.changes.changed.add(item.key);
      return;
    }
    this.items.set(item.key, item);
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items.get(this.order[mid]).seq < item.seq) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, item.key);
    this.changes.added.add(item.key);
  }

  removeItem(key) {
    if (!this.items.delete(key)) return;
    this.order.splice(this.order.indexOf(key), 1);
    this.changes.added.delete(key);
    this.changes.changed.delete(key);
    this.changes.removed.add(key);
  }

  touchItem(key) {
    if (this.items.has(key) && !this.changes.added.has(key)) this.changes.changed.add(key);
  }

  /** A message changed: redraw wherever it shows (its stream item, its thread). */
  touchMessage(id) {
    const m = this.messages.get(id);
    if (!m) return;
    if (m.threadRoot == null) {
      this.touchItem(`m:${id}`);
      this.changes.threads.add(id);
    } else {
      this.touchItem(`r:${id}`);
      this.touchItem(`m:${m.threadRoot}`);
      this.changes.threads.add(m.threadRoot);
    }
  }

  defer(messageId, event) {
    if (!this.orphans.has(messageId)) this.orphans.set(messageId, []);
    this.orphans.get(messageId).push(event);
  }

  /** Applies events that were waiting for this message, in seq order. */
  adoptOrphans(messageId) {
    const waiting = this.orphans.get(messageId);
    if (!waiting) return;
    this.orphans.delete(messageId);
    waiting.sort((a, b) => a.seq - b.seq).forEach((e) => reducerFor(e.type)(this, e, { live: false }));
  }

  addReply(rootId, replyId, seq) {
    if (!this.replies.has(rootId)) this.replies.set(rootId, []);
    const list = this.replies.get(rootId);
    if (list.includes(replyId)) return;
    const at = list.findIndex((id) => (this.messages.get(id)?.seq ?? Infinity) > seq);
    if (at < 0) list.push(replyId);
    else list.splice(at, 0, replyId);
  }

  repliesOf(rootId) {
    return (this.replies.get(rootId) || []).map((id) => this.messages.get(id)).filter(Boolean);
  }

  noteLive(key) {
    this.changes.live.push(key);
  }

  // ---- merging a REST read (a thread whose root is older than the loaded range) ----

  /** Folds in a message read over REST ({message, replies}); events stay authoritative where they overlap. */
  mergeMessage(rest) {
    const known = this.messages.get(rest.id);
    if (known) {
      if (rest.revision >= known.revision && !known.deleted) {
        known.body = rest.body;
        known.revision = rest.revision;
        known.editedAt = rest.edited_at;
      }
      if (rest.deleted_at && !known.deleted) {
        Object.assign(known, { deleted: true, body: null, redaction: rest.redaction, deleteReason: rest.delete_reason });
      }
      if (known.pinSeq === 0) known.pinned = rest.pinned;
      this.touchMessage(rest.id);
      return known;
    }
    const m = {
      id: rest.id,
      seq: rest.seq,
      author: { id: rest.author_id, display_name: rest.author_name },
      body: rest.body,
      threadRoot: rest.thread_root_id,
      mentions: [],
      createdAt: rest.created_at,
      deleted: Boolean(rest.deleted_at),
      redaction: rest.redaction,
      deleteReason: rest.delete_reason,
      deletedBy: null,
      revision: rest.revision,
      editedAt: rest.edited_at,
      pinned: rest.pinned,
      pinSeq: 0,
    };
    this.messages.set(m.id, m);
    if (m.threadRoot != null) this.addReply(m.threadRoot, m.id, m.seq);
    this.adoptOrphans(m.id);
    this.touchMessage(m.id);
    return m;
  }
}

function freshChanges(reset) {
  return { reset, added: new Set(), changed: new Set(), removed: new Set(), threads: new Set(), live: [] };
}
