-- Record history and medicines over time. Kept in step with ../sqlite/0005_record_history.sql;
-- tests/schema.rs compares the two.
-- * record_versions: every earlier version of an edited tracker record (its columns as JSON
--   text), numbered from 1. A record's current version is one more than its last kept one, and
--   the (patient, kind, record, version) key makes two edits of the same version collide, so a
--   concurrent edit is refused instead of silently overwriting the other.
-- * medicines.stop_reason: why a medicine was stopped (stopping is not deleting).
-- * medicines.follows: the medicine record whose dose this one changes from a date (the earlier
--   dose stays as that record, ended the day before).

CREATE TABLE record_versions (
    patient_id  TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    record_kind TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    values_json TEXT    NOT NULL,
    replaced_at BIGINT  NOT NULL,
    PRIMARY KEY (patient_id, record_kind, record_id, version)
);

ALTER TABLE medicines ADD COLUMN stop_reason TEXT;
ALTER TABLE medicines ADD COLUMN follows TEXT;
