// A room's header: name, classification and stage, the follow toggle, who is online, the pinned
// messages (each one jumps to its message), the decisions open for ballots (each one jumps to its
// card), the Modification Register link and, for moderators, "Open decision".

import { h, clear, excerpt } from '../dom.js';
import { CLASSIFICATION, stageLabel } from './labels.js';
import { decisionsOf } from '../events/decisions.js';
import { isModerator } from '../render/decision.js';
import { stageHistory } from './admin-modifications.js';

export class RoomHeader {
  constructor(session, roomId, { reveal, revealDecision, openDecision }) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.reveal = reveal;
    this.revealDecision = revealDecision;
    this.title = h('h2', { id: 'room-title', tabindex: -1 }, this.store.roomName(roomId));
    this.badges = h('span', { class: 'room-badges' });
    this.followButton = h('button', { type: 'button', class: 'follow-toggle', 'aria-pressed': 'false', onclick: () => this.#toggleFollow() },
      'Follow');
    this.presenceLabel = h('span', { id: 'presence-label', class: 'muted presence-label' }, 'Online now:');
    this.presence = h('ul', { class: 'presence-list', 'aria-labelledby': 'presence-label' });
    this.pinned = h('details', { class: 'pinned', hidden: true });
    this.registerLink = h('a', { class: 'register-link', hidden: true }, 'Modification Register');
    this.openDecisionButton = isModerator(session.me)
      ? h('button', { type: 'button', class: 'open-decision', onclick: openDecision }, 'Open decision…') : null;
    this.decisions = h('ul', { class: 'open-decisions', 'aria-label': 'Decisions open for ballots', hidden: true });
    // A Modification's room shows its stage history (read when first opened, and again whenever the stage badge changes).
    this.stages = h('details', { class: 'room-stage-history', hidden: true, ontoggle: () => this.stages.open && this.#loadStages() },
      h('summary', {}, 'Stage history'));
    this.el = h('header', { class: 'room-header' },
      h('div', { class: 'room-title-row' }, this.title, this.badges, this.registerLink, this.openDecisionButton, this.followButton),
      h('div', { class: 'presence' }, this.presenceLabel, this.presence),
      this.pinned,
      this.stages,
      this.decisions);
  }

  render() {
    const r = this.store.rooms.get(this.roomId);
    if (!r) return;
    this.title.textContent = r.name;
    clear(this.badges);
    const c = CLASSIFICATION[r.classification];
    if (c) this.badges.append(h('span', { class: `badge badge-${r.classification}`, title: c.help }, c.label));
    if (r.modification_stage) this.badges.append(h('span', { class: 'badge badge-stage' }, stageLabel(r.modification_stage)));
    this.registerLink.hidden = !r.modification_id;
    this.stages.hidden = !r.modification_id;
    if (r.modification_id && this.stagesFor !== `${r.modification_id}|${r.modification_stage}`) {
      this.stagesFor = `${r.modification_id}|${r.modification_stage}`;
      this.stagesLoaded = false;
      if (this.stages.open) this.#loadStages();
    }
    if (r.modification_id) {
      this.registerLink.href = `#/register/${encodeURIComponent(r.modification_id)}`;
      this.registerLink.textContent = `${r.modification_id} Register`;
      this.registerLink.title = `Every decision on ${r.modification_id}, with each member's ballot and reason`;
    }
    this.followButton.setAttribute('aria-pressed', String(r.following));
    this.followButton.textContent = r.following ? 'Following' : 'Follow';
    this.followButton.title = r.following ? 'You are notified of new threads here. Press to stop.' : 'Be notified of new threads here';
  }

  renderPresence() {
    const online = this.store.presence.get(this.roomId) || [];
    clear(this.presence);
    this.presenceLabel.textContent = online.length ? `Online now (${online.length}):` : 'Online now:';
    this.presence.title = online.map((u) => u.display_name).join(', ');
    const connection = this.store.connection;
    if (!online.length) {
      this.presence.append(h('li', { class: 'muted' }, connection.state === 'online' ? 'nobody else'
        : connection.everOnline ? 'not known while offline' : '…'));
    }
    for (const u of online) {
      const me = u.id === this.session.me.id;
      this.presence.append(h('li', { class: me ? 'presence-me' : '' },
        h('span', { class: 'presence-dot', 'aria-hidden': 'true' }), u.display_name, me ? ' (you)' : ''));
    }
  }

  renderPinned(timeline) {
    const pinned = [...timeline.messages.values()].filter((m) => m.pinned && !m.deleted).sort((a, b) => a.seq - b.seq);
    this.pinned.hidden = pinned.length === 0;
    if (!pinned.length) return;
    const wasOpen = this.pinned.open;
    clear(this.pinned);
    this.pinned.open = wasOpen;
    this.pinned.append(h('summary', {}, `Pinned (${pinned.length})`),
      h('ul', {}, pinned.map((m) => h('li', {}, h('button', {
        type: 'button', class: 'link-button', onclick: () => this.reveal(m),
      }, `${m.author?.display_name}: ${excerpt(m.body, 80)}`)))));
  }

  /** One chip per decision open for ballots; it jumps to the decision's card. */
  renderDecisions(timeline) {
    const open = [...decisionsOf(timeline).values()].filter((d) => d.status === 'open' && d.question)
      .sort((a, b) => a.id - b.id);
    this.decisions.hidden = open.length === 0;
    clear(this.decisions);
    for (const d of open) {
      const left = d.workingDaysLeft;
      this.decisions.append(h('li', {}, h('button', { type: 'button', class: 'decision-chip', onclick: () => this.revealDecision(d.id) },
        h('span', { class: 'decision-chip-kind' }, 'Vote open'), ' ', excerpt(d.question, 70),
        left == null ? '' : h('span', { class: 'muted' }, left === 0 ? ' · closes today' : ` · ${left} Working ${left === 1 ? 'Day' : 'Days'} left`))));
    }
  }

  async #loadStages() {
    const r = this.store.rooms.get(this.roomId);
    if (!r?.modification_id || this.stagesLoaded) return;
    this.stagesLoaded = true;
    const summary = this.stages.querySelector('summary');
    try {
      const m = await this.session.api.get(`/api/modifications/${encodeURIComponent(r.modification_id)}`);
      clear(this.stages).append(summary, stageHistory(m, this.store, `room-${this.roomId}-stages`, 'h3'));
    } catch (e) {
      this.stagesLoaded = false;
      clear(this.stages).append(summary, h('p', { class: 'form-error', role: 'alert' }, 'The stage history could not be loaded.'));
    }
  }

  async #toggleFollow() {
    const r = this.store.rooms.get(this.roomId);
    if (!r) return;
    try {
      await this.session.follow(this.roomId, !r.following);
    } catch (e) {
      this.store.reportError(e, 'Could not change following');
    }
  }
}
