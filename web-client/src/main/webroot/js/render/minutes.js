// The Markdown subset the minutes use (the server's MarkdownHtml): headings, "- " lists, pipe
// tables, paragraphs, **bold**, [links](url) and backslash escapes, built as DOM nodes. Text only
// ever becomes text nodes, so a chair's edited draft cannot smuggle markup in. Links are made only
// for http(s) and site paths; the minutes' "/rooms/N?from=..&to=.." links open the room here.

import { safeUrl } from './markdown.js';

const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/**
 * @param markdown the minutes
 * @param options.headingOffset added to each heading level (a card inside the page starts at h3), max h6
 * @returns DocumentFragment
 */
export function renderMinutes(markdown, { headingOffset = 2 } = {}) {
  const frag = document.createDocumentFragment();
  if (markdown == null) return frag;
  const lines = String(markdown).replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) frag.append(el('p', inline(paragraph.join(' '))));
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const trimmed = lines[i].trim();
    const listItem = trimmed.startsWith('- ') || trimmed.startsWith('* ');
    const level = headingLevel(trimmed);
    if (trimmed === '' || listItem || level > 0 || trimmed.startsWith('|')) flush();
    if (list && !listItem) list = null;
    if (trimmed === '') {
      i += 1;
    } else if (level > 0) {
      frag.append(el(`h${Math.min(6, level + headingOffset)}`, inline(trimmed.slice(level).trim())));
      i += 1;
    } else if (listItem) {
      if (!list) {
        list = document.createElement('ul');
        frag.append(list);
      }
      list.append(el('li', inline(trimmed.slice(2).trim())));
      i += 1;
    } else if (trimmed.startsWith('|')) {
      let end = i;
      while (end < lines.length && lines[end].trim().startsWith('|')) end += 1;
      frag.append(table(lines.slice(i, end).map((l) => l.trim())));
      i = end;
    } else {
      paragraph.push(trimmed);
      i += 1;
    }
  }
  flush();
  return frag;
}

function headingLevel(line) {
  let level = 0;
  while (level < line.length && level < 6 && line[level] === '#') level += 1;
  return level > 0 && level < line.length && line[level] === ' ' ? level : 0;
}

function table(rows) {
  const header = rows.length > 1 && TABLE_SEPARATOR.test(rows[1]);
  const t = document.createElement('table');
  const wrap = el('div', t);
  wrap.className = 'minutes-table';
  rows.forEach((row, r) => {
    if (header && r === 1) return;
    const tag = header && r === 0 ? 'th' : 'td';
    const tr = document.createElement('tr');
    for (const cell of cells(row)) {
      const c = el(tag, inline(cell));
      if (tag === 'th') c.scope = 'col';
      tr.append(c);
    }
    if (header && r === 0) {
      const head = document.createElement('thead');
      head.append(tr);
      t.append(head);
    } else {
      let body = t.tBodies[0];
      if (!body) {
        body = document.createElement('tbody');
        t.append(body);
      }
      body.append(tr);
    }
  });
  return wrap;
}

/** Splits a table row on unescaped pipes, dropping the empty cells outside the outer pipes. */
export function cells(row) {
  const out = [];
  let cell = '';
  for (let i = 0; i < row.length; i += 1) {
    const c = row[i];
    if (c === '\\' && i + 1 < row.length) {
      cell += c + row[i + 1];
      i += 1;
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  out.push(cell.trim());
  if (out.length && out[0] === '') out.shift();
  if (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** Inline text: escapes, **strong** (toggled, as the server does), [label](url). */
function inline(text) {
  const root = document.createDocumentFragment();
  const stack = [root];
  let buf = '';
  const top = () => stack[stack.length - 1];
  const flush = () => {
    if (buf) top().append(document.createTextNode(buf));
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && PUNCTUATION.includes(text[i + 1])) {
      buf += text[i + 1];
      i += 2;
    } else if (text.startsWith('**', i)) {
      flush();
      if (stack.length > 1) {
        stack.pop();
      } else {
        const strong = document.createElement('strong');
        top().append(strong);
        stack.push(strong);
      }
      i += 2;
    } else if (c === '[') {
      const link = parseLink(text, i);
      if (link) {
        flush();
        top().append(link.node);
        i = link.end;
      } else {
        buf += c;
        i += 1;
      }
    } else {
      buf += c;
      i += 1;
    }
  }
  flush();
  return root;
}

function parseLink(text, start) {
  let close = start + 1;
  while (close < text.length && text[close] !== ']') close += text[close] === '\\' ? 2 : 1;
  if (close + 1 >= text.length || text[close + 1] !== '(') return null;
  const end = text.indexOf(')', close + 2);
  if (end < 0) return null;
  const href = linkTarget(text.slice(close + 2, end));
  if (!href) return null;
  const a = document.createElement('a');
  a.href = href;
  if (!href.startsWith('#')) {
    a.rel = 'noopener noreferrer nofollow';
    a.target = '_blank';
  }
  a.append(inline(text.slice(start + 1, close)));
  return { node: a, end: end + 1 };
}

/** http(s) links as they are; the minutes' room links as this client's routes; other site paths as they are. */
export function linkTarget(url) {
  if (/[\s<>"'`\\]/.test(url) || url.length === 0 || url.length > 2000) return null;
  const room = /^\/rooms\/(\d+)(?:[?#].*)?$/.exec(url);
  if (room) return `#/rooms/${room[1]}`;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? safeUrl(url) : null;
}

function el(tag, ...children) {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}
