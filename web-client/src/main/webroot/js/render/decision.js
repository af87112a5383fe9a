// The decision card in a room's stream, and the line a moderator's change or the close leaves.
// The card is redrawn whenever its decision changes; what the reader is typing into the ballot
// form lives in ctx.decisionDrafts (and focus and caret are restored by data-focus keys), so a
// ballot arriving from someone else never loses it.
//
// ctx: {store, me, timeline, room, decisionDrafts: Map(id -> draft), decisionActions:
//   {cast(st, draft), withdraw(st), change(st, change), castingVote(st), reveal(id)}}

import { h, timeEl, excerpt } from '../dom.js';
import { renderItemKind } from '../events/registry.js';
import { decisionOf, ballotsVisible } from '../events/decisions.js';
import { quoracyGauge, tallyOverall, tallyByCategory, tallyByOption } from './tally.js';
import { receiptsFor } from '../views/decision-actions.js';

const MOTION_CHOICES = ['approve', 'reject', 'abstain'];

/** A motion's approve / reject / abstain, or the question's own options. */
export function choicesOf(st) {
  return st.options && st.options.length ? st.options : MOTION_CHOICES;
}

/** A class-safe name for a choice: custom option labels are free text. */
function choiceClass(choice) {
  return MOTION_CHOICES.includes(choice) ? choice : 'option';
}
import { OBJECTIVES, DECISION_KINDS, OUTCOMES, DECISION_CHANGES, choiceLabel, objectivesText } from '../views/labels.js';

const fullFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit' });

export function isModerator(me) {
  return (me.roles || []).some((r) => r === 'moderator' || r === 'administrator');
}

export function bodyByCode(store, code) {
  for (const b of store.bodies.values()) if (b.code === code) return b;
  return null;
}

function myBallot(st, me) {
  if (ballotsVisible(st)) {
    return [...st.ballots.values()].find((b) => b.voter?.id === me.id || b.cast_by?.id === me.id) || null;
  }
  return st.myBallot || null;
}

/** The server says whether I may vote; until its reply arrives, my seat on the body says it. */
function mayVote(st, ctx) {
  if (st.status !== 'open') return false;
  if (st.canVote !== undefined) return st.canVote;
  const body = bodyByCode(ctx.store, st.body);
  return Boolean(body?.members?.some((m) => m.user_id === ctx.me.id && m.voting));
}

function statusBadge(st) {
  if (st.status === 'open') return h('span', { class: 'badge decision-status is-open' }, 'Open for ballots');
  const key = st.status === 'cancelled' ? 'cancelled' : st.outcome || 'awaiting_casting_vote';
  return h('span', { class: `badge decision-status is-${key}` }, OUTCOMES[key] || key.replace(/_/g, ' '));
}

function deadline(st) {
  if (st.status === 'open') {
    if (!st.closesAt) return h('p', { class: 'decision-deadline' }, 'No closing time: decided at the meeting.');
    const closes = new Date(st.closesAt);
    const passed = closes.getTime() <= Date.now();
    const left = st.workingDaysLeft;
    return h('p', { class: 'decision-deadline' },
      h('span', { class: 'label' }, passed ? 'Closing time passed: ' : 'Closes '),
      h('time', { datetime: closes.toISOString() }, fullFmt.format(closes)),
      passed ? ' — the result follows shortly.'
        : left == null ? '' : h('strong', { class: 'working-days' },
          left === 0 ? ' · closes today' : ` · ${left} Working ${left === 1 ? 'Day' : 'Days'} left`));
  }
  const at = st.closedAt || null;
  return h('p', { class: 'decision-deadline' }, st.status === 'cancelled' ? 'Cancelled' : 'Closed', at ? [' ', timeEl(at)] : '');
}

function ballotItem(b, ctx) {
  const category = b.category ? (ctx.store.categories.get(b.category)?.name || b.category) : null;
  const mine = b.voter?.id === ctx.me.id;
  const where = [b.party, category].filter(Boolean).join(' · ');
  return h('li', { class: `ballot${b.counted ? '' : ' is-not-counted'}${mine ? ' is-mine' : ''}`, dataset: { seat: String(b.seat_id) } },
    h('p', { class: 'ballot-head' },
      h('span', { class: `ballot-choice is-${b.choice ? choiceClass(b.choice) : 'none'}` }, choiceLabel(b.choice)), ' ',
      h('span', { class: 'ballot-voter' }, b.voter?.display_name || ''),
      where ? h('span', { class: 'muted' }, ` · ${where}`) : ''),
    b.reason ? h('p', { class: 'ballot-reason' }, b.reason) : h('p', { class: 'ballot-reason muted' }, 'No reason given.'),
    h('p', { class: 'hint' },
      b.objectives?.length ? `Objectives ${objectivesText(b.objectives)} · ` : '',
      `motion version ${b.motion_version}`,
      b.cast_at ? [' · ', timeEl(b.cast_at)] : '',
      b.cast_by && b.voter && b.cast_by.id !== b.voter.id ? ` · cast by ${b.cast_by.display_name}` : '',
      b.counted ? '' : ` · not counted: ${b.note || ''}`));
}

function tallySection(st, id) {
  const heading = h('h4', { id: `${id}-tally` }, 'Tally');
  if (!ballotsVisible(st)) {
    const n = st.quoracy?.ballots_received ?? st.sealedCount ?? 0;
    if (st.status === 'cancelled') {
      return h('section', { class: 'decision-tally is-sealed', 'aria-labelledby': `${id}-tally` }, heading,
        h('p', { class: 'sealed-note' }, h('strong', {}, 'Sealed for good. '),
          `${n} ${n === 1 ? 'ballot was' : 'ballots were'} received; a cancelled decision never publishes choices or reasons.`));
    }
    return h('section', { class: 'decision-tally is-sealed', 'aria-labelledby': `${id}-tally` }, heading,
      h('p', { class: 'sealed-note' }, h('strong', {}, 'Sealed until close. '),
        `${n} ${n === 1 ? 'ballot' : 'ballots'} received. Nobody else's choice or reason is shown — not even to moderators — `,
        'until the decision closes; then every ballot and reason is published.'));
  }
  if (!st.tally) return null;
  return h('section', { class: 'decision-tally', 'aria-labelledby': `${id}-tally` }, heading,
    st.tally.by_option ? tallyByOption(st.tally) : tallyOverall(st.tally));
}

function ballotList(st, ctx, id) {
  if (!ballotsVisible(st)) return null;
  const list = [...st.ballots.values()].sort((a, b) => String(a.cast_at).localeCompare(String(b.cast_at)));
  return h('section', { class: 'decision-ballots', 'aria-labelledby': `${id}-ballots` },
    h('h4', { id: `${id}-ballots` }, `Ballots and reasons (${list.length})`),
    list.length ? h('ul', { class: 'ballot-list' }, list.map((b) => ballotItem(b, ctx)))
      : h('p', { class: 'muted' }, 'No ballots yet.'));
}

/**
 * The form's state. It starts from my ballot and follows it (my ballot arriving from the server
 * after a cast) until I change something; from then on it keeps what I entered.
 */
function draftFor(st, ctx, mine) {
  const basis = mine ? `${mine.seat_id}|${mine.cast_at}|${mine.choice}` : '';
  const known = ctx.decisionDrafts.get(st.id);
  if (known && (!known.untouched || known.basis === basis || known.pending)) return known;
  const draft = { choice: mine?.choice || null, reason: mine?.reason || '', objectives: new Set(mine?.objectives || []),
    error: '', pending: false, untouched: true, basis };
  ctx.decisionDrafts.set(st.id, draft);
  return draft;
}

function ballotForm(st, ctx, id) {
  const mine = myBallot(st, ctx.me);
  const draft = draftFor(st, ctx, mine);
  const f = (key) => `${key}-${st.id}`;
  const reasonId = `${id}-reason`;
  const choiceGroup = h('fieldset', { class: 'ballot-choices' },
    h('legend', {}, 'Your choice'),
    choicesOf(st).map((c) => h('label', { class: `choice-option is-${choiceClass(c)}` },
      h('input', { type: 'radio', name: `${id}-choice`, value: c, checked: draft.choice === c, dataset: { focus: f(`choice-${c}`) },
        onchange: () => Object.assign(draft, { choice: c, error: '', untouched: false }) }),
      ` ${st.options ? c : choiceLabel(c)}`)));
  const reason = h('textarea', {
    id: reasonId, rows: 2, maxlength: 2000, required: st.reasonsRequired, 'aria-describedby': `${id}-reason-hint`,
    dataset: { focus: f('reason') }, oninput: (e) => Object.assign(draft, { reason: e.target.value, error: '', untouched: false }),
  });
  reason.value = draft.reason;
  const objectives = h('fieldset', { class: 'ballot-objectives' },
    h('legend', {}, 'General SEC Objectives your reason relates to (optional)'),
    h('div', { class: 'objective-grid' }, OBJECTIVES.map(([letter, text]) => h('label', { class: 'check', title: text },
      h('input', { type: 'checkbox', value: letter, checked: draft.objectives.has(letter), dataset: { focus: f(`objective-${letter}`) },
        'aria-label': `(${letter}) ${text}`,
        onchange: (e) => {
          draft.untouched = false;
          if (e.target.checked) draft.objectives.add(letter);
          else draft.objectives.delete(letter);
        } }),
      `(${letter})`))),
    h('details', { class: 'objectives-help', open: draft.helpOpen, ontoggle: (e) => { draft.helpOpen = e.target.open; } },
      h('summary', { dataset: { focus: f('objectives-help') } }, 'What (a)–(g) stand for'),
      h('ol', { type: 'a' }, OBJECTIVES.map(([, text]) => h('li', {}, text)))));
  const stale = mine && mine.motion_version < st.motionVersion;
  return h('form', {
    class: 'ballot-form', 'aria-labelledby': `${id}-form-title`, novalidate: true,
    onsubmit: (e) => { e.preventDefault(); ctx.decisionActions.cast(st, draft); },
  },
  h('h4', { id: `${id}-form-title` }, mine ? 'Your ballot' : 'Cast your ballot'),
  mine ? h('p', { class: 'my-ballot' }, 'You voted ', h('strong', {}, choiceLabel(mine.choice)),
    ` on motion version ${mine.motion_version}`, mine.cast_at ? [', ', timeEl(mine.cast_at)] : '', '. ',
    st.visibility === 'sealed' ? 'Only you can see it until the close. ' : '',
    'You may change or withdraw it until the decision closes.') : null,
  stale ? h('p', { class: 'decision-warning' }, `The motion was amended to version ${st.motionVersion} after you voted. `,
    'Cast your ballot again to confirm it on the current text.') : null,
  mine && !mine.counted && mine.note ? h('p', { class: 'decision-warning' }, `Your ballot is not counted: ${mine.note}.`) : null,
  choiceGroup,
  h('label', { for: reasonId }, st.reasonsRequired ? 'Reason (required)' : 'Reason (optional)'),
  reason,
  h('p', { class: 'hint', id: `${id}-reason-hint` }, st.reasonsRequired
    ? 'This decision asks every voter for a reason; it is recorded in the Modification Register.'
    : 'Your reason is recorded with your ballot in the Modification Register.'),
  objectives,
  h('div', { class: 'ballot-buttons' },
    h('button', { type: 'submit', class: 'primary', disabled: draft.pending, dataset: { focus: f('cast') } },
      draft.pending ? 'Sending…' : mine ? 'Change ballot' : 'Cast ballot'),
    mine ? h('button', { type: 'button', disabled: draft.pending, dataset: { focus: f('withdraw') },
      onclick: () => ctx.decisionActions.withdraw(st) }, 'Withdraw ballot') : null),
  h('p', { class: 'form-error', role: 'alert' }, draft.error || ''));
}

/** A voter who kept a receipt (in this browser) can check it in the ledger, before and after the close. */
function receiptCheck(st, ctx) {
  if (!receiptsFor(st.id).length || !ctx.decisionActions) return null;
  return h('p', { class: 'receipt-check' },
    h('button', { type: 'button', dataset: { focus: `receipt-${st.id}` }, onclick: () => ctx.decisionActions.checkReceipt(st) },
      'Check my receipt'), ' ', h('span', { role: 'status' }, ctx.receiptChecks?.get(st.id) || ''));
}

function resultSection(st, ctx, id) {
  const key = st.status === 'cancelled' ? 'cancelled' : st.outcome || 'awaiting_casting_vote';
  const body = bodyByCode(ctx.store, st.body);
  const chairId = body?.chair_user_id;
  const followUp = st.followUp
    || (key === 'awaiting_casting_vote' ? `The chair${chairId ? `, ${ctx.store.userName(chairId)},` : ''} gives the casting vote.`
      : key === 'cancelled' ? null
        : st.modificationId ? `Recorded in the ${st.modificationId} Modification Register with every ballot and reason.` : null);
  return h('section', { class: `decision-result is-${key}`, 'aria-labelledby': `${id}-result` },
    h('h4', { id: `${id}-result` }, `Result: ${OUTCOMES[key] || key}`),
    st.explanation ? h('p', { class: 'decision-explanation' }, st.explanation) : null,
    followUp ? h('p', { class: 'decision-follow-up' }, h('strong', {}, 'What follows: '), followUp) : null,
    st.closeReason ? h('p', { class: 'hint' }, `${st.status === 'cancelled' ? 'Cancelled' : 'Closed early'}`,
      st.closedBy ? ` by ${st.closedBy.display_name}` : '', `: ${st.closeReason}`) : null,
    key === 'awaiting_casting_vote' && chairId === ctx.me.id ? h('div', { class: 'decision-moderation' },
      h('button', { type: 'button', class: 'primary', dataset: { focus: `casting-${st.id}` },
        onclick: () => ctx.decisionActions.castingVote(st) }, 'Give the casting vote…')) : null);
}

function moderation(st, ctx) {
  if (st.status !== 'open' || !isModerator(ctx.me)) return null;
  const btn = (change, label) => h('button', { type: 'button', dataset: { focus: `${change}-${st.id}` }, class: change === 'cancel' ? 'danger-outline' : '',
    onclick: () => ctx.decisionActions.change(st, change) }, label);
  return h('div', { class: 'decision-moderation', role: 'group', 'aria-label': 'Moderate this decision' },
    btn('extend', 'Extend…'), btn('amend', 'Amend motion…'), btn('close', 'Close now…'), btn('cancel', 'Cancel decision…'));
}

/** "extended" -> "extended the closing time"; "recusal: Kate Kestrel" -> "recorded a recusal (Kate Kestrel)". */
function changeWords(change) {
  if (DECISION_CHANGES[change]) return DECISION_CHANGES[change];
  const recusal = /^recusal: (.*)$/.exec(change || '');
  return recusal ? `recorded a recusal (${recusal[1]})` : String(change || 'changed').replace(/_/g, ' ');
}

function changeHistory(st) {
  if (!st.changes.length) return null;
  return h('ul', { class: 'decision-changes hint' }, st.changes.map((c) => h('li', {},
    `${c.by?.display_name || 'Quorate'} ${changeWords(c.change)}`, c.reason ? `: ${c.reason}` : '')));
}

/** My recusal on this decision, if I declared (or SECAS or the chair recorded) one. */
function myRecusal(st, ctx) {
  // The change names the seat's holder, with the seat after the name: "recusal: Kate Kestrel (Small Supplier Member)".
  const mine = `recusal: ${ctx.me.display_name}`;
  return (st.changes || []).find((c) => c.change === mine || String(c.change).startsWith(`${mine} (`)) || null;
}

function holdsVotingSeat(st, ctx) {
  const body = bodyByCode(ctx.store, st.body);
  return Boolean(body?.members?.some((m) => m.user_id === ctx.me.id && m.voting));
}

/**
 * Instead of the ballot form, why I cannot vote: a proxy holds my seat, or I declared a conflict.
 * (The server refuses either ballot; this says why before anyone tries.)
 */
function ballotBlocked(st, ctx, id) {
  if (st.status !== 'open') return null;
  const recusal = myRecusal(st, ctx);
  const proxy = recusal ? null : ctx.seatNotes?.proxyFor(st);
  if (!recusal && !proxy) return null;
  return h('section', { class: 'ballot-blocked', 'aria-labelledby': `${id}-blocked`, id: `${id}-blocked-box` },
    h('h4', { id: `${id}-blocked` }, 'You cannot vote on this decision'),
    recusal ? [h('p', {}, 'You declared a conflict of interest',
      recusal.reason ? `: “${recusal.reason}”.` : '.', ' You are not counted in its quorum base and your seat casts no ballot.')]
      : [h('p', {}, h('strong', {}, ctx.store.userName(proxy.proxy_id)),
        ` holds your seat as proxy ${proxy.scope === 'decision' ? 'for this decision' : proxy.active_until ? 'for a period' : 'until revoked'}`,
        proxy.appointed_by !== ctx.me.id ? ` (appointed by ${ctx.store.userName(proxy.appointed_by)})` : '',
        ', so they vote for you and you cannot vote yourself. A ballot you cast before the appointment started still counts.'),
      h('p', {}, 'To vote yourself, revoke the appointment on the ', h('a', { href: '#/proxies' }, 'Proxies page'), '.')]);
}

/** A member with a voting seat may declare a conflict of interest while the decision is open. */
function recusalButton(st, ctx) {
  if (st.status !== 'open' || st.canVote === false || !ctx.decisionActions?.recuse || myRecusal(st, ctx) || !holdsVotingSeat(st, ctx)) return null;
  return h('p', { class: 'decision-recusal' }, h('button', { type: 'button', dataset: { focus: `recuse-${st.id}` },
    onclick: () => ctx.decisionActions.recuse(st) }, 'Declare a conflict of interest…'));
}

export function renderDecisionCard(st, ctx) {
  const id = `decision-${st.id}`;
  const body = bodyByCode(ctx.store, st.body);
  const open = st.status === 'open';
  const li = h('li', { class: 'decision-item', id, dataset: { decisionId: String(st.id), status: st.status } });
  const article = h('article', { class: `decision${open ? ' is-open' : ''}`, 'aria-labelledby': `${id}-title` },
    h('header', { class: 'decision-head' },
      h('p', { class: 'decision-kicker' }, 'Decision · ', body?.name || st.body || '',
        st.modificationId ? ` · ${st.modificationId}` : '',
        st.item && st.item !== st.modificationId && st.item !== 'Motion' ? ` · item ${st.item}` : ''),
      h('h3', { id: `${id}-title`, class: 'decision-question', tabindex: -1, dataset: { focus: `title-${st.id}` } }, st.question || 'Decision'),
      h('p', { class: 'decision-badges' },
        statusBadge(st), ' ',
        h('span', { class: 'badge' }, DECISION_KINDS[st.kind] || st.kind || ''), ' ',
        h('span', { class: `badge ${st.visibility === 'sealed' ? 'badge-sealed' : ''}` },
          st.visibility === 'sealed' ? (open ? 'Sealed until close' : st.status === 'cancelled' ? 'Sealed (never published)'
            : 'Sealed (now published)') : 'Open ballots'),
        st.reasonsRequired ? [' ', h('span', { class: 'badge' }, 'Reasons required')] : '')),
    st.motionText ? h('div', { class: 'decision-motion' },
      h('p', { class: 'label' }, `Motion (version ${st.motionVersion ?? 1})`),
      h('blockquote', { class: 'motion-text' }, st.motionText)) : null,
    deadline(st),
    changeHistory(st),
    h('div', { class: 'decision-figures' },
      h('section', { class: 'decision-quoracy', 'aria-labelledby': `${id}-quoracy` },
        h('h4', { id: `${id}-quoracy` }, 'Quoracy'), quoracyGauge(st.quoracy, { id: `${id}-gauge`, open })),
      tallySection(st, id)),
    ballotsVisible(st) && st.tally && !st.tally.by_option ? tallyByCategory(st.tally) : null,
    ballotBlocked(st, ctx, id) || (open && mayVote(st, ctx) ? ballotForm(st, ctx, id) : null),
    recusalButton(st, ctx),
    ballotList(st, ctx, id),
    open ? null : resultSection(st, ctx, id),
    receiptCheck(st, ctx),
    moderation(st, ctx),
    h('p', { class: 'decision-foot hint' },
      st.rules ? `Rules ${st.rules}` : '',
      st.openedBy ? ` · opened by ${st.openedBy.display_name}` : '',
      st.modificationId ? [' · ', h('a', { href: `#/register/${encodeURIComponent(st.modificationId)}` },
        `${st.modificationId} Modification Register`)] : ''));
  li.append(article);
  return li;
}

/** What a screen reader hears when a decision opens, changes or closes while the room is open. */
export function decisionAnnouncement(item, timeline) {
  const st = decisionOf(timeline, item.data.id);
  const what = st?.question ? `“${excerpt(st.question, 120)}”` : 'a decision';
  if (item.kind === 'decision') return `Decision open for ballots: ${what}`;
  const e = item.data.event;
  if (e.type === 'decision_closed') return `Decision ${what}: ${OUTCOMES[e.outcome] || e.outcome}`;
  return `Decision ${what}: ${e.by?.display_name || 'Quorate'} ${changeWords(e.change)}`;
}

renderItemKind('decision', (item, ctx) => {
  const st = decisionOf(ctx.timeline, item.data.id);
  return renderDecisionCard(st, ctx);
});

/** Where a moderator changed the decision, or it closed: one line, with a way to the card. */
renderItemKind('decision_update', (item, ctx) => {
  const e = item.data.event;
  const st = decisionOf(ctx.timeline, item.data.id);
  const what = st?.question ? `“${excerpt(st.question, 80)}”` : 'the decision';
  let text;
  if (e.type === 'decision_closed') {
    const outcome = OUTCOMES[e.outcome] || e.outcome;
    text = e.outcome === 'cancelled' ? `${what} was cancelled${e.by ? ` by ${e.by.display_name}` : ''}: ${e.reason || ''}`
      : `${what} closed — ${outcome}.`;
  } else {
    const who = e.by?.display_name || 'Quorate';
    text = `${who} ${changeWords(e.change)} — ${what}${e.reason ? `: ${e.reason}` : ''}`;
  }
  return h('li', { class: 'system-line decision-line', dataset: { seq: String(item.seq), decisionId: String(item.data.id) } },
    h('span', { class: 'system-kind' }, 'Decision: '), text, ' ',
    h('button', { type: 'button', class: 'link-button', dataset: { focus: `show-decision-${item.data.id}-${item.seq}` },
      onclick: () => ctx.decisionActions.reveal(item.data.id) }, 'Show decision'));
});
