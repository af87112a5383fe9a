// Tiny DOM helpers. Text always goes in through textContent / text nodes: no HTML string is ever parsed.

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': 'Close'}, 'text', childNode, [more])
 * Attributes starting with "on" become listeners; null/false attributes are skipped; strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'hidden' || name === 'disabled' || name === 'checked' || name === 'required') {
      el[name] = Boolean(value);
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function replaceChildren(el, ...children) {
  clear(el);
  return append(el, children);
}

const timeFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

/** A <time> element: short text, full date in the title and datetime attribute. */
export function timeEl(iso) {
  if (!iso) return h('time', {}, '');
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return h('time', { datetime: d.toISOString(), title: fullFmt.format(d) }, sameDay ? timeFmt.format(d) : dateTimeFmt.format(d));
}

export function shortTime(iso) {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? timeFmt.format(d) : dateTimeFmt.format(d);
}

/** A visually hidden label, for icon-only controls whose text would clutter the view. */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

/** Plain-text excerpt of message text, for notifications, announcements and tooltips. */
export function excerpt(text, max = 120) {
  if (text == null) return '';
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
