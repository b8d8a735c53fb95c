-- Accounts, sessions, API tokens, sign-in attempts and the audit log (issue 5).
-- Kept in step with ../postgres/0001_accounts.sql; tests/schema.rs compares the two.
-- Times are INTEGER milliseconds since the Unix epoch (UTC); ids are random hex text.

CREATE TABLE users (
    id            TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('patient', 'clinician', 'admin')),
    display_name  TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);

CREATE TABLE sessions (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ip           TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    prefix       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

-- No foreign key: attempts are keyed by what was typed, whether or not the account exists.
CREATE TABLE login_attempts (
    id      TEXT    NOT NULL PRIMARY KEY,
    kind    TEXT    NOT NULL CHECK (kind IN ('account', 'address')),
    key     TEXT    NOT NULL,
    ts      INTEGER NOT NULL,
    success BOOLEAN NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_key_ts_idx ON login_attempts (kind, key, ts);
CREATE INDEX login_attempts_ts_idx ON login_attempts (ts);

-- Append-only and hash-chained. No foreign keys on purpose: events outlive the accounts and
-- records they name, which appear only as opaque ids. `details` is TEXT (not JSON) on both
-- backends because the hash covers its exact bytes.
CREATE TABLE audit_events (
    seq           INTEGER NOT NULL PRIMARY KEY,
    ts            INTEGER NOT NULL,
    actor_id      TEXT,
    actor_role    TEXT,
    action        TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    resource_id   TEXT,
    patient_id    TEXT,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    source_ip     TEXT,
    user_agent    TEXT,
    request_id    TEXT,
    details       TEXT,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL UNIQUE
);
CREATE INDEX audit_events_patient_id_idx ON audit_events (patient_id, seq);
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, seq);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
