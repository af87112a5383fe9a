-- Custom ballot options for low-complexity asynchronous decisions (e.g. "Which date for the workshop?").
-- A decision with options counts one ballot per seat as usual; the ballot's choice column records
-- participation ('approve') and its option column the option chosen, so every existing constraint holds.
ALTER TABLE decision ADD COLUMN options text[];
ALTER TABLE ballot ADD COLUMN option text;
