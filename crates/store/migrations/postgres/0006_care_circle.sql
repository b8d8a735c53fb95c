-- Account recovery: single-use password-reset links, stored only as the SHA-256 of their secret.
CREATE TABLE password_resets (
    id         TEXT    NOT NULL PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);

-- Reset requests counted per account (the e-mail typed, whether or not it has an account) and
-- per client address, in the transaction that issues the link. Pruned by housekeeping.
CREATE TABLE reset_requests (
    id  TEXT    NOT NULL PRIMARY KEY,
    key TEXT    NOT NULL,
    ts  BIGINT  NOT NULL
);
CREATE INDEX reset_requests_key_ts_idx ON reset_requests (key, ts);

-- Care circle: the one grants table now says what the grantee is to the patient (a clinician,
-- a carer, or the guardian who manages a child's profile) and whether they may change records.
ALTER TABLE clinician_grants ADD COLUMN relation TEXT NOT NULL DEFAULT 'clinician'
    CHECK (relation IN ('clinician', 'carer', 'guardian'));
ALTER TABLE clinician_grants ADD COLUMN can_write BOOLEAN NOT NULL DEFAULT FALSE;

-- Access given by e-mail waits here until someone with that address signs in (or signs up),
-- so granting never reveals whether the address has an account.
CREATE TABLE grant_invitations (
    id          TEXT    NOT NULL PRIMARY KEY,
    patient_id  TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       TEXT    NOT NULL,
    relation    TEXT    NOT NULL CHECK (relation IN ('clinician', 'carer')),
    can_write   BOOLEAN NOT NULL,
    created_at  BIGINT  NOT NULL,
    accepted_at BIGINT,
    accepted_by TEXT    REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  BIGINT
);
CREATE INDEX grant_invitations_email_idx ON grant_invitations (email);
CREATE INDEX grant_invitations_patient_id_idx ON grant_invitations (patient_id);

-- Hand-over of a child's profile to its own login: a single-use link (SHA-256 of its secret)
-- for the address the child will sign in with.
CREATE TABLE profile_handovers (
    id         TEXT    NOT NULL PRIMARY KEY,
    child_id   TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX profile_handovers_child_id_idx ON profile_handovers (child_id);

-- A person's calendar feed: one secret URL (SHA-256 of its secret), replaced or removed at will.
CREATE TABLE calendar_feeds (
    patient_id TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- E-mail reminders a person opted in to, one row per kind.
CREATE TABLE reminder_prefs (
    patient_id TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('monitoring_due', 'missed_diary')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (patient_id, kind)
);

-- Reminders to send: planned once per (person, kind, occasion) whatever the number of
-- processes (the unique key), claimed by one sender (FOR UPDATE SKIP LOCKED on PostgreSQL),
-- then marked sent.
CREATE TABLE reminder_outbox (
    id         TEXT    NOT NULL PRIMARY KEY,
    patient_id TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    due_key    TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    claimed_at BIGINT,
    claimed_by TEXT,
    sent_at    BIGINT,
    UNIQUE (patient_id, kind, due_key)
);
CREATE INDEX reminder_outbox_sent_at_idx ON reminder_outbox (sent_at, created_at);
