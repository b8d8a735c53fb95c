-- Account recovery: single-use password-reset links, stored only as the SHA-256 of their secret.
CREATE TABLE password_resets (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);

-- Reset requests counted per account (the e-mail typed, whether or not it has an account) and
-- per client address, in the transaction that issues the link. Pruned by housekeeping.
CREATE TABLE reset_requests (
    id  TEXT    NOT NULL PRIMARY KEY,
    key TEXT    NOT NULL,
    ts  INTEGER NOT NULL
);
CREATE INDEX reset_requests_key_ts_idx ON reset_requests (key, ts);
