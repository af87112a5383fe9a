// A meeting beside its body's room (#/rooms/<room>/meeting/<id>): what every participant sees and
// does — state, quoracy gauge, who holds the floor (with the speaking time counting down), join and
// leave, raise and lower a hand (or a point of order), the agenda with the current item, a ballot
// while a meeting vote is open, questions from the floor, attendance, actions, papers, minutes —
// and, for whoever may chair, the chair console and the chair's buttons beside each entry.

import { h, timeEl } from '../dom.js';
import { safeUrl } from '../render/markdown.js';
import { MeetingModel, countdown, stateLabel } from '../meeting-model.js';
import { ChairConsole } from './chair-console.js';
import { QuoracyGauge, describeMeetingError, errorLine, refill, run, section, setText, when, downloadMinutesFile } from './meeting-parts.js';

const CAPACITY = { member: 'member', alternate: 'alternate', proxy: 'proxy', chair: 'chair', guest: 'guest' };

export class MeetingPanel {
  constructor(session, roomId, meetingId, { close }) {
    this.session = session;
    this.store = session.store;
    this.roomId = roomId;
    this.meetingId = meetingId;
    this.model = new MeetingModel(session, meetingId);
    this.ballots = new Map();

    this.title = h('h2', { id: 'meeting-title', tabindex: -1 }, 'Meeting');
    this.closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close meeting panel', onclick: close }, '×');
    this.status = h('div', { class: 'meeting-status' });
    this.loadError = errorLine('meeting-load-error');
    this.gauge = new QuoracyGauge('meeting-quoracy');
    this.floorText = h('p', { class: 'floor-holder', role: 'status', 'aria-live': 'polite' });
    this.timer = h('p', { class: 'floor-timer', role: 'timer', 'aria-label': 'Speaking time left' });
    this.floor = h('div', { class: 'meeting-floor', id: 'meeting-floor' }, this.floorText, this.timer);
    this.meBox = h('div', { class: 'meeting-me-controls', id: 'meeting-me-box' });
    this.meError = errorLine('meeting-me-error');
    this.console = new ChairConsole(this.model, { panel: this });
    this.votes = h('div', { class: 'meeting-votes' });
    this.votesError = errorLine('meeting-votes-error');
    this.results = h('div', { class: 'meeting-votes' });
    this.agenda = h('ol', { class: 'meeting-agenda' });
    this.agendaError = errorLine('meeting-agenda-error');
    this.queue = h('ol', { class: 'meeting-queue' });
    this.queueError = errorLine('meeting-queue-error');
    this.questions = h('ol', { class: 'meeting-questions' });
    this.questionsError = errorLine('meeting-questions-error');
    this.questionForm = this.#questionForm();
    this.attendance = h('ul', { class: 'meeting-attendance' });
    this.attendanceError = errorLine('meeting-attendance-error');
    this.actions = h('ul', { class: 'meeting-actions' });
    this.papers = h('ul', { class: 'meeting-papers' });
    this.papersDue = h('p', { class: 'hint' });
    this.minutes = h('div', { class: 'meeting-minutes' });
    this.minutesError = errorLine('meeting-minutes-error');

    this.sections = {
      votes: section('meeting-votes-section', 'Vote open', this.votes, this.votesError),
      results: section('meeting-results-section', 'Vote results', this.results),
      agenda: section('meeting-agenda-section', 'Agenda', this.agenda, this.agendaError),
      queue: section('meeting-queue-section', 'Speaking queue', this.queue, this.queueError),
      questions: section('meeting-questions-section', 'Questions from the floor', this.questions, this.questionsError, this.questionForm),
      attendance: section('meeting-attendance-section', 'Attendance', this.attendance, this.attendanceError),
      actions: section('meeting-actions-section', 'Actions', this.actions),
      papers: section('meeting-papers-section', 'Papers', this.papersDue, this.papers),
      minutes: section('meeting-minutes-section', 'Minutes', this.minutes, this.minutesError),
    };
    this.scroller = h('div', { class: 'meeting-scroll', tabindex: 0, 'aria-label': 'Meeting' },
      this.status, this.loadError, this.gauge.el, this.floor,
      // What needs attention now comes first: one's own hand, the queue, the chair's console, an open vote.
      h('div', { class: 'meeting-me' }, this.meBox, this.meError),
      this.sections.queue, this.console.el, this.sections.votes,
      Object.values(this.sections).filter((s) => s !== this.sections.votes && s !== this.sections.queue));
    this.el = h('section', { class: 'meeting-panel', 'aria-labelledby': 'meeting-title' },
      h('header', { class: 'panel-header' }, this.title, this.closeButton),
      this.scroller);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !e.target.closest('form, details')) close();
    });

    this.off = [this.model.on('change', () => this.render())];
    this.tick = setInterval(() => this.#renderTimer(), 1000);
    this.render();
    this.model.refresh();
  }

  destroy() {
    clearInterval(this.tick);
    this.off.forEach((off) => off());
    this.model.destroy();
    this.console.destroy();
  }

  focus() {
    this.title.focus();
  }

  get me() {
    return this.session.me;
  }

  render() {
    const m = this.model;
    const v = m.view;
    setText(this.loadError, m.loadError ? `The meeting could not be loaded. ${describeMeetingError(m.loadError)}` : '');
    if (!v) {
      refill(this.status, h('p', { class: 'muted' }, m.loadError ? '' : 'Loading the meeting…'));
      this.el.classList.add('is-loading');
      return;
    }
    if (v.room_id !== this.roomId) {
      // Linked from another room (a Modification's minutes): the meeting lives in its body's room.
      location.replace(`#/rooms/${v.room_id}/meeting/${v.id}`);
      return;
    }
    this.el.classList.remove('is-loading');
    setText(this.title, v.title);
    this.el.dataset.state = v.state;
    this.#renderStatus(v);
    this.gauge.render(v.state === 'cancelled' ? null : v.quoracy);
    this.#renderFloor(v);
    this.#renderMe(v);
    this.console.render();
    this.#renderVotes(v);
    this.#renderAgenda(v);
    this.#renderQueue(v);
    this.#renderQuestions(v);
    this.#renderAttendance(v);
    this.#renderActions();
    this.#renderPapers(v);
    this.#renderMinutes(v);
  }

  #renderStatus(v) {
    refill(this.status,
      h('p', { class: 'meeting-state-line' },
        h('span', { class: `badge meeting-state meeting-state-${v.state}` }, stateLabel(v.state)), ' ',
        h('span', {}, v.body_name), ' · ', h('span', { title: new Date(v.scheduled_start).toString() }, when(v.scheduled_start)),
        v.room_locked ? [' ', h('span', { class: 'badge badge-amber' }, 'Locked to members')] : ''),
      h('p', { class: 'meeting-chair-line muted' }, v.acting_chair ? `Chaired by ${v.acting_chair.display_name}` : 'No one has taken the chair yet.'));
  }

  #renderFloor(v) {
    const holder = v.floor?.holder;
    this.floor.hidden = v.state !== 'open' && !holder;
    this.floor.classList.toggle('is-me', holder?.id === this.me.id);
    setText(this.floorText, !holder ? 'Nobody has the floor.'
      : holder.id === this.me.id ? 'You have the floor.' : `${holder.display_name} has the floor.`);
    this.#renderTimer();
  }

  #renderTimer() {
    const left = countdown(this.model.view?.floor?.ends_at);
    this.timer.hidden = !left;
    if (left) {
      setText(this.timer, left.text);
      this.timer.classList.toggle('is-over', left.seconds === 0);
      this.timer.classList.toggle('is-ending', left.seconds > 0 && left.seconds <= 15);
    }
  }

  #renderMe(v) {
    const m = this.model;
    const removed = m.sanction(this.me.id, 'removed');
    const muted = m.sanction(this.me.id, 'muted');
    const out = [];
    if (removed) {
      out.push(h('p', { class: 'meeting-sanction' }, `The chair removed you from this meeting: ${removed.reason}`));
    } else if (muted) {
      out.push(h('p', { class: 'meeting-sanction' }, `The chair muted your posting in this room: ${muted.reason}`));
    }
    const live = ['scheduled', 'open', 'adjourned'].includes(v.state);
    if (!live) {
      out.push(h('p', { class: 'muted' }, v.state === 'closed' ? 'This meeting is closed.' : `This meeting is ${stateLabel(v.state).toLowerCase()}.`));
    } else if (!m.present) {
      if (!removed) {
        out.push(this.#button('join', 'Join the meeting', 'primary', () => m.command('join_meeting')));
        for (const d of (v.delegates || []).filter((x) => x.delegate_id === this.me.id)) {
          out.push(this.#button(`join-for-${d.principal_id}`, `Join as ${d.kind} for ${d.principal_name}`, '',
            () => m.command('join_meeting', { on_behalf_of: d.principal_id })));
        }
      }
    } else {
      const queue = v.queue || [];
      const at = queue.findIndex((e) => e.user.id === this.me.id);
      // The acting chair speaks without queueing; everyone else raises a hand.
      if (v.state === 'open' && !m.isChair) {
        if (at < 0) {
          out.push(this.#button('raise', 'Raise hand', 'primary', () => m.command('raise_hand')),
            this.#button('point-of-order', 'Point of order', '', () => m.command('raise_hand', { point_of_order: true })));
        } else {
          out.push(this.#button('lower', 'Lower hand', '', () => m.command('lower_hand')),
            h('span', { class: 'meeting-my-place' }, `Your hand is raised: ${ordinal(at + 1)} in the queue${queue[at].point_of_order ? ' (point of order)' : ''}.`));
        }
      }
      out.push(this.#button('leave', 'Leave the meeting', '', () => m.command('leave_meeting')));
    }
    refill(this.meBox, out);
  }

  #button(key, label, cls, fn, errorEl = this.meError, attrs = {}) {
    const b = h('button', { type: 'button', class: cls, dataset: { focus: `meeting-${key}` }, ...attrs,
      onclick: () => run(b, errorEl, fn) }, label);
    return b;
  }

  #renderVotes(v) {
    const open = (v.votes || []).filter((x) => !x.closed_at);
    const closed = (v.votes || []).filter((x) => x.closed_at).reverse();
    this.sections.votes.hidden = open.length === 0;
    this.sections.results.hidden = closed.length === 0;
    const openIds = new Set(open.map((x) => x.vote_id));
    for (const id of this.ballots.keys()) if (!openIds.has(id)) this.ballots.delete(id);
    refill(this.votes, open.map((vote) => this.#openVote(vote)));
    refill(this.results, closed.map((vote) => this.#voteResult(vote)));
  }

  #openVote(vote) {
    const item = this.model.view.agenda.find((i) => i.id === vote.item_id);
    const mine = this.model.myBallots.get(vote.vote_id);
    const box = h('div', { class: 'meeting-vote is-open', dataset: { vote: String(vote.vote_id) } },
      h('p', { class: 'vote-question' }, h('strong', {}, vote.question)),
      h('p', { class: 'muted vote-meta' }, item ? `Agenda item ${item.position}. ` : '', `${vote.cast} of ${vote.electorate} have voted.`));
    if (this.model.present) box.append(this.#ballotForm(vote, mine));
    else box.append(h('p', { class: 'hint' }, 'Join the meeting to cast a ballot.'));
    if (this.model.isChair) box.append(...this.console.voteControls(vote, this.votesError));
    return box;
  }

  /** One form per open vote, kept across re-renders so a half-made choice is not lost. */
  #ballotForm(vote, mine) {
    let entry = this.ballots.get(vote.vote_id);
    if (!entry) {
      const reason = h('input', { type: 'text', id: `ballot-reason-${vote.vote_id}`, maxlength: 2000, autocomplete: 'off' });
      const submit = h('button', { type: 'submit', class: 'primary', dataset: { focus: `ballot-cast-${vote.vote_id}` } }, 'Cast ballot');
      const note = h('p', { class: 'ballot-mine', role: 'status' });
      const error = errorLine(`ballot-error-${vote.vote_id}`);
      const form = h('form', { class: 'ballot-form', onsubmit: (e) => {
        e.preventDefault();
        const choice = form.querySelector('input[type=radio]:checked')?.value;
        if (!choice) {
          error.textContent = 'Choose an option first.';
          return;
        }
        run(submit, error, () => this.model.castBallot(vote.vote_id, choice, reason.value.trim()));
      } },
      h('fieldset', {},
        h('legend', {}, 'Your ballot'),
        vote.options.map((o, n) => h('label', { class: 'ballot-option' },
          h('input', { type: 'radio', name: `ballot-${vote.vote_id}`, value: o, id: `ballot-${vote.vote_id}-${n}` }), ` ${o}`))),
      h('label', { for: `ballot-reason-${vote.vote_id}`, class: 'field-label' }, 'Reason (optional)'), reason,
      h('div', { class: 'form-row' }, submit), note, error);
      entry = { form, submit, note };
      this.ballots.set(vote.vote_id, entry);
    }
    entry.submit.textContent = mine ? 'Change ballot' : 'Cast ballot';
    setText(entry.note, mine ? `You voted "${mine}". You can change your ballot until the vote closes.` : '');
    return entry.form;
  }

  #voteResult(vote) {
    const max = Math.max(1, ...(vote.tally || []).map((t) => t.votes));
    return h('div', { class: 'meeting-vote is-closed', dataset: { vote: String(vote.vote_id) } },
      h('p', { class: 'vote-question' }, h('strong', {}, vote.question), ' ',
        h('span', { class: `badge ${vote.outcome === 'carried' ? 'badge-green' : 'badge-red'}` }, vote.outcome || 'closed')),
      h('ul', { class: 'tally' }, (vote.tally || []).map((t) => {
        const bar = h('span', { class: 'tally-bar', 'aria-hidden': 'true' });
        bar.style.setProperty('width', `${(100 * t.votes) / max}%`);
        return h('li', {}, h('span', { class: 'tally-option' }, t.option), h('span', { class: 'tally-track' }, bar),
          h('span', { class: 'tally-count' }, String(t.votes)));
      })),
      h('p', { class: 'muted vote-meta' }, `${vote.quorate ? 'Quorate' : 'Not quorate'} at the close: ${vote.explanation || ''}`,
        vote.close_reason ? ` Reason for closing: ${vote.close_reason}` : ''));
  }

  #renderAgenda(v) {
    const chair = this.model.isChair && v.state === 'open';
    refill(this.agenda, (v.agenda || []).map((item) => {
      const current = item.id === v.current_item_id;
      return h('li', { class: `agenda-item${current ? ' is-current' : ''}${item.ended_at ? ' is-taken' : ''}`,
        'aria-current': current ? 'step' : null, dataset: { item: String(item.id) } },
      h('span', { class: 'agenda-title' }, `${item.position}. ${item.title}`),
      current ? h('span', { class: 'badge badge-stage' }, 'Now') : item.ended_at ? h('span', { class: 'muted' }, ' (taken)') : '',
      item.modification_room ? [' ', h('a', { href: `#/rooms/${item.modification_room}`, class: 'agenda-link' }, `${item.modification_id} room`)] : '',
      chair && !current ? this.console.agendaControls(item, this.agendaError) : '');
    }));
    if (!v.agenda?.length) refill(this.agenda, h('li', { class: 'muted' }, 'No agenda items.'));
  }

  #renderQueue(v) {
    const queue = v.queue || [];
    this.sections.queue.hidden = v.state !== 'open' && queue.length === 0;
    const chair = this.model.isChair && v.state === 'open';
    refill(this.queue, queue.length ? queue.map((e, n) => h('li', { class: `queue-entry${e.user.id === this.me.id ? ' is-me' : ''}`,
      dataset: { user: String(e.user.id) } },
    h('span', { class: 'queue-name' }, e.user.display_name, e.user.id === this.me.id ? ' (you)' : ''),
    e.point_of_order ? [' ', h('span', { class: 'badge badge-amber' }, 'Point of order')] : '', ' ',
    h('span', { class: 'muted' }, 'raised '), timeEl(e.raised_at),
    chair ? this.console.queueControls(e, n, queue.length, this.queueError) : ''))
      : h('li', { class: 'muted' }, 'No hands raised.'));
  }

  #renderQuestions(v) {
    const live = v.state === 'open' || v.state === 'adjourned';
    const list = [...this.model.questions].sort((a, b) => (a.taken - b.taken) || (b.votes - a.votes) || (a.id - b.id));
    this.sections.questions.hidden = !live && list.length === 0;
    this.questionForm.hidden = !live;
    const chair = this.model.isChair && live;
    refill(this.questions, list.length ? list.map((q) => {
      const mine = q.asker?.id === this.me.id;
      return h('li', { class: `question${q.taken ? ' is-taken' : ''}`, dataset: { question: String(q.id) } },
        h('p', { class: 'question-text' }, q.text),
        h('p', { class: 'question-meta muted' },
          q.anonymous ? (mine ? 'Asked anonymously by you' : 'Anonymous') : `Asked by ${q.asker?.display_name || 'someone'}`,
          ` · ${q.votes} ${q.votes === 1 ? 'up-vote' : 'up-votes'}`, q.taken ? ' · taken by the chair' : ''),
        live && !q.taken && !mine ? this.#button(`upvote-${q.id}`, 'Up-vote', 'small', () => this.model.command('upvote_question', { question: q.id }),
          this.questionsError, { 'aria-label': `Up-vote: ${q.text}` }) : '',
        chair && !q.taken ? this.console.questionControls(q, this.questionsError) : '');
    }) : h('li', { class: 'muted' }, 'No questions yet.'));
    if (chair && list.some((q) => !q.taken)) this.questions.prepend(h('li', { class: 'question-tools' }, this.console.takeNextQuestion(this.questionsError)));
  }

  #questionForm() {
    const text = h('textarea', { id: 'question-text', rows: 2, maxlength: 2000, required: true });
    const anonymous = h('input', { type: 'checkbox', id: 'question-anonymous' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Submit question');
    const error = errorLine('question-error');
    const form = h('form', { class: 'question-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      if (!text.value.trim()) {
        error.textContent = 'Write your question first.';
        text.focus();
        return;
      }
      const ok = await run(submit, error, () => this.model.command('submit_question', { text: text.value.trim(), anonymous: anonymous.checked }));
      if (ok) {
        text.value = '';
        anonymous.checked = false;
      }
    } },
    h('label', { for: 'question-text', class: 'field-label' }, 'Ask the chair a question'), text,
    h('label', { class: 'check' }, anonymous, ' Ask anonymously (other participants do not see your name; the record does)'),
    h('div', { class: 'form-row' }, submit), error);
    return form;
  }

  #renderAttendance(v) {
    const present = v.present || [];
    const chair = this.model.isChair && (v.state === 'open' || v.state === 'adjourned');
    const removed = (v.sanctions || []).filter((s) => s.kind === 'removed');
    refill(this.attendance,
      present.length ? present.map((s) => {
        const muted = this.model.sanction(s.user_id, 'muted');
        return h('li', { class: `attendee${s.user_id === this.me.id ? ' is-me' : ''}`, dataset: { user: String(s.user_id) } },
          h('span', { class: 'attendee-name' }, s.name, s.user_id === this.me.id ? ' (you)' : ''),
          h('span', { class: 'attendee-meta muted' }, ` ${capacity(s)}${s.mode === 'in_room' ? ' · in the room' : ' · remote'}`),
          muted ? [' ', h('span', { class: 'badge badge-red', title: muted.reason }, 'Muted')] : '',
          chair && s.user_id !== this.me.id ? this.console.attendeeControls(s, this.attendanceError) : '');
      }) : h('li', { class: 'muted' }, 'Nobody has joined yet.'),
      removed.map((s) => h('li', { class: 'attendee is-removed' }, h('span', { class: 'attendee-name' }, s.name),
        h('span', { class: 'muted' }, ` removed by the chair: ${s.reason}`))));
  }

  #renderActions() {
    const actions = this.model.actions || [];
    this.sections.actions.hidden = actions.length === 0;
    refill(this.actions, actions.map((a) => h('li', { class: `action-item action-${a.status}` },
      h('span', { class: 'action-number' }, `${a.number}. `), a.text, ' ',
      h('span', { class: 'muted' }, `— ${a.owner_user_name || a.owner_party_name}, due `),
      h('time', { datetime: a.due_date }, a.due_date), ' ',
      h('span', { class: `badge ${a.status === 'open' ? '' : 'badge-green'}` }, a.status))));
  }

  #renderPapers(v) {
    const papers = v.papers || [];
    this.sections.papers.hidden = papers.length === 0;
    setText(this.papersDue, v.papers_due_by ? `Papers are due 5 Working Days before the meeting: by ${v.papers_due_by}.` : '');
    refill(this.papers, papers.map((p) => {
      const href = p.url ? safeUrl(p.url) : null;
      return h('li', {}, href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, p.title) : p.title,
        p.file_name ? h('span', { class: 'muted' }, ` (${p.file_name})`) : '',
        ' ', h('span', { class: 'muted' }, 'published '), timeEl(p.published_at),
        p.late ? [' ', h('span', { class: 'badge badge-red', title: 'Published fewer than 5 Working Days before the meeting' }, 'Late')] : '');
    }));
  }

  #renderMinutes(v) {
    const published = Boolean(v.minutes_published_at);
    this.sections.minutes.hidden = !published && v.state !== 'closed' && !this.model.mayChair;
    refill(this.minutes,
      h('p', {}, published ? ['Published ', timeEl(v.minutes_published_at), '.'] : v.state === 'closed'
        ? 'Not published yet.' : 'Generated from the record as the meeting goes; published after the close.'),
      h('p', { class: 'minutes-downloads' },
        h('button', { type: 'button', class: 'link-button', dataset: { focus: 'minutes-md' },
          onclick: () => downloadMinutesFile(this.session, v.id, 'md', this.minutesError) }, 'Download Markdown'), ' · ',
        h('button', { type: 'button', class: 'link-button', dataset: { focus: 'minutes-html' },
          onclick: () => downloadMinutesFile(this.session, v.id, 'html', this.minutesError) }, 'Download HTML')),
      this.model.mayChair && !published ? this.console.minutesButton(this.minutesError) : '');
  }
}

function capacity(s) {
  const kind = CAPACITY[s.capacity] || s.capacity;
  const seat = s.seat ? ` · ${s.seat}` : '';
  const behalf = s.seat_holder_id && s.seat_holder_id !== s.user_id ? ` for ${s.seat_holder_name}` : '';
  return `${kind}${behalf}${seat}${s.party_name ? ` · ${s.party_name}` : ''}`;
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

