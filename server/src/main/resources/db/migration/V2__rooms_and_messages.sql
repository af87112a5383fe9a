-- Rooms, their gap-free event log, threaded messages, and per-user attention state.

CREATE TABLE room (
  id               bigserial PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('modification', 'body', 'adhoc', 'direct')),
  name             text NOT NULL,
  classification   text NOT NULL CHECK (classification IN ('white', 'green', 'amber', 'red')),
  modification_id  text UNIQUE REFERENCES modification (id),
  body_id          bigint UNIQUE REFERENCES body (id),
  -- The last sequence number handed out. Bumped under this row's lock inside the writing
  -- transaction, so numbers become visible in commit order and never leave gaps.
  last_seq         bigint NOT NULL DEFAULT 0,
  created_by       bigint REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE room_member (
  room_id    bigint NOT NULL REFERENCES room (id),
  user_id    bigint NOT NULL REFERENCES app_user (id),
  moderator  boolean NOT NULL DEFAULT false,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_member_user ON room_member (user_id);

-- The room's event log, exactly as sent on the wire (payload is the encoded protocol event).
CREATE TABLE room_event (
  room_id     bigint NOT NULL REFERENCES room (id),
  seq         bigint NOT NULL,
  type        text NOT NULL,
  payload     json NOT NULL,  -- json, not jsonb: replays are byte-identical to the live frames
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, seq)
);

-- Idempotency: one row per (user, client command id). A retry finds the stored result.
CREATE TABLE command_result (
  user_id     bigint NOT NULL REFERENCES app_user (id),
  command_id  text NOT NULL,
  room_id     bigint,
  seq         bigint,
  message_id  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, command_id)
);

CREATE TABLE message (
  id              bigserial PRIMARY KEY,
  room_id         bigint NOT NULL REFERENCES room (id),
  seq             bigint NOT NULL,
  author_id       bigint NOT NULL REFERENCES app_user (id),
  thread_root_id  bigint REFERENCES message (id),
  body            text,
  revision        int NOT NULL DEFAULT 0,
  edited_at       timestamptz,
  deleted_at      timestamptz,
  deleted_by      bigint REFERENCES app_user (id),
  delete_reason   text,
  redaction       boolean NOT NULL DEFAULT false,
  pinned          boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  search          tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(body, ''))) STORED
);
CREATE INDEX message_room_seq ON message (room_id, seq);
CREATE INDEX message_thread ON message (thread_root_id) WHERE thread_root_id IS NOT NULL;
CREATE INDEX message_search ON message USING gin (search);

-- Every earlier text of an edited message, for the edit history (and the audit after a redaction).
CREATE TABLE message_revision (
  message_id  bigint NOT NULL REFERENCES message (id),
  revision    int NOT NULL,
  body        text NOT NULL,
  edited_by   bigint NOT NULL REFERENCES app_user (id),
  replaced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, revision)
);

CREATE TABLE message_mention (
  message_id  bigint NOT NULL REFERENCES message (id),
  kind        text NOT NULL CHECK (kind IN ('user', 'party', 'category')),
  ref         text NOT NULL,
  PRIMARY KEY (message_id, kind, ref)
);

CREATE TABLE read_marker (
  user_id   bigint NOT NULL REFERENCES app_user (id),
  room_id   bigint NOT NULL REFERENCES room (id),
  seq       bigint NOT NULL,
  PRIMARY KEY (user_id, room_id)
);

CREATE TABLE follow (
  user_id   bigint NOT NULL REFERENCES app_user (id),
  room_id   bigint NOT NULL REFERENCES room (id),
  PRIMARY KEY (user_id, room_id)
);

CREATE TABLE notification (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id),
  kind        text NOT NULL,
  room_id     bigint NOT NULL REFERENCES room (id),
  seq         bigint,
  message_id  bigint,
  from_user   bigint REFERENCES app_user (id),
  excerpt     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC);
