// The agenda editor (#/meetings/<id>/agenda): SECAS, the body's chair or a co-chair builds a
// meeting's agenda before and during it — add an item (optionally about a Modification), rename it,
// link or unlink a Modification, move it up or down (buttons, so reordering needs no mouse), withdraw
// an item not yet taken — and attaches papers to items, as a link or an uploaded file. A paper
// published after the papers deadline (5 Working Days before the meeting) is flagged Late.
// Every change is one REST call (/api/meetings/{id}/agenda…, /papers…) answered with the whole
// meeting, which is what the page redraws from; the server decides who may, and its refusals show
// beside the control.

import { h, clear } from '../dom.js';
import { describeMeetingError, errorLine, refill, run, when } from './meeting-parts.js';
import { stateLabel } from '../meeting-model.js';
import { paperEntry, paperUploadForm } from './meeting-papers.js';

const dueFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export class AgendaEditorView {
  constructor(session, meetingId) {
    this.session = session;
    this.meetingId = meetingId;
    this.view = null;
    this.modifications = [];
    this.editing = null;
    this.base = `/api/meetings/${meetingId}`;

    this.title = h('h2', { id: 'agenda-editor-title', tabindex: -1 }, 'Agenda');
    this.subtitle = h('p', { class: 'register-subtitle' });
    this.back = h('a', { class: 'button-link', id: 'agenda-back', href: '#/' }, 'Back to the meeting');
    this.status = h('p', { class: 'muted', role: 'status', id: 'agenda-status' });
    this.due = h('p', { class: 'agenda-due', id: 'agenda-papers-due' });
    this.list = h('ol', { class: 'agenda-editor-items', id: 'agenda-items', 'aria-labelledby': 'agenda-items-title' });
    this.listError = errorLine('agenda-items-error');
    this.addForm = h('div', { id: 'agenda-add-box' });
    this.papers = h('ul', { class: 'agenda-editor-papers', id: 'agenda-papers' });
    this.papersError = errorLine('agenda-papers-error');
    this.linkForm = h('div', { id: 'agenda-link-box' });
    this.uploadBox = h('div', { id: 'agenda-upload-box' });
    this.el = h('section', { class: 'register agenda-editor', 'aria-labelledby': 'agenda-editor-title' },
      h('header', { class: 'register-header' },
        h('p', { class: 'decision-kicker' }, 'Agenda and papers'), this.title, this.subtitle,
        h('div', { class: 'register-tools' }, this.back)),
      this.status,
      h('section', { class: 'agenda-editor-section', 'aria-labelledby': 'agenda-items-title' },
        h('h3', { id: 'agenda-items-title', tabindex: -1 }, 'Items'), this.list, this.listError, this.addForm),
      h('section', { class: 'agenda-editor-section', id: 'agenda-papers-section', 'aria-labelledby': 'agenda-papers-title' },
        h('h3', { id: 'agenda-papers-title', tabindex: -1 }, 'Papers'), this.due, this.papers, this.papersError,
        this.linkForm, this.uploadBox));
    this.load();
  }

  destroy() {
    this.destroyed = true;
    document.title = 'Quorate';
  }

  focus() {
    this.title.focus();
  }

  /** Reads the meeting (and the Modifications to offer); doneText is what the status line says after. */
  async load(doneText = '') {
    this.status.textContent = 'Loading…';
    try {
      const [view, modifications] = await Promise.all([this.session.api.get(this.base),
        this.session.api.get('/api/modifications').catch(() => [])]);
      if (this.destroyed) return;
      this.modifications = modifications;
      this.status.textContent = doneText;
      this.render(view);
    } catch (e) {
      this.status.textContent = `The meeting could not be loaded. ${describeMeetingError(e)}`;
    }
  }

  get editable() {
    return Boolean(this.view) && !['closed', 'cancelled'].includes(this.view.state);
  }

  render(view) {
    this.view = view;
    document.title = `Agenda: ${view.title} · Quorate`;
    this.title.textContent = `${view.title}: agenda`;
    refill(this.subtitle, h('span', { class: `badge meeting-state meeting-state-${view.state}` }, stateLabel(view.state)), ' ',
      `${view.body_name} · ${when(view.scheduled_start)}`);
    this.back.href = `#/rooms/${view.room_id}/meeting/${view.id}`;
    this.#renderItems();
    this.#renderAddForm();
    this.#renderPapers();
  }

  // ---- items ----

  #renderItems() {
    const v = this.view;
    const items = v.agenda || [];
    refill(this.list, items.length ? items.map((item, n) => this.#item(item, n, items.length))
      : h('li', { class: 'muted' }, 'No agenda items yet.'));
  }

  #item(item, n, count) {
    const v = this.view;
    const label = `item ${item.position}: ${item.title}`;
    const papers = (v.papers || []).filter((p) => p.agenda_item_id === item.id);
    const buttons = [];
    if (this.editable) {
      if (n > 0) buttons.push(this.#button(`up-${item.id}`, 'Move up', `Move ${label} up`, () => this.#move(item, item.position - 1)));
      if (n < count - 1) buttons.push(this.#button(`down-${item.id}`, 'Move down', `Move ${label} down`, () => this.#move(item, item.position + 1)));
      buttons.push(this.#button(`edit-${item.id}`, 'Edit', `Edit ${label}`, () => this.#edit(item)));
      if (!item.started_at) {
        buttons.push(this.#button(`withdraw-${item.id}`, 'Withdraw', `Withdraw ${label}`, () => this.#withdraw(item), 'small danger-outline'));
      }
    }
    const li = h('li', { class: `agenda-editor-item${item.started_at ? ' is-taken' : ''}`, dataset: { item: String(item.id) } },
      h('p', { class: 'agenda-editor-line' },
        h('span', { class: 'agenda-title' }, `${item.position}. ${item.title}`), ' ',
        item.modification_id ? h('a', { class: 'badge badge-stage', href: `#/register/${encodeURIComponent(item.modification_id)}`,
          'aria-label': `${item.modification_id} Modification Register` }, item.modification_id) : h('span', { class: 'muted' }, 'No Modification'),
        item.id === v.current_item_id ? [' ', h('span', { class: 'badge badge-green' }, 'Now')] : item.ended_at ? h('span', { class: 'muted' }, ' (taken)') : ''),
      papers.length ? h('ul', { class: 'agenda-papers', 'aria-label': `Papers for item ${item.position}` },
        papers.map((p) => paperEntry(this.session, v.id, p, this.listError, { compact: true }))) : '',
      buttons.length ? h('div', { class: 'form-row agenda-editor-buttons' }, buttons) : '',
      this.editing === item.id ? this.#editForm(item) : '');
    return li;
  }

  #button(key, text, label, fn, cls = 'small') {
    return h('button', { type: 'button', class: cls, dataset: { focus: `agenda-${key}` }, 'aria-label': label,
      onclick: (e) => run(e.currentTarget, this.listError, fn) }, text);
  }

  async #move(item, position) {
    const updated = await this.session.api.put(`${this.base}/agenda/${item.id}`,
      { title: item.title, modification_id: item.modification_id, position });
    this.render(updated);
    // Keep the keyboard on the item that moved: on the same button if it is still there, else its other move button.
    const focus = this.list.querySelector(`[data-focus="agenda-${position < item.position ? 'up' : 'down'}-${item.id}"]`)
      || this.list.querySelector(`[data-focus="agenda-${position < item.position ? 'down' : 'up'}-${item.id}"]`);
    focus?.focus();
    this.status.textContent = `Moved “${item.title}” to position ${position}.`;
  }

  async #withdraw(item) {
    const updated = await this.session.api.delete(`${this.base}/agenda/${item.id}`);
    this.render(updated);
    this.status.textContent = `Withdrew “${item.title}”.`;
    this.list.closest('section').querySelector('h3').focus();
  }

  #edit(item) {
    this.editing = item.id;
    this.#renderItems();
    this.list.querySelector(`#agenda-edit-title-${item.id}`)?.focus();
  }

  #editForm(item) {
    const id = `agenda-edit-${item.id}`;
    const title = h('input', { type: 'text', id: `${id}-title`, maxlength: 300, required: true, value: item.title });
    const modification = this.#modificationSelect(`${id}-modification`, item.modification_id);
    const error = errorLine(`${id}-error`);
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
    const cancel = () => {
      this.editing = null;
      this.#renderItems();
      this.list.querySelector(`[data-focus="agenda-edit-${item.id}"]`)?.focus();
    };
    return h('form', { class: 'agenda-edit-form', id, novalidate: true,
      onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } },
      onsubmit: (e) => {
        e.preventDefault();
        run(save, error, async () => {
          const updated = await this.session.api.put(`${this.base}/agenda/${item.id}`,
            { title: title.value.trim(), modification_id: modification.value || null, position: item.position });
          this.editing = null;
          this.render(updated);
          this.list.querySelector(`[data-focus="agenda-edit-${item.id}"]`)?.focus();
          this.status.textContent = `Saved item ${item.position}.`;
        });
      } },
    h('label', { for: `${id}-title`, class: 'field-label' }, 'Title'), title,
    h('label', { for: `${id}-modification`, class: 'field-label' }, 'Modification'), modification,
    h('div', { class: 'form-row' }, save, h('button', { type: 'button', onclick: cancel }, 'Cancel')), error);
  }

  /** The Modifications this user may see, by id; the current one is kept even if it is not listed. */
  #modificationSelect(id, current) {
    const known = this.modifications.map((m) => [m.id, `${m.id} ${m.title || ''}`.trim()]);
    if (current && !known.some(([mid]) => mid === current)) known.unshift([current, current]);
    return h('select', { id }, h('option', { value: '' }, 'None'),
      known.map(([value, text]) => h('option', { value, selected: value === current }, text)));
  }

  #renderAddForm() {
    if (!this.editable) {
      refill(this.addForm, h('p', { class: 'muted' }, `The meeting is ${stateLabel(this.view.state).toLowerCase()}: its agenda is on record.`));
      return;
    }
    if (this.addForm.contains(document.activeElement)) return;
    const items = this.view.agenda || [];
    const title = h('input', { type: 'text', id: 'agenda-new-title', maxlength: 300, required: true, autocomplete: 'off' });
    const modification = this.#modificationSelect('agenda-new-modification', null);
    const position = h('select', { id: 'agenda-new-position' }, h('option', { value: '' }, 'At the end'),
      items.map((i) => h('option', { value: String(i.position) }, `Before item ${i.position}: ${i.title}`)));
    const error = errorLine('agenda-add-error');
    const add = h('button', { type: 'submit', class: 'primary' }, 'Add item');
    refill(this.addForm, h('form', { class: 'agenda-add-form', id: 'agenda-add', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      if (!title.value.trim()) {
        error.textContent = 'Give the item a title.';
        title.focus();
        return;
      }
      run(add, error, async () => {
        const body = { title: title.value.trim(), modification_id: modification.value || null };
        if (position.value) body.position = Number(position.value);
        const updated = await this.session.api.post(`${this.base}/agenda`, body);
        title.value = '';
        this.render(updated);
        this.status.textContent = `Added “${body.title}”.`;
        title.focus();
      });
    } },
    h('h4', {}, 'Add an item'),
    h('label', { for: 'agenda-new-title', class: 'field-label' }, 'Title'), title,
    h('label', { for: 'agenda-new-modification', class: 'field-label' }, 'Modification (optional)'), modification,
    h('label', { for: 'agenda-new-position', class: 'field-label' }, 'Where'), position,
    h('div', { class: 'form-row' }, add), error));
  }

  // ---- papers ----

  #renderPapers() {
    const v = this.view;
    const due = v.papers_due_by ? dueFmt.format(new Date(`${v.papers_due_by}T12:00:00Z`)) : null;
    refill(this.due, due ? ['Papers are due by the end of ', h('strong', {}, due),
      ' (5 Working Days before the meeting). Later papers are accepted and flagged ', h('span', { class: 'badge badge-red' }, 'Late'), '.'] : '');
    const papers = v.papers || [];
    refill(this.papers, papers.length ? papers.map((p) => {
      const entry = paperEntry(this.session, v.id, p, this.papersError);
      const item = (v.agenda || []).find((i) => i.id === p.agenda_item_id);
      entry.append(h('span', { class: 'muted' }, item ? ` · for item ${item.position}` : ' · for the whole meeting'));
      return entry;
    }) : h('li', { class: 'muted' }, 'No papers yet.'));
    if (!this.editable) {
      clear(this.linkForm);
      clear(this.uploadBox);
      return;
    }
    if (!this.linkForm.contains(document.activeElement)) this.#renderLinkForm();
    if (!this.uploadBox.contains(document.activeElement)) {
      refill(this.uploadBox, h('h4', {}, 'Upload a file'), paperUploadForm(this.session, v, () => this.load()));
    }
  }

  #renderLinkForm() {
    const v = this.view;
    const title = h('input', { type: 'text', id: 'agenda-link-title', maxlength: 300, required: true, autocomplete: 'off' });
    const url = h('input', { type: 'url', id: 'agenda-link-url', maxlength: 2000, required: true, placeholder: 'https://' });
    const item = h('select', { id: 'agenda-link-item' }, h('option', { value: '' }, 'The whole meeting'),
      (v.agenda || []).map((i) => h('option', { value: String(i.id) }, `Item ${i.position}: ${i.title}`)));
    const error = errorLine('agenda-link-error');
    const add = h('button', { type: 'submit', class: 'primary' }, 'Publish link');
    refill(this.linkForm, h('form', { class: 'agenda-add-form', id: 'agenda-link', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      if (!title.value.trim() || !/^https?:\/\//.test(url.value.trim())) {
        error.textContent = !title.value.trim() ? 'Give the paper a title.' : 'Give an http or https address.';
        (!title.value.trim() ? title : url).focus();
        return;
      }
      run(add, error, async () => {
        const body = { title: title.value.trim(), url: url.value.trim() };
        if (item.value) body.agenda_item_id = Number(item.value);
        const paper = await this.session.api.post(`${this.base}/papers`, body);
        await this.load(paper.late ? `Published “${paper.title}”: it is late.` : `Published “${paper.title}”.`);
        this.papers.closest('section').querySelector('h3').focus();
        this.#renderLinkForm();
      });
    } },
    h('h4', {}, 'Publish a link'),
    h('label', { for: 'agenda-link-title', class: 'field-label' }, 'Title'), title,
    h('label', { for: 'agenda-link-url', class: 'field-label' }, 'Address'), url,
    h('label', { for: 'agenda-link-item', class: 'field-label' }, 'For'), item,
    h('div', { class: 'form-row' }, add), error));
  }
}
