// The quoracy gauge and the tally bar charts, as plain DOM. Bar lengths are set through the CSSOM
// (element.style), which the page's Content-Security-Policy allows; every number is also text, and
// the bars themselves are hidden from assistive technology.

import { h } from '../dom.js';

const CHOICES = [['approve', 'Approve'], ['reject', 'Reject'], ['abstain', 'Abstain']];

export const CHOICE_LABELS = Object.fromEntries(CHOICES);

function pct(part, whole) {
  return whole > 0 ? `${Math.max(0, Math.min(100, (100 * part) / whole))}%` : '0%';
}

function segment(cls, part, whole) {
  const el = h('span', { class: `bar-seg ${cls}` });
  el.style.width = pct(part, whole);
  return el;
}

/** Participating against the base, with the threshold marked; the server's sentence and forecast beside it. */
export function quoracyGauge(q, { id, open }) {
  if (!q) return h('p', { class: 'muted' }, 'Quoracy is not known yet.');
  if (q.sealed) return sealedQuoracy(q, id);
  const labelId = `${id}-label`;
  const fill = h('span', { class: 'gauge-fill' });
  fill.style.width = pct(q.participating, q.base);
  const mark = h('span', { class: 'gauge-mark' });
  mark.style.left = pct(q.required, q.base);
  const state = q.quorate ? 'quorate' : 'inquorate';
  const meter = h('div', {
    class: `gauge is-${state}`,
    role: 'meter',
    'aria-labelledby': labelId,
    'aria-valuemin': 0,
    'aria-valuemax': q.base,
    'aria-valuenow': q.participating,
    'aria-valuetext': `${q.participating} of ${q.base} taking part; ${q.required} required; ${state}`,
    dataset: { participating: String(q.participating), required: String(q.required), base: String(q.base) },
  }, fill, mark);
  return h('div', { class: 'quoracy' },
    h('p', { class: 'quoracy-head', id: labelId },
      h('span', { class: `quoracy-state is-${state}` }, q.quorate ? 'Quorate' : 'Not quorate'),
      ` — ${q.participating} of ${q.base} taking part, ${q.required} required`),
    meter,
    h('p', { class: 'quoracy-sentence' }, q.sentence || ''),
    open && q.forecast ? h('p', { class: 'quoracy-forecast' }, `Forecast: ${q.forecast}`) : null,
    q.composition?.length ? h('ul', { class: 'quoracy-composition' }, q.composition.map((c) => h('li', { class: c.met ? 'is-met' : 'is-unmet' },
      h('span', { 'aria-hidden': 'true' }, c.met ? '✓ ' : '✗ '),
      `${c.names}: ${c.participating} (at least ${c.required} required)${c.met ? '' : ' — not yet met'}`))) : null,
    q.postal_ballots_counted ? h('p', { class: 'hint' }, `Postal ballots counted: ${q.postal_ballots_counted}`) : null,
    q.clause ? h('p', { class: 'hint quoracy-clause' }, q.clause) : null);
}

/**
 * A sealed decision before its close: ballots received against the base, and the threshold, but no
 * quorate / participating figures — where abstentions do not count those would reveal an abstention.
 */
function sealedQuoracy(q, id) {
  const n = q.ballots_received ?? 0;
  const labelId = `${id}-label`;
  // A meter of ballots received, without the threshold mark: received is not taking part (an
  // abstention may not count), so setting one against the other would mislead.
  const fill = h('span', { class: 'gauge-fill' });
  fill.style.width = pct(n, q.base);
  const meter = h('div', {
    class: 'gauge is-sealed',
    role: 'meter',
    'aria-labelledby': labelId,
    'aria-valuemin': 0,
    'aria-valuemax': q.base,
    'aria-valuenow': n,
    'aria-valuetext': `${n} of ${q.base} ballots received; quoracy is counted at the close`,
    dataset: { received: String(n), base: String(q.base) },
  }, fill);
  return h('div', { class: 'quoracy is-sealed' },
    h('p', { class: 'quoracy-head', id: labelId },
      h('span', { class: 'quoracy-state is-sealed' }, 'Counted at the close'),
      ` — ${n} of ${q.base} ${n === 1 ? 'ballot' : 'ballots'} received, ${q.required} taking part required`),
    meter,
    h('p', { class: 'quoracy-sentence' }, q.sentence || ''),
    h('p', { class: 'hint' }, 'Ballots are sealed: whether it is quorate depends on the choices, so it is told only when the decision closes.'),
    q.clause ? h('p', { class: 'hint quoracy-clause' }, q.clause) : null);
}

/** Overall counts as one stacked bar (of the eligible), with a legend that carries the numbers. */
export function tallyOverall(t) {
  const bar = h('div', { class: 'bar', 'aria-hidden': 'true' },
    CHOICES.map(([c]) => segment(`is-${c}`, t[c], t.eligible)));
  return h('div', { class: 'tally-overall' },
    bar,
    h('ul', { class: 'tally-legend' },
      CHOICES.map(([c, label]) => h('li', { dataset: { tally: c } },
        h('span', { class: `swatch is-${c}`, 'aria-hidden': 'true' }), `${label} `, h('strong', { class: 'count' }, String(t[c])))),
      h('li', { dataset: { tally: 'not_voted' } }, h('span', { class: 'swatch is-none', 'aria-hidden': 'true' }), 'Not voted ',
        h('strong', { class: 'count' }, String(t.not_voted)), ` of ${t.eligible}`)));
}

/** A question with its own options: one bar per option (of the ballots cast), each number also as text. */
export function tallyByOption(t) {
  const cast = t.by_option.reduce((n, o) => n + o.votes, 0);
  return h('div', { class: 'tally-overall tally-options' },
    h('ul', { class: 'tally-legend' },
      t.by_option.map((o) => h('li', { dataset: { tally: 'option' } },
        `${o.option} `, h('strong', { class: 'count' }, String(o.votes)),
        h('div', { class: 'bar', 'aria-hidden': 'true' }, segment('is-approve', o.votes, cast))))),
    h('p', { class: 'hint' }, `Not voted ${t.not_voted} of ${t.eligible}`));
}

/** One row per Party Category: the numbers as table cells, the bar beside them. */
export function tallyByCategory(t, { caption = 'By Party Category' } = {}) {
  if (!t.by_category?.length) return null;
  return h('table', { class: 'tally-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Category'),
      CHOICES.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
      h('th', { scope: 'col', class: 'num' }, 'Eligible'),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Chart')))),
    h('tbody', {}, t.by_category.map((c) => h('tr', { dataset: { category: c.category } },
      h('th', { scope: 'row' }, c.name || c.category),
      CHOICES.map(([k]) => h('td', { class: 'num', dataset: { tally: k } }, String(c[k]))),
      h('td', { class: 'num' }, String(c.eligible)),
      h('td', { class: 'bar-cell' }, h('div', { class: 'bar bar-small', 'aria-hidden': 'true' },
        CHOICES.map(([k]) => segment(`is-${k}`, c[k], c.eligible))))))));
}
