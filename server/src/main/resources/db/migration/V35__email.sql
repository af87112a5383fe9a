-- Email: each user's address and choice, the durable outbox the sender loop drains, and the secret
-- that signs one-click unsubscribe links. No row in email_preference means no email.
CREATE TABLE email_preference (
  user_id       bigint PRIMARY KEY REFERENCES app_user (id),
  address       text CHECK (address ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  mode          text NOT NULL CHECK (mode IN ('immediate', 'digest', 'none')),
  -- The next digest covers notifications created after this instant.
  digest_after  timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (mode = 'none' OR address IS NOT NULL)
);

-- Written in the same transaction as the notification (or the digest's bookkeeping), so a
-- committed notification always has its email queued and a rolled-back one never does. Content is
-- composed at send time, after the one access check; the row only says what to tell whom.
CREATE TABLE email_outbox (
  id               bigserial PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES app_user (id),
  notification_id  bigint REFERENCES notification (id),
  digest_from      timestamptz,
  digest_to        timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  -- Set once, when the row needs no more work: sent, withheld (no access now), unsubscribed, empty, failed.
  done_at          timestamptz,
  outcome          text CHECK (outcome IN ('sent', 'withheld', 'unsubscribed', 'empty', 'failed')),
  CHECK ((notification_id IS NULL) <> (digest_to IS NULL))
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE done_at IS NULL;

CREATE TABLE email_secret (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  secret  bytea NOT NULL
);
