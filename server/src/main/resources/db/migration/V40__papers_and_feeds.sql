-- Papers as files: every uploaded version's bytes live in PostgreSQL, so a database backup holds the
-- papers with the record that cites them. meeting_paper's file columns describe the current version.
ALTER TABLE meeting_paper ADD COLUMN current_version int;

CREATE TABLE meeting_paper_version (
  paper_id     bigint NOT NULL REFERENCES meeting_paper (id),
  version      int NOT NULL CHECK (version >= 1),
  file_name    text NOT NULL,
  media_type   text NOT NULL,
  size_bytes   bigint NOT NULL,
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content      bytea NOT NULL,
  uploaded_by  bigint NOT NULL REFERENCES app_user (id),
  uploaded_at  timestamptz NOT NULL,
  PRIMARY KEY (paper_id, version)
);

-- Secret calendar feed addresses: only the SHA-256 of the token is kept. A feed is a user's own
-- (body_id null: every body they sit on) or one body's; rotating revokes the old address.
CREATE TABLE calendar_feed (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id),
  body_id     bigint REFERENCES body (id),
  token_hash  bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE UNIQUE INDEX calendar_feed_live ON calendar_feed (user_id, coalesce(body_id, 0)) WHERE revoked_at IS NULL;

-- Calendar clients update an event when its SEQUENCE grows; meetings count their visible changes.
ALTER TABLE meeting ADD COLUMN sequence int NOT NULL DEFAULT 0;
ALTER TABLE meeting ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
