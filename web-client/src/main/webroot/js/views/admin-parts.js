// Shared parts of the registry administration pages: labelled fields whose error is tied to the
// control (aria-describedby, aria-invalid) and announced (role=alert), forms that show the server's
// typed error beside the field it names, and small tables with header cells.

import { h, replaceChildren } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { ROLE_LABELS } from './labels.js';

export const ROLES = Object.keys(ROLE_LABELS);

export function isAdministrator(me) {
  return (me.roles || []).includes('administrator');
}

/** SECAS: who sees the administration entry (the server decides what each may change). */
export function isSecas(me) {
  return (me.roles || []).some((r) => r === 'administrator' || r === 'moderator');
}

/**
 * One labelled control with its hint and its error line. `name` is the server's field name, so a
 * 400 `invalid` naming it lands here.
 */
export function field(form, { id, name, label, control, hint }) {
  control.id = id;
  control.name = name;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const error = h('p', { id: errorId, class: 'form-error field-error', role: 'alert' });
  form.fields.set(name, { control, error });
  const isCheck = control.type === 'checkbox';
  return h('div', { class: `field${isCheck ? ' field-check' : ''}` },
    isCheck ? h('label', { for: id }, control, ` ${label}`) : [h('label', { for: id }, label), control],
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    error);
}

/** A fieldset of checkboxes (roles); its error is tied to the group. */
export function checkGroup(form, { id, name, legend, options, checked = [] }) {
  const errorId = `${id}-error`;
  const boxes = options.map(([value, label]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name, value, checked: checked.includes(value) }), ` ${label}`));
  const set = h('fieldset', { id, class: 'check-group', 'aria-describedby': errorId }, h('legend', {}, legend), boxes);
  const error = h('p', { id: errorId, class: 'form-error field-error', role: 'alert' });
  form.fields.set(name, { control: set, error });
  return h('div', { class: 'field' }, set, error);
}

export function checkedValues(group) {
  return [...group.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
}

/**
 * A form object: `el` (the <form>), `fields` (server field name -> control and error), `status`
 * (the general line for errors that name no field), and `submit(fn)`.
 */
export function adminForm({ id, title, submitLabel, onSubmit }) {
  const form = { fields: new Map() };
  form.status = h('p', { id: `${id}-status`, class: 'form-status', role: 'status', 'aria-live': 'polite' });
  form.general = h('p', { id: `${id}-general`, class: 'form-error', role: 'alert' });
  form.button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  form.body = h('div', { class: 'admin-form-fields' });
  form.heading = h('h3', { id: `${id}-title` }, title);
  form.el = h('form', { id, class: 'admin-form', novalidate: true, 'aria-labelledby': `${id}-title`,
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      form.button.disabled = true;
      try {
        const message = await onSubmit(form);
        // Saving may redraw the page part holding this form: the message (and focus) go to its successor.
        const fresh = form.el.isConnected ? null : document.getElementById(id);
        if (message) (fresh?.querySelector('.form-status') || form.status).textContent = message;
        fresh?.querySelector('button[type=submit]')?.focus();
      } catch (err) {
        showError(form, err);
      } finally {
        form.button.disabled = false;
      }
    } }, form.heading, form.body, h('div', { class: 'admin-form-buttons' }, form.button), form.general, form.status);
  return form;
}

export function clearErrors(form) {
  for (const { control, error } of form.fields.values()) {
    error.textContent = '';
    control.removeAttribute('aria-invalid');
  }
  form.general.textContent = '';
  form.status.textContent = '';
}

/** The server's refusal beside the field it names (else on the form), and focus there. */
export function showError(form, err) {
  const target = err?.field ? form.fields.get(err.field) : null;
  if (target) {
    target.control.setAttribute('aria-invalid', 'true');
    target.error.textContent = describeError(err);
    (target.control.matches('fieldset') ? target.control.querySelector('input') : target.control)?.focus();
  } else {
    form.general.textContent = `Not saved. ${describeError(err)}`;
  }
}

/** A field error found before sending (a required value missing). */
export function fieldError(form, name, text) {
  const target = form.fields.get(name);
  target.control.setAttribute('aria-invalid', 'true');
  target.error.textContent = text;
  target.control.focus();
}

export function required(form, values) {
  for (const [name, label] of values) {
    if (!String(form.fields.get(name).control.value || '').trim()) {
      fieldError(form, name, `${label} is required.`);
      return false;
    }
  }
  return true;
}

export function select(options, selected = null, { blank = null } = {}) {
  return h('select', {},
    blank !== null ? h('option', { value: '' }, blank) : null,
    options.map(([value, label]) => h('option', { value: String(value), selected: String(value) === String(selected ?? '') }, label)));
}

/** A table with a caption and column headers; each row's first cell is a row header. */
export function table({ caption, columns, rows, cls = '' }) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h('table', { class: `admin-table ${cls}` },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => i === 0
        ? h('th', { scope: 'row' }, c) : h('td', { dataset: { label: columns[i] } }, c)))))));
}

export function loading(el, promise, render) {
  replaceChildren(el, h('p', { class: 'muted' }, 'Loading…'));
  return promise.then(render, (err) => replaceChildren(el, h('p', { class: 'form-error', role: 'alert' },
    `Could not load this. ${describeError(err)}`)));
}
