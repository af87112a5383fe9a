-- Virtual chairing: meetings of a body, held in the body's room, and everything a meeting records.
-- Everything a meeting needs after a restart (agenda position, queue, floor, attendance, open votes)
-- lives here, never only in memory.

CREATE TABLE meeting (
  id                    bigserial PRIMARY KEY,
  body_id               bigint NOT NULL REFERENCES body (id),
  room_id               bigint NOT NULL REFERENCES room (id),
  title                 text NOT NULL,
  scheduled_start       timestamptz NOT NULL,
  state                 text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'open', 'adjourned', 'closed', 'cancelled')),
  -- Who exercises the chair's powers now (the body chair, a co-chair or a SECAS moderator).
  acting_chair_id       bigint REFERENCES app_user (id),
  current_item_id       bigint,
  room_locked           boolean NOT NULL DEFAULT false,
  floor_user_id         bigint REFERENCES app_user (id),
  floor_request_id      bigint,
  floor_since           timestamptz,
  floor_ends_at         timestamptz,
  opened_at             timestamptz,
  opened_by             bigint REFERENCES app_user (id),
  closed_at             timestamptz,
  minutes_draft         text,
  minutes_edited_by     bigint REFERENCES app_user (id),
  minutes_edited_at     timestamptz,
  minutes_published     text,
  minutes_published_by  bigint REFERENCES app_user (id),
  minutes_published_at  timestamptz,
  created_by            bigint NOT NULL REFERENCES app_user (id),
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_body ON meeting (body_id, scheduled_start);
CREATE INDEX meeting_room_live ON meeting (room_id) WHERE state IN ('open', 'adjourned');

-- Every opening, adjournment, resumption and close, with who and why, for the minutes.
CREATE TABLE meeting_state_change (
  id          bigserial PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meeting (id),
  state       text NOT NULL,
  reason      text,
  by_user_id  bigint NOT NULL REFERENCES app_user (id),
  at          timestamptz NOT NULL
);
CREATE INDEX meeting_state_change_meeting ON meeting_state_change (meeting_id, id);

CREATE TABLE meeting_role (
  meeting_id  bigint NOT NULL REFERENCES meeting (id),
  user_id     bigint NOT NULL REFERENCES app_user (id),
  role        text NOT NULL CHECK (role IN ('co_chair', 'minute_taker')),
  granted_by  bigint NOT NULL REFERENCES app_user (id),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, user_id, role)
);

CREATE TABLE agenda_item (
  id               bigserial PRIMARY KEY,
  meeting_id       bigint NOT NULL REFERENCES meeting (id),
  position         int NOT NULL,
  title            text NOT NULL,
  modification_id  text REFERENCES modification (id),
  -- The room events during which the item was discussed (first start, last end), for the minutes' links.
  started_at       timestamptz,
  started_seq      bigint,
  ended_at         timestamptz,
  ended_seq        bigint
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);
ALTER TABLE meeting ADD CONSTRAINT meeting_current_item FOREIGN KEY (current_item_id) REFERENCES agenda_item (id);

-- Papers are links or uploaded files' metadata; the SEC expects them five Working Days before the meeting.
CREATE TABLE meeting_paper (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  title           text NOT NULL,
  url             text,
  file_name       text,
  media_type      text,
  size_bytes      bigint,
  sha256          text,
  published_at    timestamptz NOT NULL,
  added_by        bigint NOT NULL REFERENCES app_user (id),
  added_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (url IS NOT NULL OR file_name IS NOT NULL)
);
CREATE INDEX meeting_paper_meeting ON meeting_paper (meeting_id);

-- An alternate or proxy appointed to fill a member's seat at one meeting.
CREATE TABLE meeting_delegate (
  id                 bigserial PRIMARY KEY,
  meeting_id         bigint NOT NULL REFERENCES meeting (id),
  principal_user_id  bigint NOT NULL REFERENCES app_user (id),
  delegate_user_id   bigint NOT NULL REFERENCES app_user (id),
  kind               text NOT NULL CHECK (kind IN ('alternate', 'proxy')),
  appointed_by       bigint NOT NULL REFERENCES app_user (id),
  appointed_at       timestamptz NOT NULL DEFAULT now(),
  revoked_at         timestamptz,
  CHECK (principal_user_id <> delegate_user_id)
);
CREATE UNIQUE INDEX meeting_delegate_active ON meeting_delegate (meeting_id, principal_user_id) WHERE revoked_at IS NULL;

-- One row per stretch of presence: joined_at until left_at (null while present).
CREATE TABLE attendance (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  user_id         bigint NOT NULL REFERENCES app_user (id),
  capacity        text NOT NULL CHECK (capacity IN ('member', 'alternate', 'proxy', 'chair', 'guest')),
  seat_holder_id  bigint REFERENCES app_user (id),
  seat            text,
  party_id        bigint REFERENCES party (id),
  mode            text NOT NULL CHECK (mode IN ('remote', 'in_room')),
  joined_at       timestamptz NOT NULL,
  left_at         timestamptz,
  marked_by       bigint REFERENCES app_user (id)
);
CREATE UNIQUE INDEX attendance_present ON attendance (meeting_id, user_id) WHERE left_at IS NULL;
CREATE INDEX attendance_meeting ON attendance (meeting_id, joined_at);

-- Quoracy whenever it changed or the agenda moved, so the minutes can say it per item.
CREATE TABLE quoracy_log (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  at              timestamptz NOT NULL,
  quorate         boolean NOT NULL,
  present         int NOT NULL,
  base            int NOT NULL,
  required        int NOT NULL,
  explanation     text NOT NULL
);
CREATE INDEX quoracy_log_meeting ON quoracy_log (meeting_id, id);

CREATE TABLE speaking_request (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  user_id         bigint NOT NULL REFERENCES app_user (id),
  point_of_order  boolean NOT NULL,
  raised_at       timestamptz NOT NULL,
  position        int NOT NULL,
  state           text NOT NULL CHECK (state IN ('waiting', 'lowered', 'floor', 'withdrawn')),
  ended_at        timestamptz
);
CREATE UNIQUE INDEX speaking_request_waiting ON speaking_request (meeting_id, user_id) WHERE state = 'waiting';
ALTER TABLE meeting ADD CONSTRAINT meeting_floor_request FOREIGN KEY (floor_request_id) REFERENCES speaking_request (id);

CREATE TABLE chair_ruling (
  id               bigserial PRIMARY KEY,
  meeting_id       bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id   bigint REFERENCES agenda_item (id),
  kind             text NOT NULL CHECK (kind IN ('reorder', 'mute', 'unmute', 'remove', 'early_close', 'room_locked',
                                                 'room_unlocked', 'chair_handover')),
  subject_user_id  bigint REFERENCES app_user (id),
  reason           text,
  by_user_id       bigint NOT NULL REFERENCES app_user (id),
  at               timestamptz NOT NULL
);
CREATE INDEX chair_ruling_meeting ON chair_ruling (meeting_id, id);

-- Mutes and removals in force; a lifted mute keeps its row.
CREATE TABLE meeting_sanction (
  id          bigserial PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meeting (id),
  user_id     bigint NOT NULL REFERENCES app_user (id),
  kind        text NOT NULL CHECK (kind IN ('muted', 'removed')),
  ruling_id   bigint NOT NULL REFERENCES chair_ruling (id),
  lifted_at   timestamptz
);
CREATE UNIQUE INDEX meeting_sanction_active ON meeting_sanction (meeting_id, user_id, kind) WHERE lifted_at IS NULL;

-- Interim storage of meeting votes behind the MeetingVotes seam (tally without postal ballots); the
-- decisions feature replaces it with its own decision, electorate and ballot storage.
CREATE TABLE meeting_vote (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  question        text NOT NULL,
  options         text[] NOT NULL,
  called_by       bigint NOT NULL REFERENCES app_user (id),
  opened_at       timestamptz NOT NULL,
  closed_by       bigint REFERENCES app_user (id),
  closed_at       timestamptz,
  close_reason    text,
  outcome         text,
  quorate         boolean,
  explanation     text,
  rule            text
);
CREATE INDEX meeting_vote_meeting ON meeting_vote (meeting_id, id);

CREATE TABLE meeting_vote_elector (
  vote_id         bigint NOT NULL REFERENCES meeting_vote (id),
  seat_holder_id  bigint NOT NULL REFERENCES app_user (id),
  seat            text NOT NULL,
  party_id        bigint REFERENCES party (id),
  PRIMARY KEY (vote_id, seat_holder_id)
);

-- One counted ballot per seat: a change replaces it until the close.
CREATE TABLE meeting_ballot (
  vote_id         bigint NOT NULL REFERENCES meeting_vote (id),
  seat_holder_id  bigint NOT NULL REFERENCES app_user (id),
  cast_by         bigint NOT NULL REFERENCES app_user (id),
  choice          text NOT NULL,
  reason          text,
  cast_at         timestamptz NOT NULL,
  changes         int NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, seat_holder_id)
);

CREATE TABLE meeting_decision (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  text            text NOT NULL,
  reason          text,
  vote_id         bigint REFERENCES meeting_vote (id),
  recorded_by     bigint NOT NULL REFERENCES app_user (id),
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id, id);

CREATE TABLE meeting_action (
  id                bigserial PRIMARY KEY,
  meeting_id        bigint NOT NULL REFERENCES meeting (id),
  number            int NOT NULL,
  agenda_item_id    bigint REFERENCES agenda_item (id),
  text              text NOT NULL,
  owner_user_id     bigint REFERENCES app_user (id),
  owner_party_id    bigint REFERENCES party (id),
  due_working_days  int NOT NULL,
  due_date          date NOT NULL,
  status            text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
  recorded_by       bigint NOT NULL REFERENCES app_user (id),
  recorded_at       timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  search            tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  CHECK ((owner_user_id IS NULL) <> (owner_party_id IS NULL)),
  UNIQUE (meeting_id, number)
);
CREATE INDEX meeting_action_search ON meeting_action USING gin (search);
CREATE INDEX meeting_action_owner_user ON meeting_action (owner_user_id);
CREATE INDEX meeting_action_owner_party ON meeting_action (owner_party_id);

CREATE TABLE meeting_action_update (
  id          bigserial PRIMARY KEY,
  action_id   bigint NOT NULL REFERENCES meeting_action (id),
  status      text NOT NULL,
  note        text,
  by_user_id  bigint NOT NULL REFERENCES app_user (id),
  at          timestamptz NOT NULL
);

-- The asker is always stored (the audit), even when other participants see the question as anonymous.
CREATE TABLE floor_question (
  id              bigserial PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meeting (id),
  agenda_item_id  bigint REFERENCES agenda_item (id),
  asked_by        bigint NOT NULL REFERENCES app_user (id),
  anonymous       boolean NOT NULL,
  text            text NOT NULL,
  asked_at        timestamptz NOT NULL,
  taken_by        bigint REFERENCES app_user (id),
  taken_at        timestamptz
);
CREATE INDEX floor_question_meeting ON floor_question (meeting_id, id);

CREATE TABLE floor_question_vote (
  question_id  bigint NOT NULL REFERENCES floor_question (id),
  user_id      bigint NOT NULL REFERENCES app_user (id),
  at           timestamptz NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
