// Meeting papers: each paper with its download (uploaded files are fetched with the session's token
// and saved under their own name), the papers of an agenda item, and the organisers' upload form.
// Files are checked by content on the server; this form only sends the file as it is.

import { h, srOnly, timeEl } from '../dom.js';
import { safeUrl } from '../render/markdown.js';
import { describeMeetingError, errorLine, run } from './meeting-parts.js';

const SIZE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function fileSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${SIZE.format(bytes / 1024)} KB`;
  return `${SIZE.format(bytes / (1024 * 1024))} MB`;
}

/** Saves one version (the current one when version is null) of an uploaded paper. */
export async function downloadPaperFile(session, meetingId, paper, version, errorEl) {
  errorEl.textContent = '';
  const base = `/api/meetings/${meetingId}/papers/${paper.id}`;
  let response;
  try {
    response = await fetch(version ? `${base}/versions/${version}/file` : `${base}/file`,
      { headers: { Authorization: `Bearer ${session.token}` } });
  } catch (e) {
    errorEl.textContent = describeMeetingError({ code: 'network' });
    return;
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    errorEl.textContent = describeMeetingError({ code: body.error || 'internal', message: body.message, field: body.field });
    return;
  }
  const name = (paper.versions || []).find((v) => v.version === (version || paper.version))?.file_name || paper.file_name;
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** One paper as a list entry: its title (a link, or a download button for an uploaded file) and what is known of it. */
export function paperEntry(session, meetingId, p, errorEl, { compact = false } = {}) {
  const href = p.url ? safeUrl(p.url) : null;
  const title = href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, p.title)
    : p.version ? h('button', { type: 'button', class: 'link-button paper-download', dataset: { focus: `paper-${p.id}` },
      'aria-label': `Download ${p.title} (${p.file_name})`, onclick: () => downloadPaperFile(session, meetingId, p, null, errorEl) }, p.title)
      : h('span', {}, p.title);
  const late = p.late ? [' ', h('span', { class: 'badge badge-red paper-late', title: 'Published fewer than 5 Working Days before the meeting' }, 'Late',
    srOnly(': published fewer than 5 Working Days before the meeting'))] : '';
  if (compact) return h('li', { class: 'paper', dataset: { paper: String(p.id) } }, title, late);
  const earlier = (p.versions || []).filter((v) => v.version !== p.version);
  return h('li', { class: 'paper', dataset: { paper: String(p.id) } }, title,
    p.file_name ? h('span', { class: 'muted' }, ` (${p.file_name}${p.version ? `, version ${p.version}, ${fileSize(p.size_bytes)}` : ''})`) : '',
    ' ', h('span', { class: 'muted' }, 'published '), timeEl(p.published_at), late,
    earlier.length ? h('span', { class: 'paper-versions muted' }, ' · earlier: ', earlier.map((v, i) => [i ? ', ' : '',
      h('button', { type: 'button', class: 'link-button', dataset: { focus: `paper-${p.id}-v${v.version}` },
        'aria-label': `Download version ${v.version} of ${p.title}`,
        onclick: () => downloadPaperFile(session, meetingId, p, v.version, errorEl) }, `version ${v.version}`)])) : '');
}

/**
 * The organisers' upload form: a new paper (title, optional agenda item, the file), or a new version
 * of an uploaded paper. onDone re-reads the meeting.
 */
export function paperUploadForm(session, view, onDone) {
  const title = h('input', { type: 'text', id: 'paper-title', maxlength: 300, required: true });
  const file = h('input', { type: 'file', id: 'paper-file', required: true,
    accept: '.pdf,.docx,.xlsx,.txt,.csv,application/pdf,text/plain,text/csv' });
  const target = h('select', { id: 'paper-target' }, h('option', { value: '' }, 'A new paper (not on one agenda item)'),
    (view.agenda || []).map((item) => h('option', { value: `item:${item.id}` }, `A new paper for item ${item.position}: ${item.title}`)),
    (view.papers || []).filter((p) => p.version).map((p) => h('option', { value: `paper:${p.id}` }, `A new version of: ${p.title}`)));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  const error = errorLine('paper-upload-error');
  const form = h('form', { class: 'paper-upload', id: 'paper-upload', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const chosen = file.files[0];
    const revising = target.value.startsWith('paper:');
    if (!chosen) {
      error.textContent = 'Choose a file first.';
      file.focus();
      return;
    }
    if (!revising && !title.value.trim()) {
      error.textContent = 'Give the paper a title.';
      title.focus();
      return;
    }
    const base = `/api/meetings/${view.id}/papers`;
    const query = new URLSearchParams({ file_name: chosen.name });
    let path;
    if (revising) {
      path = `${base}/${target.value.slice(6)}/versions?${query}`;
    } else {
      query.set('title', title.value.trim());
      if (target.value.startsWith('item:')) query.set('agenda_item_id', target.value.slice(5));
      path = `${base}/files?${query}`;
    }
    const ok = await run(submit, error, async () => {
      const response = await fetch(path, { method: 'POST', body: chosen,
        headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': chosen.type || 'application/octet-stream' } });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw { code: body.error || (response.status === 413 ? 'invalid' : 'internal'),
          message: response.status === 413 ? 'the file is larger than 20 MB' : body.message, field: body.field };
      }
    });
    if (ok) {
      form.reset();
      onDone();
    }
  } },
  h('label', { for: 'paper-target', class: 'field-label' }, 'Upload'), target,
  h('label', { for: 'paper-title', class: 'field-label' }, 'Title (for a new paper)'), title,
  h('label', { for: 'paper-file', class: 'field-label' }, 'File (PDF, Word, Excel, text or CSV; at most 20 MB)'), file,
  h('div', { class: 'form-row' }, submit), error);
  return form;
}
