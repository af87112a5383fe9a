// The meeting's record as the panel shows it: questions from the floor (ask, anonymously if wished;
// up-vote; the chair takes them), actions (owners and stewards set their status), papers (late ones
// flagged) and the minutes (downloads; the editor for whoever may chair).

import { h, timeEl } from '../dom.js';
import { actionButton, downloadMinutesFile, errorLine, refill, run, section, setText } from './meeting-parts.js';
import { paperEntry, paperUploadForm } from './meeting-papers.js';

export class RecordView {
  constructor(model, controls) {
    this.model = model;
    this.session = model.session;
    this.controls = controls;
    this.questions = h('ol', { class: 'meeting-questions' });
    this.questionsError = errorLine('meeting-questions-error');
    this.questionForm = this.#questionForm();
    this.actions = h('ul', { class: 'meeting-actions' });
    this.actionsError = errorLine('meeting-actions-error');
    this.papers = h('ul', { class: 'meeting-papers' });
    this.papersDue = h('p', { class: 'hint' });
    this.papersError = errorLine('meeting-papers-error');
    this.paperForm = h('div', { class: 'paper-form-slot' });
    this.minutes = h('div', { class: 'meeting-minutes' });
    this.minutesError = errorLine('meeting-minutes-error');
    this.sections = {
      questions: section('meeting-questions-section', 'Questions from the floor', this.questions, this.questionsError, this.questionForm),
      actions: section('meeting-actions-section', 'Actions', this.actions, this.actionsError),
      papers: section('meeting-papers-section', 'Papers', this.papersDue, this.papers, this.papersError, this.paperForm),
      minutes: section('meeting-minutes-section', 'Minutes', this.minutes, this.minutesError),
    };
  }

  get me() {
    return this.session.me;
  }

  render(v) {
    this.renderQuestions(v);
    this.renderActions();
    this.renderPapers(v);
    this.renderMinutes(v);
  }

  renderQuestions(v) {
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
        live && !q.taken && !mine ? actionButton(`upvote-${q.id}`, 'Up-vote', 'small', () => this.model.command('upvote_question', { question: q.id }),
          this.questionsError, { 'aria-label': `Up-vote: ${q.text}` }) : '',
        chair && !q.taken ? this.controls.questionControls(q, this.questionsError) : '');
    }) : h('li', { class: 'muted' }, 'No questions yet.'));
    if (chair && list.some((q) => !q.taken)) this.questions.prepend(h('li', { class: 'question-tools' }, this.controls.takeNextQuestion(this.questionsError)));
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

  renderActions() {
    const actions = this.model.actions || [];
    this.sections.actions.hidden = actions.length === 0;
    refill(this.actions, actions.map((a) => h('li', { class: `action-item action-${a.status}`, dataset: { action: String(a.id) } },
      h('span', { class: 'action-text' }, h('span', { class: 'action-number' }, `${a.number}. `), a.text, ' ',
        h('span', { class: 'muted' }, `— ${a.owner_user_name || a.owner_party_name}, due `),
        h('time', { datetime: a.due_date }, a.due_date)), ' ',
      h('span', { class: `badge ${a.status === 'open' ? '' : 'badge-green'}` }, a.status),
      this.#mayUpdate(a) ? this.#actionButtons(a) : '')));
  }

  /** Owners (the user, or anyone of the owning Party), whoever may chair, minute-takers and SECAS update an action. */
  #mayUpdate(a) {
    const me = this.me;
    const roles = me.roles || [];
    return a.owner_user_id === me.id || (a.owner_party_id != null && a.owner_party_id === me.party_id) || this.model.mayChair
      || (this.model.view?.minute_takers || []).includes(me.id) || roles.includes('moderator') || roles.includes('administrator');
  }

  #actionButtons(a) {
    const set = (status, label) => actionButton(`action-${a.id}`, label, 'small',
      () => this.session.client.request({ type: 'update_action', action: a.id, status }).then(() => this.model.refresh(['actions'])),
      this.actionsError, { 'aria-label': `${label}: action ${a.number}, ${a.text}` });
    return h('span', { class: 'chair-controls' }, a.status === 'open' ? [set('done', 'Done'), set('dropped', 'Drop')] : set('open', 'Reopen'));
  }

  renderPapers(v) {
    const papers = v.papers || [];
    const roles = this.me.roles || [];
    const mayUpload = (this.model.mayChair || roles.includes('administrator')) && ['scheduled', 'open', 'adjourned'].includes(v.state);
    this.sections.papers.hidden = papers.length === 0 && !mayUpload;
    setText(this.papersDue, v.papers_due_by ? `Papers are due 5 Working Days before the meeting: by ${v.papers_due_by}.` : '');
    refill(this.papers, papers.length ? papers.map((p) => paperEntry(this.session, v.id, p, this.papersError))
      : h('li', { class: 'muted' }, 'No papers yet.'));
    // The form is rebuilt only when what it offers changes, so a chosen file survives live updates.
    const key = mayUpload ? JSON.stringify([(v.agenda || []).map((i) => [i.id, i.title]), papers.map((p) => [p.id, p.version])]) : '';
    if (this.paperForm.dataset.key !== key) {
      this.paperForm.dataset.key = key;
      this.paperForm.replaceChildren(mayUpload ? paperUploadForm(this.session, v, () => this.model.refresh(['view'])) : '');
    }
  }

  renderMinutes(v) {
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
      this.model.mayChair && !published ? this.controls.minutesButton(this.minutesError) : '');
  }
}
