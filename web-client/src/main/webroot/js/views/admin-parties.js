// Parties and Voting Groups: the lists, one Party at a time, and the CSV import. The import is all
// or nothing on the server, which names only the first bad line; so the page checks every line it
// can before sending (columns, name, category, names already registered or repeated) and shows
// each row's problem in a table, and the server's answer lands on the row it names.

import { h, replaceChildren } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { adminForm, field, isAdministrator, loading, required, select, table } from './admin-parts.js';

const HEADER = ['name', 'category', 'voting_group'];

export class PartiesSection {
  constructor(session) {
    this.session = session;
    this.admin = isAdministrator(session.me);
    this.lists = h('div', { class: 'admin-lists' });
    this.el = h('div', { class: 'admin-section' },
      this.admin ? h('div', { class: 'admin-forms' }, this.#createForm().el, this.#importForm()) : readOnlyNote(),
      this.lists);
    this.load();
  }

  load() {
    const api = this.session.api;
    return loading(this.lists, Promise.all([api.get('/api/parties'), api.get('/api/voting-groups'), api.get('/api/party-categories')]),
      ([parties, groups, categories]) => {
        this.parties = parties;
        this.categories = categories;
        const cat = new Map(categories.map((c) => [c.code, c.name]));
        const byId = new Map(parties.map((p) => [p.id, p.name]));
        replaceChildren(this.lists,
          h('h3', {}, 'Parties'),
          table({ caption: `Parties (${parties.length})`, columns: ['Party', 'Party Category', 'Voting Group'], cls: 'parties-table',
            rows: parties.map((p) => [p.name, cat.get(p.category) || p.category, p.voting_group]) }),
          h('h3', {}, 'Voting Groups'),
          h('p', { class: 'hint' }, 'A Voting Group is a Party and its Affiliates: one ballot counts per group.'),
          table({ caption: `Voting Groups (${groups.length})`, columns: ['Voting Group', 'Parties'], cls: 'groups-table',
            rows: groups.map((g) => [g.name, g.party_ids.map((id) => byId.get(id) || `Party ${id}`).join(', ')]) }));
        this.#fillCategories();
      });
  }

  #fillCategories() {
    const sel = this.create?.fields.get('category').control;
    if (!sel || sel.options.length > 1) return;
    for (const c of this.categories) sel.append(h('option', { value: c.code }, c.name));
  }

  #createForm() {
    const form = adminForm({ id: 'party-form', title: 'Register a Party', submitLabel: 'Register Party', onSubmit: async (f) => {
      if (!required(f, [['name', 'Name'], ['category', 'Party Category']])) return null;
      const v = (n) => f.fields.get(n).control.value.trim();
      const party = await this.session.api.post('/api/parties', { name: v('name'), category: v('category'),
        voting_group: v('voting_group') || null });
      f.el.reset();
      await this.load();
      return `${party.name} registered in the Voting Group ${party.voting_group}.`;
    } });
    form.body.append(
      field(form, { id: 'party-name', name: 'name', label: 'Name', control: h('input', { type: 'text', maxlength: 200, autocomplete: 'off' }) }),
      field(form, { id: 'party-category', name: 'category', label: 'Party Category', control: select([], null, { blank: 'Choose…' }) }),
      field(form, { id: 'party-group', name: 'voting_group', label: 'Voting Group (optional)',
        hint: 'An Affiliate joins its parent’s group; leave blank for a group of its own name.',
        control: h('input', { type: 'text', maxlength: 200, autocomplete: 'off' }) }));
    this.create = form;
    return form;
  }

  #importForm() {
    const text = h('textarea', { id: 'party-csv', rows: 6, spellcheck: 'false', 'aria-describedby': 'party-csv-hint party-csv-error' });
    const file = h('input', { type: 'file', id: 'party-csv-file', accept: '.csv,text/csv' });
    file.addEventListener('change', async () => {
      if (file.files[0]) text.value = await file.files[0].text();
    });
    const error = h('p', { id: 'party-csv-error', class: 'form-error', role: 'alert' });
    const status = h('p', { class: 'form-status', role: 'status' });
    this.rowsEl = h('div', { class: 'import-rows' });
    const button = h('button', { type: 'submit', class: 'primary' }, 'Import Parties');
    return h('form', { id: 'party-import', class: 'admin-form', novalidate: true, 'aria-labelledby': 'party-import-title',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        status.textContent = '';
        text.removeAttribute('aria-invalid');
        const rows = this.#check(text.value);
        if (!rows) {
          text.setAttribute('aria-invalid', 'true');
          error.textContent = 'The first line must be exactly: name,category,voting_group';
          text.focus();
          return;
        }
        const bad = rows.filter((r) => r.problem).length;
        this.#showRows(rows);
        if (!rows.length || bad) {
          text.setAttribute('aria-invalid', 'true');
          error.textContent = rows.length ? `Nothing imported: ${bad} of ${rows.length} ${rows.length === 1 ? 'line has' : 'lines have'} a problem (listed below). Correct the file and import again.`
            : 'The file has no Parties.';
          text.focus();
          return;
        }
        button.disabled = true;
        try {
          const result = await this.session.api.postText('/api/parties/import', text.value, 'text/csv');
          for (const r of rows) r.result = 'Imported';
          this.#showRows(rows);
          status.textContent = `${result.imported} ${result.imported === 1 ? 'Party' : 'Parties'} imported.`;
          text.value = '';
          await this.load();
        } catch (err) {
          const line = /^line (\d+)$/.exec(err.field || '');
          const row = line ? rows.find((r) => r.line === Number(line[1])) : null;
          if (row) {
            row.problem = describeError(err);
            this.#showRows(rows);
          }
          text.setAttribute('aria-invalid', 'true');
          error.textContent = `Nothing imported. ${row ? `Line ${row.line}: ` : ''}${describeError(err)}`;
        } finally {
          button.disabled = false;
        }
      } },
    h('h3', { id: 'party-import-title' }, 'Import Parties from CSV'),
    h('p', { id: 'party-csv-hint', class: 'hint' }, 'Header line ', h('code', {}, 'name,category,voting_group'),
      ', then one Party per line; category is a code such as small_supplier. All or nothing: one bad line imports none.'),
    h('div', { class: 'field' }, h('label', { for: 'party-csv-file' }, 'CSV file'), file),
    h('div', { class: 'field' }, h('label', { for: 'party-csv' }, 'CSV text'), text),
    h('div', { class: 'admin-form-buttons' }, button), error, status, this.rowsEl);
  }

  /** Every line's problem that can be seen here; null when the header is wrong. */
  #check(csv) {
    const lines = csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
    if (lines[0].split(',').map((s) => s.trim().toLowerCase()).join(',') !== HEADER.join(',')) return null;
    const known = new Set((this.parties || []).map((p) => p.name.toLowerCase()));
    const codes = new Set((this.categories || []).map((c) => c.code));
    const seen = new Map();
    const rows = [];
    lines.forEach((raw, i) => {
      if (i === 0 || !raw.trim()) return;
      const f = csvFields(raw);
      const row = { line: i + 1, name: f[0]?.trim() || '', category: f[1]?.trim() || '', group: f[2]?.trim() || '', problem: null };
      const key = row.name.toLowerCase();
      if (f.length !== 3) row.problem = `expected 3 fields, found ${f.length}`;
      else if (!row.name) row.problem = 'the name is empty';
      else if (!codes.has(row.category)) row.problem = `unknown category “${row.category}”`;
      else if (known.has(key)) row.problem = `a Party named “${row.name}” already exists`;
      else if (seen.has(key)) row.problem = `repeats line ${seen.get(key)}`;
      seen.set(key, seen.get(key) || row.line);
      rows.push(row);
    });
    return rows;
  }

  #showRows(rows) {
    replaceChildren(this.rowsEl, rows.length ? table({ caption: 'Lines of the file', cls: 'import-table',
      columns: ['Line', 'Name', 'Category', 'Voting Group', 'Check'],
      rows: rows.map((r) => [String(r.line), r.name, r.category, r.group || '(its own)',
        r.problem ? h('span', { class: 'row-error' }, r.problem) : h('span', { class: 'row-ok' }, r.result || 'OK')]) }) : null);
    for (const tr of this.rowsEl.querySelectorAll('tbody tr')) {
      if (tr.querySelector('.row-error')) tr.classList.add('is-error');
    }
  }
}

export function readOnlyNote() {
  return h('p', { class: 'hint admin-readonly' }, 'Read only: changing this part of the registry needs the administrator role.');
}

/** One CSV line's fields (RFC 4180 quoting), as the server reads them. */
function csvFields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"' && !cur) quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}
