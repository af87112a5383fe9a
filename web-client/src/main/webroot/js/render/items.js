// Renderers for the stream items the discussion reducers create. Decision and meeting features
// register their own item kinds the same way (renderItemKind('decision', ...)).

import { h, timeEl, excerpt } from '../dom.js';
import { renderItemKind } from '../events/registry.js';
import { renderMessage } from './message.js';

renderItemKind('message', (item, ctx) => {
  const m = ctx.timeline.messages.get(item.data.id);
  return renderMessage(m, ctx);
});

/** A reply whose thread root is older than what is loaded: shown in place, linking to its thread. */
renderItemKind('reply_elsewhere', (item, ctx) => {
  const m = ctx.timeline.messages.get(item.data.id);
  return h('li', { class: 'msg msg-reply-elsewhere', id: `msg-${m.id}`, dataset: { messageId: String(m.id), seq: String(m.seq) } },
    h('p', {},
      h('span', { class: 'msg-author' }, m.author?.display_name || ''), ' replied in a thread: ',
      h('span', { class: 'muted' }, m.deleted ? '(deleted)' : excerpt(m.body, 100)), ' ',
      timeEl(m.createdAt), ' ',
      h('button', { type: 'button', class: 'link-button', dataset: { focus: `thread-${m.id}` },
        onclick: () => ctx.actions.openThread(m.threadRoot) }, 'Open thread')));
});

renderItemKind('notice', (item) => h('li', { class: 'system-line', dataset: { seq: String(item.seq) } },
  h('span', { class: 'system-kind' }, item.data.kind ? `${item.data.kind.replace(/_/g, ' ')}: ` : ''),
  item.data.text || '', ' ', timeEl(item.data.at)));

/** An event type this version of the client does not know: a neutral line, never an error. */
renderItemKind('unknown', (item) => h('li', { class: 'system-line system-unknown', dataset: { seq: String(item.seq) } },
  `Room update (${String(item.data.type || 'unknown').replace(/_/g, ' ')}) — this page does not show it in detail yet.`));
