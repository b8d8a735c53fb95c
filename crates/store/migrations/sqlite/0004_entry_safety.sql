-- Entry safety. Kept in step with ../postgres/0003_entry_safety.sql; tests/schema.rs compares
-- the two.
-- * medicines.confirmation: the reason the person gave when saving a medicine despite a warning
--   (a dose above the usual maximum, a second active medicine with the same ingredient).
-- * red_flags: a diary entry's red-flag triage result, kept until the person marks it as dealt
--   with (resolved_at, resolved_by; the change is audited). One per patient, day and rule.

ALTER TABLE medicines ADD COLUMN confirmation TEXT;

CREATE TABLE red_flags (
    id          TEXT    NOT NULL PRIMARY KEY,
    patient_id  TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date        TEXT    NOT NULL,
    tier        TEXT    NOT NULL,
    rule_id     TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    raised_at   INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by TEXT,
    UNIQUE (patient_id, date, rule_id)
);
