-- The hash-chained ledger of everything that decides (one global chain: see ledger/LedgerChain).
-- body is the entry's canonical JSON exactly as hashed: hash = SHA-256(prev_hash bytes || body UTF-8).
CREATE TABLE ledger_entry (
  position    bigint PRIMARY KEY,
  kind        text NOT NULL,
  decision_id bigint,
  user_id     bigint,
  body        text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entry_decision ON ledger_entry (decision_id);

-- The chain head: locked FOR UPDATE last in every writing transaction, so writers never fork it.
CREATE TABLE ledger_head (
  id       int PRIMARY KEY CHECK (id = 1),
  position bigint NOT NULL,
  hash     text NOT NULL
);
INSERT INTO ledger_head VALUES (1, 0, repeat('0', 64));

-- A sealed ballot's commitment opening (salt and canonical ballot JSON); no API reads this table.
-- Its rows are copied into the ledger's salts_revealed entry when the decision closes.
CREATE TABLE ledger_salt (
  position    bigint PRIMARY KEY REFERENCES ledger_entry (position),
  decision_id bigint NOT NULL,
  salt        text NOT NULL,
  opening     text NOT NULL
);
CREATE INDEX ledger_salt_decision ON ledger_salt (decision_id);
