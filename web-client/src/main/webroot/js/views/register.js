// The Modification Register page (#/register/<MOD>): the Modification's decision track and every
// decision on it, with each member's ballot and reason (sealed ballots only after the close), and
// the register as CSV. The CSV endpoint needs the bearer token, which a plain link cannot send, so
// the page fetches it and offers it as a Blob download.
//
// The page is live: it subscribes to the Modification's room and to every room holding one of its
// decisions, and re-reads the register when a decision there opens, changes, closes or takes a
// ballot (coalesced: a burst of events costs at most two reads), and after a reconnect.

import { h, clear, replaceChildren, timeEl } from '../dom.js';
import { describeError } from '../protocol/errors.js';
import { quoracyGauge, tallyOverall, tallyByCategory } from '../render/tally.js';
import { bodyByCode, isModerator } from '../render/decision.js';
import { DECISION_KINDS, OUTCOMES, stageLabel, choiceLabel, objectivesText } from './labels.js';
import { isRoomEvent } from '../protocol/client.js';

const LIVE_EVENTS = new Set(['decision_opened', 'decision_changed', 'decision_closed', 'ballot_cast', 'ballot_received']);
const CLOSING_WORDS = { decision_closed: 'A decision closed', decision_opened: 'A decision opened', decision_changed: 'A decision changed' };

const TRACKS = {
  asynchronous: 'Low-complexity: asynchronous decision',
  meeting: 'Contentious or complex: decided at a meeting',
};

export class RegisterView {
  constructor(session, modificationId) {
    this.session = session;
    this.store = session.store;
    this.modificationId = modificationId.toUpperCase();
    this.csvUrl = null;
    this.title = h('h2', { id: 'register-title', tabindex: -1 }, `${this.modificationId} Modification Register`);
    this.subtitle = h('p', { class: 'register-subtitle' });
    this.csvLink = h('a', { id: 'register-csv', class: 'button-link', download: `${this.modificationId}-register.csv`,
      'aria-disabled': 'true' }, 'Preparing CSV…');
    this.refreshButton = h('button', { type: 'button', onclick: () => this.load() }, 'Refresh');
    this.status = h('p', { class: 'muted', role: 'status' });
    this.track = h('section', { class: 'register-track', 'aria-labelledby': 'register-track-title' });
    this.list = h('div', { class: 'register-decisions' });
    this.el = h('section', { class: 'register', 'aria-labelledby': 'register-title' },
      h('header', { class: 'register-header' },
        h('p', { class: 'decision-kicker' }, 'Modification Register'),
        this.title, this.subtitle,
        h('div', { class: 'register-tools' }, this.csvLink, this.refreshButton)),
      this.status, this.track, this.list);
    this.csvLink.addEventListener('click', (e) => {
      if (!this.csvUrl) e.preventDefault();
    });
    this.rooms = new Set();
    this.offEvents = session.client.on('event', (e) => this.#onEvent(e));
    this.load();
  }

  destroy() {
    this.destroyed = true;
    this.offEvents?.();
    for (const room of this.rooms) this.session.client.unsubscribe(room);
    document.title = 'Quorate';
    if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
  }

  focus() {
    this.title.focus();
  }

  async load() {
    this.status.textContent = 'Loading…';
    await this.#read('', false);
  }

  async #read(doneText, live) {
    this.#prepareCsv();
    try {
      const entry = await this.session.api.get(`/api/modifications/${encodeURIComponent(this.modificationId)}/register`);
      if (this.destroyed) return;
      this.render(entry, { live });
      this.#follow(entry);
      this.status.textContent = doneText;
    } catch (e) {
      this.status.textContent = `The register could not be loaded. ${describeError(e)}`;
    }
  }

  /** Subscribes to the rooms whose decision events change this register. */
  #follow(entry) {
    const rooms = new Set(entry.decisions.map((d) => d.room));
    const own = [...this.store.rooms.values()].find((r) => r.modification_id === entry.modification_id);
    if (own) rooms.add(own.id);
    for (const room of rooms) {
      if (this.rooms.has(room) || this.session.client.isSubscribed(room)) continue;
      this.rooms.add(room);
      const tl = this.store.timeline(room);
      this.session.client.subscribe(room, { sinceSeq: () => tl.resumeSeq() });
    }
  }

  #onEvent(e) {
    if (this.destroyed) return;
    if (e.type === 'welcome') {
      this.#refresh('');
      return;
    }
    if (!isRoomEvent(e) || !LIVE_EVENTS.has(e.type) || !this.rooms.has(e.room)) return;
    if (e.modification_id && e.modification_id.toUpperCase() !== this.modificationId) return;
    this.#refresh(CLOSING_WORDS[e.type] ? `${CLOSING_WORDS[e.type]}: the register is up to date.` : '');
  }

  /** Re-reads now, or once more after the read in flight (so the last read starts after the last event). */
  #refresh(doneText) {
    if (this.reading) {
      this.stale = doneText || this.stale || '';
      this.staleWanted = true;
      return;
    }
    this.reading = this.#read(doneText, true).finally(() => {
      this.reading = null;
      if (this.staleWanted) {
        const text = this.stale;
        this.staleWanted = false;
        this.stale = '';
        this.#refresh(text);
      }
    });
  }

  async #prepareCsv() {
    this.csvLink.setAttribute('aria-disabled', 'true');
    this.csvLink.textContent = 'Preparing CSV…';
    try {
      const response = await fetch(`/api/modifications/${encodeURIComponent(this.modificationId)}/register.csv`, {
        headers: { Authorization: `Bearer ${this.session.token}`, Accept: 'text/csv' },
      });
      if (!response.ok) throw new Error(String(response.status));
      const blob = new Blob([await response.text()], { type: 'text/csv;charset=utf-8' });
      if (this.destroyed) return;
      if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
      this.csvUrl = URL.createObjectURL(blob);
      this.csvLink.href = this.csvUrl;
      this.csvLink.removeAttribute('aria-disabled');
      this.csvLink.textContent = 'Download CSV';
    } catch (e) {
      this.csvLink.textContent = 'CSV unavailable';
    }
  }

  render(entry, { live = false } = {}) {
    document.title = `${entry.modification_id} Register · Quorate`;
    const room = [...this.store.rooms.values()].find((r) => r.modification_id === entry.modification_id);
    replaceChildren(this.subtitle, entry.title || '', ' ',
      entry.stage ? h('span', { class: 'badge badge-stage' }, stageLabel(entry.stage)) : '',
      room ? [' · ', h('a', { href: `#/rooms/${room.id}` }, `Open the ${entry.modification_id} room`)] : '');
    // A live re-read must not throw away a track reason being typed.
    if (!live || !this.track.contains(document.activeElement)) this.#renderTrack(entry);
    clear(this.list);
    if (!entry.decisions.length) {
      this.list.append(h('p', { class: 'muted' }, 'No decision you may read has been opened on this Modification yet.'));
    }
    this.list.append(h('p', { class: 'hint register-scope' },
      'Decisions held in rooms you may not read (Amber or Red rooms you are not a member of) are not listed.'));
    for (const d of entry.decisions) this.list.append(this.#decision(d));
  }

  #renderTrack(entry) {
    const t = entry.track;
    replaceChildren(this.track, h('h3', { id: 'register-track-title' }, 'Decision track'),
      t ? h('p', {}, h('strong', {}, TRACKS[t.track] || t.track), t.reason ? ` — ${t.reason}` : '', ' ',
        h('span', { class: 'hint' }, 'set ', timeEl(t.set_at), ` by ${this.store.userName(t.set_by)}`))
        : h('p', { class: 'muted' }, 'No track set yet.'));
    if (!isModerator(this.session.me)) return;
    const select = h('select', { id: 'track-choice' }, Object.entries(TRACKS).map(([value, label]) => h('option', { value,
      selected: t?.track === value }, label)));
    const reason = h('input', { id: 'track-reason', type: 'text', maxlength: 2000 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    this.track.append(h('form', { class: 'track-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      if (!reason.value.trim()) {
        error.textContent = 'A reason is required: Parties see it in the Modification’s room.';
        reason.focus();
        return;
      }
      try {
        const updated = await this.session.api.put(`/api/modifications/${encodeURIComponent(this.modificationId)}/track`,
          { track: select.value, reason: reason.value.trim() });
        this.render(updated);
        this.track.querySelector('h3')?.focus();
      } catch (err) {
        error.textContent = `Not set. ${describeError(err)}`;
      }
    } },
    h('label', { for: 'track-choice' }, 'Put on track'), select,
    h('label', { for: 'track-reason' }, 'Reason'), reason,
    h('button', { type: 'submit' }, 'Set track'), error));
    this.track.querySelector('h3').tabIndex = -1;
  }

  #decision(d) {
    const id = `register-decision-${d.id}`;
    const key = d.status === 'open' ? 'open' : d.status === 'cancelled' ? 'cancelled' : d.outcome || 'awaiting_casting_vote';
    const sealed = d.visibility === 'sealed' && d.status !== 'closed';
    const body = bodyByCode(this.store, d.body);
    return h('article', { class: 'register-decision', id, 'aria-labelledby': `${id}-title`, dataset: { decisionId: String(d.id) } },
      h('p', { class: 'decision-kicker' }, `${body?.name || d.body} · item ${d.item} · ${DECISION_KINDS[d.kind] || d.kind} · `,
        d.visibility === 'sealed' ? 'sealed ballots' : 'open ballots', ` · rules ${d.rules}`),
      h('h3', { id: `${id}-title` }, d.question),
      h('p', { class: 'decision-badges' },
        h('span', { class: `badge decision-status is-${key}` }, key === 'open' ? 'Open for ballots' : OUTCOMES[key] || key), ' ',
        h('span', { class: 'hint' }, 'opened ', timeEl(d.opened_at),
          d.status === 'open' ? [' · closes ', timeEl(d.closes_at)] : d.closed_at ? [' · closed ', timeEl(d.closed_at)] : ''),
        ' ', h('a', { href: `#/rooms/${d.room}` }, 'Show in room')),
      d.motion_text ? h('blockquote', { class: 'motion-text' }, `Motion (version ${d.motion_version}): ${d.motion_text}`) : null,
      d.explanation ? h('p', { class: 'decision-explanation' }, d.explanation) : null,
      d.follow_up ? h('p', { class: 'decision-follow-up' }, h('strong', {}, 'What follows: '), d.follow_up) : null,
      h('div', { class: 'register-figures' },
        h('div', {}, h('h4', {}, 'Quoracy'), quoracyGauge(d.quoracy, { id: `${id}-gauge`, open: d.status === 'open' })),
        d.tally ? h('div', {}, h('h4', {}, 'Tally'), tallyOverall(d.tally)) : null),
      d.tally ? tallyByCategory(d.tally) : null,
      !sealed ? this.#ballots(d, id) : d.status === 'cancelled'
        ? h('p', { class: 'sealed-note' }, h('strong', {}, 'Sealed for good. '), 'The decision was cancelled, so its ballots and reasons are never published.')
        : h('p', { class: 'sealed-note' }, h('strong', {}, 'Sealed until close. '),
          'Ballots and reasons are published here when the decision closes.'));
  }

  #ballots(d, id) {
    if (!d.ballots.length) return h('p', { class: 'muted' }, 'No ballots.');
    return h('table', { class: 'register-ballots', 'aria-labelledby': `${id}-title` },
      h('caption', {}, `Ballots and reasons (${d.ballots.filter((b) => b.counted).length} counted, ${d.ballots.length} recorded)`),
      h('thead', {}, h('tr', {}, ['Member', 'Party · Category', 'Ballot', 'Reason', 'Objectives', 'Version', 'Cast', 'Counted']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, d.ballots.map((b) => h('tr', { class: b.counted ? '' : 'is-not-counted' },
        h('th', { scope: 'row' }, b.voter?.display_name || '',
          b.cast_by && b.voter && b.cast_by.id !== b.voter.id ? h('span', { class: 'hint' }, ` (cast by ${b.cast_by.display_name})`) : ''),
        h('td', {}, [b.party, b.category ? (this.store.categories.get(b.category)?.name || b.category) : null].filter(Boolean).join(' · ')),
        h('td', {}, h('span', { class: `ballot-choice is-${b.choice || 'none'}` }, choiceLabel(b.choice))),
        h('td', { class: 'ballot-reason' }, b.reason || ''),
        h('td', { dataset: { label: 'Objectives' } }, objectivesText(b.objectives)),
        h('td', { class: 'num', dataset: { label: 'Version' } }, String(b.motion_version)),
        h('td', { dataset: { label: 'Cast' } }, timeEl(b.cast_at)),
        h('td', { dataset: { label: 'Counted' } }, b.counted ? 'Yes' : `No: ${b.note || ''}`)))));
  }
}
