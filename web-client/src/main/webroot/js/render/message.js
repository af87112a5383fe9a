// One message as DOM: author, time, safe Markdown body (or its tombstone), edited and pinned
// markers, mentions highlighted, and the actions this user may take on it.

import { h, timeEl, excerpt } from '../dom.js';
import { renderMarkdown } from './markdown.js';

/**
 * ctx: {store, me, room (summary), timeline, editingId, drafts (message id -> unsaved edit text),
 * actions: {reply, openThread, startEdit, saveEdit, cancelEdit, remove, redact, pin, history}}
 */
export function renderMessage(m, ctx, { inThread = false } = {}) {
  const mine = m.author?.id === ctx.me.id;
  const mentionsMe = mentionsUser(m, ctx);
  const li = h('li', {
    class: ['msg', mine && 'is-mine', m.deleted && 'is-deleted', mentionsMe && 'mentions-me', m.pinned && !m.deleted && 'is-pinned',
      m.threadRoot != null && 'is-reply'].filter(Boolean).join(' '),
    id: `${inThread ? 'thread-' : ''}msg-${m.id}`,
    dataset: { messageId: String(m.id), seq: String(m.seq) },
  });
  const metaId = `${li.id}-meta`;
  const article = h('article', { 'aria-labelledby': metaId });
  const meta = h('div', { class: 'msg-meta', id: metaId },
    h('span', { class: 'msg-author' }, m.author?.display_name || ctx.store.userName(m.author?.id)), ' ',
    timeEl(m.createdAt));
  if (!m.deleted && m.revision > 0 && m.editedAt) {
    meta.append(' ', h('button', {
      type: 'button', class: 'link-button msg-edited', dataset: { focus: `edited-${m.id}` },
      title: 'Show the earlier versions of this message',
      onclick: () => ctx.actions.history(m),
    }, '(edited)'));
  }
  if (m.pinned && !m.deleted) meta.append(' ', h('span', { class: 'badge badge-pin' }, 'Pinned'));
  if (mentionsMe) meta.append(' ', h('span', { class: 'badge badge-mention' }, 'Mentions you'));
  article.append(meta);

  if (ctx.editingId === m.id && !m.deleted) {
    article.append(editForm(m, ctx));
  } else {
    article.append(h('div', { class: 'msg-body' }, m.deleted ? tombstone(m, ctx) : renderMarkdown(m.body, {
      mention: (name) => mentionFor(name, m, ctx),
    })));
    const partyMentions = (m.mentions || []).filter((x) => x.kind === 'party');
    if (partyMentions.length && !m.deleted) {
      article.append(h('p', { class: 'msg-party-mentions' }, 'Mentions: ',
        partyMentions.map((p, i) => [i ? ', ' : '', h('span', { class: partyClass(p, ctx) },
          ctx.store.parties.get(Number(p.ref))?.name || `Party ${p.ref}`)])));
    }
  }

  if (!inThread && m.threadRoot == null) {
    const replies = ctx.timeline.repliesOf(m.id);
    if (replies.length) {
      const last = replies[replies.length - 1];
      article.append(h('button', {
        type: 'button', class: 'thread-summary', dataset: { focus: `thread-${m.id}` },
        onclick: () => ctx.actions.reply(m),
      }, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`, h('span', { class: 'muted' },
        ` · last by ${last.author?.display_name || ''}`)));
    }
  }
  article.append(actions(m, ctx, { mine, inThread }));
  li.append(article);
  return li;
}

function actions(m, ctx, { mine, inThread }) {
  const group = h('div', { class: 'msg-actions', role: 'group', 'aria-label': 'Message actions' });
  const who = m.author?.display_name || 'this author';
  const btn = (label, key, onclick, aria) => h('button', {
    type: 'button', class: 'action', dataset: { focus: `${key}-${m.id}` }, onclick, 'aria-label': aria,
  }, label);
  if (!inThread && m.threadRoot == null && ctx.room?.can_post) {
    group.append(btn('Reply', 'reply', () => ctx.actions.reply(m), `Reply in thread to ${who}`));
  }
  if (!m.deleted && mine && ctx.room?.can_post) {
    group.append(btn('Edit', 'edit', () => ctx.actions.startEdit(m), 'Edit your message'));
  }
  if (!m.deleted && mine) {
    group.append(btn('Delete', 'delete', () => ctx.actions.remove(m), 'Delete your message'));
  } else if (!m.deleted && ctx.room?.can_moderate) {
    group.append(btn('Remove…', 'redact', () => ctx.actions.redact(m), `Remove ${who}'s message (moderator; a reason is required)`));
  }
  if ((!m.deleted || m.pinned) && ctx.room?.can_moderate) {
    group.append(m.pinned
      ? btn('Unpin', 'pin', () => ctx.actions.pin(m, false), 'Unpin this message')
      : btn('Pin', 'pin', () => ctx.actions.pin(m, true), 'Pin this message'));
  }
  return group;
}

function editForm(m, ctx) {
  const id = `edit-${m.id}`;
  const area = h('textarea', { id, class: 'edit-text', rows: 3, dataset: { focus: `edit-text-${m.id}` } });
  // A draft survives re-rendering (a reply arriving, an edit by someone else's pin) until saved or cancelled.
  area.value = ctx.drafts?.get(m.id) ?? m.body ?? '';
  area.addEventListener('input', () => ctx.drafts?.set(m.id, area.value));
  const save = () => ctx.actions.saveEdit(m, area.value);
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      ctx.actions.cancelEdit(m);
    }
  });
  return h('form', { class: 'edit-form', onsubmit: (e) => { e.preventDefault(); save(); } },
    h('label', { for: id, class: 'sr-only' }, 'Edit message'),
    area,
    h('div', { class: 'edit-buttons' },
      h('button', { type: 'submit', class: 'primary' }, 'Save'),
      h('button', { type: 'button', onclick: () => ctx.actions.cancelEdit(m) }, 'Cancel'),
      h('span', { class: 'hint' }, 'Enter saves · Shift+Enter new line · Escape cancels')));
}

function tombstone(m, ctx) {
  if (m.redaction) {
    const by = m.deletedBy?.display_name;
    return h('p', { class: 'tombstone' }, `Message removed by a moderator${by ? ` (${by})` : ''}`,
      m.deleteReason ? [': ', h('span', { class: 'tombstone-reason' }, m.deleteReason)] : '', '.');
  }
  return h('p', { class: 'tombstone' }, 'Message deleted by its author.');
}

/** Only tokens the message declares as mentions are highlighted; those naming this user stand out. */
function mentionFor(name, m, ctx) {
  const mentions = m.mentions || [];
  const user = [...ctx.store.users.values()].find((u) => u.username === name);
  if (user && mentions.some((x) => x.kind === 'user' && Number(x.ref) === user.id)) {
    return { className: user.id === ctx.me.id ? 'mention mention-me' : 'mention', label: user.display_name };
  }
  if (ctx.store.categories.has(name) && mentions.some((x) => x.kind === 'category' && x.ref === name)) {
    return { className: myCategory(ctx) === name ? 'mention mention-me' : 'mention', label: ctx.store.categories.get(name).name };
  }
  return null;
}

function partyClass(p, ctx) {
  return Number(p.ref) === ctx.me.party_id ? 'mention mention-me' : 'mention';
}

function myCategory(ctx) {
  return ctx.me.party_id ? ctx.store.parties.get(ctx.me.party_id)?.category : null;
}

export function mentionsUser(m, ctx) {
  if (m.deleted || m.author?.id === ctx.me.id) return false;
  return (m.mentions || []).some((x) => (x.kind === 'user' && Number(x.ref) === ctx.me.id)
    || (x.kind === 'party' && Number(x.ref) === ctx.me.party_id)
    || (x.kind === 'category' && x.ref === myCategory(ctx)));
}

export function messageExcerpt(m) {
  return m.deleted ? '(deleted)' : excerpt(m.body, 140);
}
