-- Decisions: asynchronous decisions, postal votes and meeting votes, with frozen electorates,
-- every ballot kept (the last per seat counts), and every change recorded with its reason.

-- A moderator's choice of track for a Modification: low-complexity asynchronous, or meeting.
CREATE TABLE modification_track (
  id               bigserial PRIMARY KEY,
  modification_id  text NOT NULL REFERENCES modification (id),
  track            text NOT NULL CHECK (track IN ('asynchronous', 'meeting')),
  set_by           bigint NOT NULL REFERENCES app_user (id),
  set_at           timestamptz NOT NULL DEFAULT now(),
  reason           text NOT NULL
);

CREATE TABLE decision (
  id                   bigserial PRIMARY KEY,
  group_id             bigint NOT NULL,
  item                 text NOT NULL,
  room_id              bigint NOT NULL REFERENCES room (id),
  body_id              bigint NOT NULL REFERENCES body (id),
  modification_id      text REFERENCES modification (id),
  meeting_id           bigint,
  question             text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('asynchronous', 'postal', 'meeting')),
  visibility           text NOT NULL CHECK (visibility IN ('open', 'sealed')),
  status               text NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
  outcome              text CHECK (outcome IN ('carried', 'not_carried', 'inquorate', 'cancelled')),
  reasons_required     boolean NOT NULL,
  rules_reference      text NOT NULL,
  rules                json NOT NULL,          -- the body's rules as frozen when the decision opened
  motion_text          text NOT NULL,
  motion_version       int NOT NULL DEFAULT 1,
  opened_at            timestamptz,
  closes_at            timestamptz,
  closed_at            timestamptz,
  extensions           int NOT NULL DEFAULT 0,
  inquorate_extensions int NOT NULL DEFAULT 0,
  casting_vote         text CHECK (casting_vote IN ('approve', 'reject')),
  result               json,                   -- the DecisionResult at the close, as the register shows it
  explanation          text,
  created_by           bigint NOT NULL REFERENCES app_user (id),
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_room ON decision (room_id);
CREATE INDEX decision_modification ON decision (modification_id);
CREATE INDEX decision_open_closing ON decision (closes_at) WHERE status = 'open';
CREATE SEQUENCE decision_group_seq;

-- The electorate, frozen at opening: one row per seat.
CREATE TABLE decision_seat (
  id               bigserial PRIMARY KEY,
  decision_id      bigint NOT NULL REFERENCES decision (id),
  user_id          bigint NOT NULL REFERENCES app_user (id),
  holder_name      text NOT NULL,
  party_id         bigint REFERENCES party (id),
  voting_group_id  bigint REFERENCES voting_group (id),
  category         text,
  voting           boolean NOT NULL,
  UNIQUE (decision_id, user_id)
);

-- Every change to a decision after it opened: extension, amendment, recusal, early close, cancellation.
CREATE TABLE decision_change (
  id           bigserial PRIMARY KEY,
  decision_id  bigint NOT NULL REFERENCES decision (id),
  change       text NOT NULL,
  reason       text NOT NULL,
  changed_by   bigint REFERENCES app_user (id),  -- null: Quorate itself (e.g. an automatic reopening)
  changed_at   timestamptz NOT NULL DEFAULT now(),
  detail       text
);

CREATE TABLE decision_recusal (
  decision_id  bigint NOT NULL REFERENCES decision (id),
  seat_id      bigint NOT NULL REFERENCES decision_seat (id),
  reason       text NOT NULL,
  recorded_by  bigint NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (decision_id, seat_id)
);

CREATE TABLE motion_version (
  decision_id  bigint NOT NULL REFERENCES decision (id),
  version      int NOT NULL,
  text         text NOT NULL,
  amended_by   bigint NOT NULL REFERENCES app_user (id),
  amended_at   timestamptz NOT NULL DEFAULT now(),
  reason       text,
  PRIMARY KEY (decision_id, version)
);

-- Every ballot ever cast; nothing is updated or deleted. Its id orders ballots; the last per seat counts.
CREATE TABLE ballot (
  id              bigserial PRIMARY KEY,
  decision_id     bigint NOT NULL REFERENCES decision (id),
  seat_id         bigint NOT NULL REFERENCES decision_seat (id),
  cast_by         bigint NOT NULL REFERENCES app_user (id),
  choice          text CHECK (choice IN ('approve', 'reject', 'abstain')),
  withdrawal      boolean NOT NULL DEFAULT false,
  reason          text,
  objectives      text[] NOT NULL DEFAULT '{}',
  motion_version  int NOT NULL,
  channel         text NOT NULL,
  cast_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (withdrawal = (choice IS NULL))
);
CREATE INDEX ballot_decision ON ballot (decision_id, id);

-- Alternates and proxies for a seat, scoped to a decision, a meeting or a period.
CREATE TABLE proxy_appointment (
  id             bigserial PRIMARY KEY,
  principal_id   bigint NOT NULL REFERENCES app_user (id),
  proxy_id       bigint NOT NULL REFERENCES app_user (id),
  body_id        bigint NOT NULL REFERENCES body (id),
  scope          text NOT NULL CHECK (scope IN ('decision', 'meeting', 'period')),
  scope_id       bigint,
  active_from    timestamptz NOT NULL,
  active_until   timestamptz,
  appointed_by   bigint NOT NULL REFERENCES app_user (id),
  appointed_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  revoked_by     bigint REFERENCES app_user (id),
  CHECK (principal_id <> proxy_id)
);
CREATE INDEX proxy_principal ON proxy_appointment (principal_id);

-- Reminders already sent, so a restart never nags twice.
CREATE TABLE decision_reminder (
  decision_id  bigint NOT NULL REFERENCES decision (id),
  user_id      bigint NOT NULL REFERENCES app_user (id),
  sent_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (decision_id, user_id)
);
