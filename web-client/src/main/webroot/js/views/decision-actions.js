// What the decision card's controls do (ctx.decisionActions of the room view).

import { describeError } from '../protocol/errors.js';
import { confirmDialog, reasonDialog } from './dialogs.js';
import { changeDecisionDialog, castingVoteDialog } from './decision-dialogs.js';
import { choicesOf } from '../render/decision.js';

const firstChoice = (st) => choicesOf(st)[0];

/**
 * view: {ctx, rerenderItem(key, focusKey), revealDecision(id), announce(text)}
 */
export function decisionActions(session, room, view) {
  const drafts = () => view.ctx.decisionDrafts;
  const redraw = (st, focusKey = null) => view.rerenderItem(`d:${st.id}`, focusKey);
  const failed = (st, draft, err, focusKey) => {
    draft.pending = false;
    draft.error = `Not recorded. ${describeError(err)}`;
    redraw(st, focusKey);
  };

  return {
    cast(st, draft) {
      if (!draft.choice) {
        draft.error = st.options ? 'Choose one of the options.' : 'Choose approve, reject or abstain.';
        redraw(st, `choice-${firstChoice(st)}-${st.id}`);
        return;
      }
      if (st.reasonsRequired && !draft.reason.trim()) {
        draft.error = 'This decision asks every voter for a reason: please give yours.';
        redraw(st, `reason-${st.id}`);
        return;
      }
      draft.pending = true;
      draft.error = '';
      redraw(st, `cast-${st.id}`);
      session.castBallot(room, st.id, {
        choice: draft.choice,
        reason: draft.reason.trim(),
        objectives: [...draft.objectives].sort(),
        motionVersion: st.motionVersion,
      }).then((ack) => {
        if (ack?.receipt) keepReceipt(st.id, ack.receipt);
        drafts().delete(st.id);
        view.announce(`Your ballot (${draft.choice}) is recorded.`);
        redraw(st, `cast-${st.id}`);
      }, (err) => failed(st, draft, err, `cast-${st.id}`));
    },

    /** Asks the server whether my latest receipt for this decision is in the ledger, and whether it counted. */
    async checkReceipt(st) {
      const receipt = receiptsFor(st.id).at(-1);
      if (!receipt) return;
      const draft = drafts().get(st.id) || {};
      try {
        const r = await session.api.get(`/api/ledger/receipts/${encodeURIComponent(receipt.hash)}`);
        const counted = r.counted == null ? 'it is counted at the close' : r.counted ? 'it counted' : 'it did not count (a later ballot replaced it)';
        view.ctx.receiptChecks.set(st.id, r.intact ? `Receipt ${receipt.position} is in the ledger, intact; ${counted}.`
          : `Receipt ${receipt.position} does not match the ledger: report this to SECAS.`);
      } catch (err) {
        view.ctx.receiptChecks.set(st.id, `Receipt ${receipt.position} was not found in the ledger: ${describeError(err)}`);
      }
      redraw(st, `receipt-${st.id}`);
      return draft;
    },

    async withdraw(st) {
      const ok = await confirmDialog({ title: 'Withdraw your ballot?', confirm: 'Withdraw ballot', danger: true,
        text: 'Nothing will count for your seat unless you vote again before the close. The withdrawal is recorded.' });
      if (!ok) return;
      try {
        await session.withdrawBallot(room, st.id);
        drafts().delete(st.id);
        view.announce('Your ballot is withdrawn.');
        redraw(st, `choice-${firstChoice(st)}-${st.id}`);
      } catch (err) {
        session.store.reportError(err, 'Your ballot was not withdrawn');
      }
    },

    async change(st, change) {
      const ack = await changeDecisionDialog(session, room, st, change);
      // The button may go with the change (a closed decision has none): the question keeps focus.
      if (ack) view.elements.get(`d:${st.id}`)?.querySelector('.decision-question')?.focus();
      if (ack) view.announce(change === 'close' ? 'The decision is closed.' : change === 'cancel' ? 'The decision is cancelled.'
        : change === 'extend' ? 'The decision is extended.' : 'The motion is amended.');
    },

    async recuse(st) {
      const reason = await reasonDialog({ title: 'Declare a conflict of interest', confirm: 'Declare conflict',
        label: 'Your conflict (recorded in the decision and its register)', missing: 'Say what the conflict is: it is recorded.',
        text: 'You leave this decision’s electorate: your seat casts no ballot and the quorum is counted without it. This cannot be undone.' });
      if (!reason) return;
      try {
        await session.recuse(room, st.id, reason);
        view.announce('Your conflict of interest is recorded; the quorum is now counted without your seat.');
        redraw(st, `title-${st.id}`);
      } catch (err) {
        session.store.reportError(err, 'Your conflict of interest was not recorded');
      }
    },

    async castingVote(st) {
      const ack = await castingVoteDialog(session, room, st);
      if (ack) view.announce('Your casting vote is recorded.');
    },

    reveal(id) {
      view.revealDecision(id);
    },
  };
}

/** Receipts are kept in this browser only, per decision, newest last. */
export function receiptsFor(decisionId) {
  try {
    return JSON.parse(localStorage.getItem(`quorate.receipts.${decisionId}`) || '[]');
  } catch {
    return [];
  }
}

function keepReceipt(decisionId, receipt) {
  localStorage.setItem(`quorate.receipts.${decisionId}`, JSON.stringify([...receiptsFor(decisionId), receipt].slice(-20)));
}
