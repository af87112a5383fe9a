// Small parts the meeting views share: error sentences, buttons that show the server's refusal,
// list refills that keep keyboard focus, the quoracy gauge, reason dialogs and downloads.

import { h, clear } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { MEETING_FIELDS } from '../meeting-model.js';

/**
 * The typed error as a sentence, with meeting field names; a conflict in a meeting is about its
 * state ("the meeting is scheduled, not open"), not an edit made meanwhile, so it says that.
 */
export function describeMeetingError(err) {
  if (err?.code === 'conflict') return `Not possible now: ${err.message || 'the meeting is not in the right state'}.`;
  // Some refusals repeat their field in the message ("reason: ... needs a reason"); the sentence names it once.
  const message = err?.field && err?.message?.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err?.message;
  return describeError({ code: err?.code, message, field: MEETING_FIELDS[err?.field] || err?.field });
}

/**
 * Runs fn for a button: busy while it runs, then the refusal (if any) in errorEl. Resolves true on success.
 */
export async function run(button, errorEl, fn) {
  if (errorEl) errorEl.textContent = '';
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    await fn();
    return true;
  } catch (e) {
    if (errorEl) errorEl.textContent = describeMeetingError(e);
    else console.error(e);
    return false;
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

/** A button that runs fn and shows its refusal in errorLine; data-focus keeps focus on it across re-renders. */
export function actionButton(key, label, cls, fn, errorEl, attrs = {}) {
  const b = h('button', { type: 'button', class: cls, dataset: { focus: `meeting-${key}` }, ...attrs,
    onclick: () => run(b, errorEl, fn) }, label);
  return b;
}

export function errorLine(id) {
  return h('p', { class: 'form-error meeting-error', role: 'alert', id });
}

/**
 * Replaces a container's children, keeping focus on the control with the same data-focus key; when
 * that control is gone (the entry it acted on left the list), focus goes to the section's heading
 * rather than being lost.
 */
export function refill(container, ...children) {
  const active = document.activeElement;
  const had = container.contains(active);
  const key = had ? active?.dataset?.focus : null;
  clear(container);
  container.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  if (!had) return;
  const target = key ? container.querySelector(`[data-focus="${CSS.escape(key)}"]`) : null;
  (target || container.closest('section')?.querySelector('h2[tabindex], h3[tabindex]'))?.focus();
}

/** Sets text only when it changed (live regions must not re-announce the same words). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Quoracy as a gauge: present of base seats, with a mark at the number required, and the
 * server's explanation beside it. A native <meter> carries the value for assistive technology.
 */
export class QuoracyGauge {
  constructor(idPrefix) {
    this.meter = h('meter', { id: `${idPrefix}-meter`, class: 'sr-only', min: 0, max: 1, value: 0 });
    this.fill = h('span', { class: 'gauge-fill' });
    this.mark = h('span', { class: 'gauge-mark' });
    this.label = h('span', { class: 'gauge-label' });
    this.explanation = h('p', { class: 'gauge-explanation', id: `${idPrefix}-explanation` });
    this.el = h('div', { class: 'quoracy' },
      h('div', { class: 'gauge-row' },
        h('label', { for: `${idPrefix}-meter`, class: 'gauge-label-wrap' }, this.label),
        h('span', { class: 'gauge', 'aria-hidden': 'true' }, this.fill, this.mark)),
      this.meter, this.explanation);
    this.meter.setAttribute('aria-describedby', `${idPrefix}-explanation`);
  }

  render(q) {
    if (!q) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const base = Math.max(1, q.base);
    this.meter.max = base;
    this.meter.value = Math.min(q.present, base);
    this.meter.low = Math.max(0, q.required - 0.5);
    this.meter.optimum = base;
    this.fill.style.setProperty('width', `${Math.min(100, (100 * q.present) / base)}%`);
    this.mark.style.setProperty('left', `${Math.min(100, (100 * q.required) / base)}%`);
    this.el.classList.toggle('is-quorate', q.quorate);
    setText(this.label, `${q.quorate ? 'Quorate' : 'Not quorate'}: ${q.present} of ${q.base} voting seats, ${q.required} needed`);
    setText(this.explanation, q.explanation || '');
    this.explanation.title = q.rule || '';
  }
}

function open(dialog) {
  const returnFocus = document.activeElement;
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  });
  dialog.showModal();
  return dialog;
}

/**
 * Asks for a reason (a ruling of the chair is recorded and shown to the room with it); resolves
 * with the text, '' when optional and left empty, or null if cancelled. extra: more fields, read by
 * the caller before the promise resolves (they stay in the detached dialog).
 */
export function askReason({ title, text, confirm, required = true, danger = false, extra = null, label = 'Reason (recorded and shown to the room)' }) {
  return new Promise((resolve) => {
    const area = h('textarea', { id: 'meeting-reason', rows: 3, maxlength: 2000, required });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'meeting-dialog-title' },
      h('form', {
        method: 'dialog',
        novalidate: true,
        onsubmit: (e) => {
          if (e.submitter?.value === 'ok' && required && !area.value.trim()) {
            e.preventDefault();
            error.textContent = 'A reason is required: the chair\'s rulings are recorded with their reasons.';
            area.focus();
          }
        },
      },
      h('h2', { id: 'meeting-dialog-title' }, title),
      text ? h('p', {}, text) : null,
      extra,
      h('label', { for: 'meeting-reason' }, required ? label : `${label} — optional`),
      area, error,
      h('div', { class: 'dialog-buttons' },
        h('button', { value: 'cancel', type: 'submit', formnovalidate: true }, 'Cancel'),
        h('button', { value: 'ok', type: 'submit', class: danger ? 'danger' : 'primary' }, confirm))));
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? area.value.trim() : null));
    open(dialog);
  });
}

export { open as openDialog };

/** Saves text as a file the browser downloads (the minutes as Markdown). */
export function downloadText(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The minutes as Markdown or as the server's inert HTML, downloaded with this session's token. */
export async function downloadMinutesFile(session, meetingId, extension, errorEl) {
  errorEl.textContent = '';
  let response;
  try {
    response = await fetch(`/api/meetings/${meetingId}/minutes.${extension}`, { headers: { Authorization: `Bearer ${session.token}` } });
  } catch (e) {
    errorEl.textContent = describeMeetingError({ code: 'network' });
    return;
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    errorEl.textContent = describeMeetingError({ code: body.error || 'internal', message: body.message, field: body.field });
    return;
  }
  downloadText(`minutes-${meetingId}.${extension}`, await response.text(), extension === 'md' ? 'text/markdown' : 'text/html');
}

/** A heading + content section of the meeting panel. */
export function section(id, title, ...content) {
  return h('section', { class: 'meeting-section', id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, tabindex: -1 }, title), ...content);
}

const whenFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit' });

export function when(iso) {
  return iso ? whenFmt.format(new Date(iso)) : '';
}
