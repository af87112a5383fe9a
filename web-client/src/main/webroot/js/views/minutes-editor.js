// The minutes, for whoever may chair: the current text (generated from the record until someone
// edits it) in an editable textarea beside a safe preview; regenerate from the record, save the
// draft, and — once the meeting is closed — publish into the body's room and the linked
// Modifications' rooms, after which the minutes are fixed.

import { h, timeEl } from '../dom.js';
import { renderMinutes } from '../render/minutes.js';
import { confirmDialog } from './dialogs.js';
import { errorLine, openDialog, run } from './meeting-parts.js';

const SOURCES = {
  generated: 'Generated from the meeting\'s record (not edited yet).',
  edited: 'An edited draft.',
  published: 'Published: the minutes can no longer be edited.',
};

export class MinutesEditor {
  constructor(model, { onClosed }) {
    this.model = model;
    this.api = model.session.api;
    this.base = `/api/meetings/${model.id}`;
    this.saved = null;

    this.source = h('p', { class: 'minutes-source', id: 'minutes-source' }, 'Loading the minutes…');
    this.text = h('textarea', { id: 'minutes-text', class: 'minutes-text', rows: 24, spellcheck: 'true', disabled: true,
      'aria-describedby': 'minutes-source', oninput: () => this.#changed() });
    this.preview = h('div', { class: 'minutes-preview minutes-body', id: 'minutes-preview', tabindex: 0, 'aria-label': 'Preview of the minutes' });
    this.status = h('p', { class: 'minutes-status', role: 'status' });
    this.error = errorLine('minutes-error');
    this.regenerate = h('button', { type: 'button', id: 'minutes-regenerate', onclick: (e) => run(e.currentTarget, this.error, () => this.#regenerate()) },
      'Regenerate from the record');
    this.save = h('button', { type: 'button', id: 'minutes-save', onclick: (e) => run(e.currentTarget, this.error, () => this.#save()) }, 'Save draft');
    this.publish = h('button', { type: 'button', id: 'minutes-publish', class: 'primary',
      onclick: (e) => run(e.currentTarget, this.error, () => this.#publish()) }, 'Publish…');
    this.publishHint = h('p', { class: 'hint' }, 'Close the meeting to publish its minutes.');
    this.dialog = h('dialog', { class: 'dialog minutes-dialog', 'aria-labelledby': 'minutes-title' },
      h('div', { class: 'minutes-dialog-head' },
        h('h2', { id: 'minutes-title' }, `Minutes: ${model.view?.title || ''}`),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close the minutes', onclick: () => this.requestClose() }, '×')),
      this.source,
      h('div', { class: 'minutes-columns' },
        h('div', { class: 'minutes-edit' }, h('label', { for: 'minutes-text', class: 'field-label' }, 'Minutes (Markdown: # headings, - lists, | tables |, **bold**, [links](https://…))'),
          this.text),
        h('div', { class: 'minutes-preview-wrap' }, h('p', { class: 'field-label', id: 'minutes-preview-label' }, 'Preview'), this.preview)),
      this.status, this.error,
      h('div', { class: 'dialog-buttons minutes-buttons', id: 'minutes-dialog-buttons' }, this.regenerate, this.save, this.publish, this.publishHint,
        h('button', { type: 'button', onclick: () => this.requestClose() }, 'Close')));
    this.dialog.addEventListener('close', () => onClosed?.());
    this.dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.requestClose();
    });
    openDialog(this.dialog);
    this.#load();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** Closes, after asking whether unsaved changes may go. */
  async requestClose() {
    if (this.#dirty() && !(await confirmDialog({ title: 'Discard your changes?', text: 'The minutes have changes that are not saved.',
      confirm: 'Discard', danger: true }))) return;
    this.close();
  }

  async #load() {
    try {
      this.#show(await this.api.get(`${this.base}/minutes`));
      this.text.focus();
    } catch (e) {
      run(null, this.error, () => Promise.reject(e));
    }
  }

  #show(view) {
    this.view = view;
    this.saved = view.markdown;
    this.text.value = view.markdown;
    this.source.replaceChildren(SOURCES[view.source] || view.source,
      view.source === 'edited' && view.edited_at ? [' Saved ', timeEl(view.edited_at), '.'] : '',
      view.source === 'published' && view.published_at ? [' ', timeEl(view.published_at)] : '');
    const published = view.source === 'published';
    this.text.disabled = false;
    this.text.readOnly = published;
    this.regenerate.hidden = published;
    this.save.hidden = published;
    const closed = this.model.view?.state === 'closed';
    this.publish.hidden = published || !closed;
    this.publishHint.hidden = published || closed;
    this.#renderPreview();
    this.#markDirty();
  }

  #dirty() {
    return this.saved !== null && this.text.value !== this.saved;
  }

  #changed() {
    this.#markDirty();
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => this.#renderPreview(), 150);
  }

  #markDirty() {
    this.status.textContent = this.#dirty() ? 'Changes not saved yet.' : '';
  }

  #renderPreview() {
    this.preview.replaceChildren(renderMinutes(this.text.value, { headingOffset: 2 }));
  }

  async #regenerate() {
    const generated = await this.api.get(`${this.base}/minutes/generated`);
    if (this.text.value === generated) {
      this.status.textContent = 'The minutes already match the record.';
      return;
    }
    this.text.value = generated;
    this.#changed();
    this.status.textContent = 'Regenerated from the record. Save the draft to keep it.';
  }

  async #save() {
    const view = await this.api.put(`${this.base}/minutes`, { markdown: this.text.value });
    this.#show(view);
    this.status.textContent = 'Draft saved.';
  }

  async #publish() {
    const ok = await confirmDialog({ title: 'Publish the minutes?', confirm: 'Publish', text: 'The minutes are posted into the body\'s room and '
      + 'the rooms of the Modifications on the agenda. After publication they cannot be edited.' });
    if (!ok) return;
    if (this.#dirty()) await this.api.put(`${this.base}/minutes`, { markdown: this.text.value });
    const view = await this.api.post(`${this.base}/minutes/publish`, {});
    this.#show(view);
    this.status.textContent = 'The minutes are published.';
    this.model.refresh();
  }
}
