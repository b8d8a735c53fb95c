-- E-mail about new studies matching a saved finder search. Kept in step with
-- ../sqlite/0009_trial_alerts.sql; tests/schema.rs compares the two.
-- * trial_saved_searches.email_since: when the owner ticked "E-mail me new studies" (NULL: off).
-- * trial_search_emails: each study e-mailed for a search, once (the primary key), whatever the
--   number of processes; the message itself goes through reminder_outbox (kind 'trial_search'),
--   written in the same transaction, so a study is never marked without its message.
ALTER TABLE trial_saved_searches ADD COLUMN email_since BIGINT;

CREATE TABLE trial_search_emails (
    search_id  TEXT    NOT NULL REFERENCES trial_saved_searches (id) ON DELETE CASCADE,
    nct_id     TEXT    NOT NULL,
    outbox_id  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (search_id, nct_id)
);
