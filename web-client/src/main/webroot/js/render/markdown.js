// The safe Markdown subset of Quorate messages, rendered by building DOM nodes. Message text only
// ever reaches the page as text nodes (never innerHTML), so "<img src=x onerror=...>" shows as
// those characters. Supported: paragraphs and line breaks, "- " lists, "> " quotes, ``` code
// blocks, `code`, **bold**, *italic*, [text](url) and bare URLs for http, https and mailto only
// (anything else, e.g. javascript:, stays literal text), and @mentions the message declares.

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MAX_DEPTH = 4;

/** The URL as the browser will use it, or null when it is not an allowed link. */
export function safeUrl(raw) {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  // Control characters and spaces could hide a scheme from a naive check; refuse them outright.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  let url;
  try {
    url = new URL(raw);
  } catch (e) {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/**
 * @param text message text
 * @param options.mention (name) -> {className, label}|null : which "@name" tokens are mentions
 * @returns DocumentFragment
 */
export function renderMarkdown(text, options = {}) {
  const frag = document.createDocumentFragment();
  if (text == null) return frag;
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i += 1;
    } else if (line.trimStart().startsWith('```')) {
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].trimStart().startsWith('```')) code.push(lines[i++]);
      i += 1;
      const pre = document.createElement('pre');
      const c = document.createElement('code');
      c.textContent = code.join('\n');
      pre.append(c);
      frag.append(pre);
    } else if (isListLine(line)) {
      const ul = document.createElement('ul');
      while (i < lines.length && isListLine(lines[i])) {
        const li = document.createElement('li');
        li.append(inline(lines[i].trimStart().slice(2), options, 0));
        ul.append(li);
        i += 1;
      }
      frag.append(ul);
    } else if (line.startsWith('>')) {
      const quote = document.createElement('blockquote');
      const body = [];
      while (i < lines.length && lines[i].startsWith('>')) body.push(lines[i++].replace(/^> ?/, ''));
      quote.append(paragraph(body, options));
      frag.append(quote);
    } else {
      const body = [];
      while (i < lines.length && lines[i].trim() !== '' && !isListLine(lines[i]) && !lines[i].startsWith('>')
        && !lines[i].trimStart().startsWith('```')) {
        body.push(lines[i++]);
      }
      frag.append(paragraph(body, options));
    }
  }
  return frag;
}

function isListLine(line) {
  return /^\s*[-*] \S/.test(line) && !/^\s*\*\*/.test(line);
}

function paragraph(lines, options) {
  const p = document.createElement('p');
  lines.forEach((l, n) => {
    if (n > 0) p.append(document.createElement('br'));
    p.append(inline(l, options, 0));
  });
  return p;
}

/** Inline spans of one line, scanned left to right. */
function inline(s, options, depth) {
  const out = document.createDocumentFragment();
  let text = '';
  const flush = () => {
    if (text) out.append(document.createTextNode(text));
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const prev = i > 0 ? s[i - 1] : ' ';
    if (ch === '\\' && i + 1 < s.length && /[\\`*_[\]()@#>-]/.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        const code = document.createElement('code');
        code.textContent = s.slice(i + 1, end);
        out.append(code);
        i = end + 1;
        continue;
      }
    }
    if (ch === '*' && s[i + 1] === '*' && depth < MAX_DEPTH) {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2 && s[i + 2] !== ' ' && s[end - 1] !== ' ') {
        flush();
        const strong = document.createElement('strong');
        strong.append(inline(s.slice(i + 2, end), options, depth + 1));
        out.append(strong);
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' && s[i + 1] !== '*' && s[i + 1] !== ' ' && s[i + 1] !== undefined && depth < MAX_DEPTH) {
      const end = findClosingStar(s, i + 1);
      if (end > i + 1 && s[end - 1] !== ' ') {
        flush();
        const em = document.createElement('em');
        em.append(inline(s.slice(i + 1, end), options, depth + 1));
        out.append(em);
        i = end + 1;
        continue;
      }
    }
    if (ch === '[' && depth < MAX_DEPTH && !options.noLinks) {
      const link = parseLink(s, i);
      if (link) {
        const href = safeUrl(link.url);
        if (href) {
          flush();
          out.append(anchor(href, inline(link.label, { ...options, noLinks: true }, depth + 1)));
        } else {
          // Not an allowed link: the reader sees exactly what was written.
          text += s.slice(i, link.end);
        }
        i = link.end;
        continue;
      }
    }
    if (!options.noLinks && (s.startsWith('https://', i) || s.startsWith('http://', i) || s.startsWith('mailto:', i))
      && /[\s(]/.test(prev)) {
      let end = i;
      while (end < s.length && !/\s/.test(s[end])) end += 1;
      while (end > i && /[.,;:!?)'"\]]/.test(s[end - 1])) end -= 1;
      const href = safeUrl(s.slice(i, end));
      if (href) {
        flush();
        const label = document.createTextNode(s.slice(i, end));
        out.append(anchor(href, label));
        i = end;
        continue;
      }
    }
    if (ch === '@' && !/[\w.]/.test(prev) && options.mention) {
      const m = /^@([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9_])/.exec(s.slice(i));
      const found = m && options.mention(m[1]);
      if (found) {
        flush();
        const span = document.createElement('span');
        span.className = found.className;
        span.textContent = m[0];
        if (found.label) span.title = found.label;
        out.append(span);
        i += m[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

function findClosingStar(s, from) {
  for (let j = from; j < s.length; j += 1) {
    if (s[j] === '*' && s[j + 1] !== '*' && s[j - 1] !== '*') return j;
  }
  return -1;
}

/** [label](url) with balanced parentheses in the url; null when it is not that shape. */
function parseLink(s, start) {
  let depth = 0;
  let j = start;
  for (; j < s.length; j += 1) {
    if (s[j] === '[') depth += 1;
    else if (s[j] === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  if (j >= s.length || s[j + 1] !== '(') return null;
  const label = s.slice(start + 1, j);
  let k = j + 2;
  let parens = 1;
  for (; k < s.length; k += 1) {
    if (s[k] === '(') parens += 1;
    else if (s[k] === ')') {
      parens -= 1;
      if (parens === 0) break;
    }
  }
  if (k >= s.length || label.length === 0) return null;
  return { label, url: s.slice(j + 2, k).trim(), end: k + 1 };
}

function anchor(href, content) {
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener noreferrer nofollow';
  a.target = '_blank';
  a.append(content);
  return a;
}
