// What the decision card's controls do (ctx.decisionActions of the room view).

import { describeError } from '../protocol/errors.js';
import { confirmDialog } from './dialogs.js';
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
      }).then(() => {
        drafts().delete(st.id);
        view.announce(`Your ballot (${draft.choice}) is recorded.`);
        redraw(st, `cast-${st.id}`);
      }, (err) => failed(st, draft, err, `cast-${st.id}`));
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

    async castingVote(st) {
      const ack = await castingVoteDialog(session, room, st);
      if (ack) view.announce('Your casting vote is recorded.');
    },

    reveal(id) {
      view.revealDecision(id);
    },
  };
}
