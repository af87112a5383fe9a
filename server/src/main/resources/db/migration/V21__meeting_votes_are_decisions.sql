-- Meeting votes are decisions: a vote the chair calls on an agenda item is a row in decision (its
-- id is the vote id), with its frozen electorate, ballots and result counted by the decisions rules
-- engine. A postal vote already open for the meeting and the item's Modification is adopted by the
-- call, its postal ballots counted with those cast at the meeting. The interim meeting_vote,
-- meeting_vote_elector and meeting_ballot tables of V20 are no longer written; they stay, since
-- nothing is ever deleted.

-- The call of a meeting vote: which decision, at which meeting, on which item, by whom and when.
CREATE TABLE meeting_vote_call (
  decision_id     bigint PRIMARY KEY REFERENCES decision (id),
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  question        text NOT NULL,
  -- true: a postal (or prepared meeting) decision taken over by the call, its ballots included
  adopted         boolean NOT NULL,
  called_by       bigint NOT NULL REFERENCES app_user (id),
  called_at       timestamptz NOT NULL,
  closed_by       bigint REFERENCES app_user (id),
  close_reason    text
);
CREATE INDEX meeting_vote_call_meeting ON meeting_vote_call (meeting_id, called_at);

-- A decision recorded on a vote now names the vote's decision. NOT VALID: rows written under the
-- interim tables keep their old ids and are not re-checked.
ALTER TABLE meeting_decision DROP CONSTRAINT meeting_decision_vote_id_fkey;
ALTER TABLE meeting_decision ADD CONSTRAINT meeting_decision_vote FOREIGN KEY (vote_id) REFERENCES decision (id) NOT VALID;
