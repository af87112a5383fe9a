// Reducers for the discussion events of issue 3: posts, replies, edits, deletions/redactions, pins
// and system notices. Stream items: "m:<id>" a top-level message, "r:<id>" a reply whose thread
// root is older than what is loaded, "e:<seq>" a notice or an event this client does not know.

import { onRoomEvent } from './registry.js';

onRoomEvent('message_posted', (tl, e, { live }) => {
  let m = tl.messages.get(e.message_id);
  if (!m) {
    m = {
      id: e.message_id,
      seq: e.seq,
      author: e.author,
      body: e.body,
      threadRoot: e.thread_root ?? null,
      mentions: e.mentions || [],
      createdAt: e.created_at,
      deleted: Boolean(e.deleted),
      redaction: false,
      deleteReason: null,
      deletedBy: null,
      revision: 0,
      editedAt: null,
      pinned: false,
      pinSeq: 0,
    };
    tl.messages.set(m.id, m);
  } else {
    // Known from a REST read (a thread opened earlier): keep its newer state, learn what only the event has.
    m.mentions = e.mentions || m.mentions;
    m.author = e.author || m.author;
  }
  if (m.threadRoot == null) {
    tl.addItem({ key: `m:${m.id}`, seq: m.seq, kind: 'message', data: { id: m.id } });
    // Replies shown on their own while this root was not loaded now fold under it.
    for (const replyId of tl.replies.get(m.id) || []) tl.removeItem(`r:${replyId}`);
    if (live) tl.noteLive(`m:${m.id}`);
  } else {
    tl.addReply(m.threadRoot, m.id, m.seq);
    if (!tl.items.has(`m:${m.threadRoot}`)) {
      tl.addItem({ key: `r:${m.id}`, seq: m.seq, kind: 'reply_elsewhere', data: { id: m.id } });
    }
    tl.touchMessage(m.id);
    if (live) tl.noteLive(`r:${m.id}`);
  }
  tl.adoptOrphans(m.id);
});

onRoomEvent('message_edited', (tl, e) => {
  const m = tl.messages.get(e.message_id);
  if (!m) {
    tl.defer(e.message_id, e);
    return;
  }
  if (e.revision > m.revision && !m.deleted) {
    m.body = e.body;
    m.revision = e.revision;
    m.editedAt = e.edited_at;
  } else if (e.revision > m.revision) {
    m.revision = e.revision;
  }
  if (m.editedAt == null) m.editedAt = e.edited_at;
  tl.touchMessage(m.id);
});

onRoomEvent('message_deleted', (tl, e) => {
  const m = tl.messages.get(e.message_id);
  if (!m) {
    tl.defer(e.message_id, e);
    return;
  }
  Object.assign(m, { deleted: true, body: null, redaction: e.redaction, deleteReason: e.reason, deletedBy: e.by,
    deletedAt: e.deleted_at });
  tl.touchMessage(m.id);
});

onRoomEvent('message_pinned', (tl, e) => {
  const m = tl.messages.get(e.message_id);
  if (!m) {
    tl.defer(e.message_id, e);
    return;
  }
  if (e.seq > m.pinSeq) {
    m.pinned = e.pinned;
    m.pinSeq = e.seq;
    m.pinnedBy = e.by;
  }
  tl.touchMessage(m.id);
});

onRoomEvent('system_notice', (tl, e) => {
  tl.addItem({ key: `e:${e.seq}`, seq: e.seq, kind: 'notice', data: e });
});
