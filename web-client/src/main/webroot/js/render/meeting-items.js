// Stream items of meetings: one line per notable meeting event (who did what, with the chair's
// reason), and a card for published minutes (readable in place, downloadable as Markdown and HTML).

import { h, timeEl } from '../dom.js';
import { renderItemKind } from '../events/registry.js';
import { meetingFacts } from '../events/meetings.js';
import { renderMinutes } from './minutes.js';
import { downloadText } from '../views/meeting-parts.js';

const name = (u) => u?.display_name || 'someone';

const RULINGS = {
  reorder: 'changed the speaking order',
  mute: 'muted',
  unmute: 'unmuted',
  remove: 'removed',
  early_close: 'closed the meeting before every agenda item was taken',
  room_locked: 'locked the meeting room to members',
  room_unlocked: 'unlocked the meeting room',
  chair_handover: 'handed over the chair',
};

/** " for 2 minutes", from the floor's end and the moment it was given. */
function speakingTime(e) {
  if (!e.ends_at || !e.at) return '';
  const seconds = Math.round((Date.parse(e.ends_at) - Date.parse(e.at)) / 1000);
  if (seconds <= 0) return '';
  return seconds % 60 === 0 ? ` for ${seconds / 60} ${seconds === 60 ? 'minute' : 'minutes'}` : ` for ${seconds} seconds`;
}

function describe(e, facts) {
  switch (e.type) {
    case 'meeting_state_changed': {
      const resumed = e.state === 'open' && (facts.openings?.get(e.meeting_id) || []).some((s) => s < e.seq);
      const verb = resumed ? 'resumed' : { open: 'opened', adjourned: 'adjourned', closed: 'closed' }[e.state] || e.state;
      return [`${name(e.by)} ${verb} the meeting`, e.reason ? `: ${e.reason}` : '.'];
    }
    case 'agenda_moved':
      return [`Now on agenda item ${e.position}: `, h('strong', {}, e.title),
        e.modification_room ? [' (', h('a', { href: `#/rooms/${e.modification_room}` }, `${e.modification_id} room`), ')'] : ''];
    case 'floor_changed':
      if (!e.holder) return [`${name(e.by)} took the floor back`, e.reason ? `: ${e.reason}` : '.'];
      return [`${name(e.by)} gave the floor to `, h('strong', {}, name(e.holder)), speakingTime(e), '.'];
    case 'chair_ruling': {
      const what = RULINGS[e.kind] || e.kind.replace(/_/g, ' ');
      const subject = e.subject && e.kind !== 'reorder' ? ` ${name(e.subject)}` : '';
      const about = e.kind === 'reorder' && e.subject ? ` (${name(e.subject)})` : e.kind === 'chair_handover' && e.subject
        ? ` to ${name(e.subject)}` : '';
      return [h('span', { class: 'meeting-ruling' }, "Chair's ruling: "), `${name(e.by)} ${what}${e.kind === 'chair_handover' ? '' : subject}${about}`,
        e.reason ? [' — ', h('q', {}, e.reason)] : ''];
    }
    case 'meeting_vote_opened':
      return [`${name(e.by)} called a vote: `, h('strong', {}, e.question), ` (${(e.options || []).join(', ')}; ${e.electorate} may vote).`];
    case 'meeting_vote_closed': {
      const question = facts.votes.get(e.vote_id);
      const tally = (e.tally || []).map((t) => `${t.option} ${t.votes}`).join(', ');
      return ['Vote closed', question ? [': ', h('strong', {}, question)] : '', ` — ${tally || 'no ballots'}; `,
        h('strong', {}, e.outcome || 'no outcome'), '. ', h('span', { class: 'muted' }, e.explanation || ''),
        e.reason ? [' Reason: ', e.reason] : ''];
    }
    case 'meeting_decision_recorded':
      return ['Decision recorded: ', h('strong', {}, e.text), e.reason ? [' Reason: ', e.reason] : ''];
    case 'action_recorded':
      return [`Action ${e.number}: `, h('strong', {}, e.text), ` — owner ${e.owner_user ? name(e.owner_user) : e.owner_party?.name || '?'}, due `,
        h('time', { datetime: e.due_date }, e.due_date), ` (${e.due_working_days} Working Days).`];
    case 'action_updated':
      return [`Action ${e.number} is now ${e.status}`, e.by ? ` (${name(e.by)})` : '', e.note ? `: ${e.note}` : '.'];
    case 'question_taken': {
      const q = facts.questions.get(e.question_id);
      return [`${name(e.by)} took a question from the floor`, q ? [': ', h('q', {}, q.text),
        q.anonymous ? ' (asked anonymously)' : q.asker ? ` (asked by ${name(q.asker)})` : ''] : '.'];
    }
    case 'quoracy_changed':
      // The explanation starts with its verdict ("quorate: 7 of 12 ..."); the line says it once.
      return [h('strong', {}, e.quorate ? 'The meeting is quorate' : 'The meeting is not quorate'),
        `: ${String(e.explanation || '').replace(/^(in)?quorate:\s*/, '')}`];
    default:
      return [e.type.replace(/_/g, ' ')];
  }
}

renderItemKind('meeting', (item, ctx) => {
  const e = item.data;
  return h('li', { class: `meeting-line meeting-${e.type}`, dataset: { seq: String(item.seq), meeting: String(e.meeting_id) } },
    h('span', { class: 'meeting-tag' }, 'Meeting'), ' ',
    h('span', { class: 'meeting-text' }, describe(e, meetingFacts(ctx.timeline))), ' ',
    timeEl(e.at));
});

renderItemKind('minutes', (item, ctx) => {
  const e = item.data;
  const body = h('div', { class: 'minutes-body' });
  const details = h('details', { class: 'minutes-details', ontoggle: () => {
    // Rendered on first opening: minutes can be long, and most readers only need the headline.
    if (details.open && !body.firstChild) body.append(renderMinutes(e.markdown, { headingOffset: 2 }));
  } }, h('summary', {}, 'Read the minutes'), body);
  return h('li', { class: 'minutes-card', dataset: { seq: String(item.seq), meeting: String(e.meeting_id) } },
    h('p', { class: 'minutes-head' }, h('span', { class: 'meeting-tag' }, 'Minutes'), ' ',
      h('strong', {}, `Minutes published: ${e.title}`), ' ', h('span', { class: 'muted' }, `by ${name(e.by)} `), timeEl(e.at)),
    details,
    h('p', { class: 'minutes-downloads' },
      h('button', { type: 'button', class: 'link-button', onclick: () => downloadText(`minutes-${e.meeting_id}.md`, e.markdown, 'text/markdown') },
        'Download Markdown'), ' · ',
      h('a', { href: `#/rooms/${ctx.room?.id ?? e.room}/meeting/${e.meeting_id}` }, 'Meeting record and HTML download')));
});
