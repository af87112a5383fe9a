-- The retention purge (store/RetentionPurge) deletes old rows in small batches by these columns.
CREATE INDEX command_result_created ON command_result (created_at);
CREATE INDEX auth_token_expires ON auth_token (expires_at);
