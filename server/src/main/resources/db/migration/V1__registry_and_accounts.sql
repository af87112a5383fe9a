-- Registry of the Smart Energy Code's participants, and the accounts that sign in to Quorate.

CREATE TABLE party_category (
  code      text PRIMARY KEY,
  name      text NOT NULL,
  voting    boolean NOT NULL,
  position  int NOT NULL
);

INSERT INTO party_category (code, name, voting, position) VALUES
  ('large_supplier',      'Large Supplier',        true,  1),
  ('small_supplier',      'Small Supplier',        true,  2),
  ('electricity_network', 'Electricity Network',   true,  3),
  ('gas_network',         'Gas Network',           true,  4),
  ('other_sec_party',     'Other SEC Party',       true,  5),
  ('dcc',                 'DCC',                   false, 6),
  ('consumer_member',     'Consumer Member',       false, 7);

-- A Party and its Affiliates share one Voting Group (SEC Section A).
CREATE TABLE voting_group (
  id    bigserial PRIMARY KEY,
  name  text NOT NULL UNIQUE
);

CREATE TABLE party (
  id               bigserial PRIMARY KEY,
  name             text NOT NULL UNIQUE,
  category         text NOT NULL REFERENCES party_category (code),
  voting_group_id  bigint NOT NULL REFERENCES voting_group (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id             bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  party_id       bigint REFERENCES party (id),
  roles          text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Opaque bearer tokens; only their SHA-256 is stored so a database leak yields no usable token.
CREATE TABLE auth_token (
  token_hash  bytea PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX auth_token_user ON auth_token (user_id);

CREATE TABLE body (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{2,40}$'),
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('panel', 'sub_committee', 'working_group')),
  chair_user_id  bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE body_member (
  body_id    bigint NOT NULL REFERENCES body (id),
  user_id    bigint NOT NULL REFERENCES app_user (id),
  seat       text NOT NULL,
  voting     boolean NOT NULL,
  party_id   bigint REFERENCES party (id),
  category   text REFERENCES party_category (code),
  PRIMARY KEY (body_id, user_id)
);

CREATE TABLE modification (
  id                 text PRIMARY KEY CHECK (id ~ '^(MP|DP)[0-9]{1,5}[A-Z]?$'),
  title              text NOT NULL,
  proposer_party_id  bigint REFERENCES party (id),
  path               text NOT NULL CHECK (path IN ('path_1_authority_led', 'path_2_authority_determination', 'path_3_self_governance', 'fast_track')),
  urgent             boolean NOT NULL DEFAULT false,
  stage              text NOT NULL CHECK (stage IN ('draft_development', 'refinement', 'report_phase', 'change_board', 'authority_determination', 'approved', 'rejected', 'withdrawn', 'implemented')),
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE modification_stage_change (
  id               bigserial PRIMARY KEY,
  modification_id  text NOT NULL REFERENCES modification (id),
  from_stage       text,
  to_stage         text NOT NULL,
  changed_by       bigint NOT NULL REFERENCES app_user (id),
  changed_at       timestamptz NOT NULL DEFAULT now(),
  reason           text NOT NULL
);
CREATE INDEX modification_stage_change_mod ON modification_stage_change (modification_id, changed_at);
