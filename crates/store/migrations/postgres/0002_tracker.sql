-- Care tracker (issue 6): per-patient records, share links and clinician grants.
-- Kept in step with ../sqlite/0002_tracker.sql; tests/schema.rs compares the two.
-- Every row is keyed by patient_id (the patient's user id) and goes with the account
-- (ON DELETE CASCADE). Dates are civil 'YYYY-MM-DD' text; measured numbers are decimal text
-- (exact, no float column type on the shared list); NULL = not recorded, never 0.

CREATE TABLE patient_profiles (
    patient_id TEXT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone  TEXT   NOT NULL,
    birth_date TEXT,
    sex        TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE diary_entries (
    id                 TEXT   NOT NULL PRIMARY KEY,
    patient_id         TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date               TEXT   NOT NULL,
    weakness           TEXT,
    fatigue            TEXT,
    pain               TEXT,
    rash               TEXT,
    itch               TEXT,
    sleep_quality      TEXT,
    mood               TEXT,
    swallowing_trouble BOOLEAN,
    breathlessness     BOOLEAN,
    fever              BOOLEAN,
    new_skin_sores     BOOLEAN,
    note               TEXT,
    updated_at         BIGINT NOT NULL,
    -- One entry per patient per day; also the (patient, date) index.
    UNIQUE (patient_id, date)
);

CREATE TABLE home_tests (
    id                TEXT   NOT NULL PRIMARY KEY,
    patient_id        TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date              TEXT   NOT NULL,
    sit_to_stand_30s  TEXT,
    timed_up_and_go_s TEXT,
    arm_raise_s       TEXT,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX home_tests_patient_id_date_idx ON home_tests (patient_id, date);

CREATE TABLE assessments (
    id           TEXT   NOT NULL PRIMARY KEY,
    patient_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date         TEXT   NOT NULL,
    instrument   TEXT   NOT NULL,
    input_json   TEXT   NOT NULL,
    results_json TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX assessments_patient_id_date_idx ON assessments (patient_id, date);

CREATE TABLE lab_results (
    id         TEXT   NOT NULL PRIMARY KEY,
    patient_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT   NOT NULL,
    analyte    TEXT   NOT NULL,
    value      TEXT   NOT NULL,
    unit       TEXT   NOT NULL,
    range_low  TEXT,
    range_high TEXT,
    uln        TEXT,
    loinc      TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX lab_results_patient_id_date_idx ON lab_results (patient_id, date);

CREATE TABLE conditions (
    id         TEXT   NOT NULL PRIMARY KEY,
    patient_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    condition  TEXT   NOT NULL,
    icd10cm    TEXT,
    snomed     TEXT,
    diagnosed  TEXT,
    resolved   TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX conditions_patient_id_diagnosed_idx ON conditions (patient_id, diagnosed);

CREATE TABLE antibody_results (
    id         TEXT   NOT NULL PRIMARY KEY,
    patient_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT   NOT NULL,
    antibody   TEXT   NOT NULL,
    outcome    TEXT   NOT NULL,
    titre      TEXT,
    loinc      TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX antibody_results_patient_id_date_idx ON antibody_results (patient_id, date);

-- UNIQUE (patient_id, id) lets dose_events refer to (patient, medicine), so the database itself
-- refuses a dose recorded against another patient's medicine.
CREATE TABLE medicines (
    id            TEXT   NOT NULL PRIMARY KEY,
    patient_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT   NOT NULL,
    generic_name  TEXT,
    rxcui         TEXT,
    dose_amount   TEXT   NOT NULL,
    dose_unit     TEXT   NOT NULL,
    route         TEXT   NOT NULL,
    schedule_kind TEXT   NOT NULL,
    schedule_json TEXT   NOT NULL,
    start_date    TEXT   NOT NULL,
    end_date      TEXT,
    risk_factor   BOOLEAN NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (patient_id, id)
);
CREATE INDEX medicines_patient_id_start_date_idx ON medicines (patient_id, start_date);

-- patient_id leads the unique key too, so one patient's dose never collides with (and so never
-- reveals) another patient's.
CREATE TABLE dose_events (
    id             TEXT   NOT NULL PRIMARY KEY,
    patient_id     TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    medicine_id    TEXT   NOT NULL,
    date           TEXT   NOT NULL,
    scheduled_time TEXT   NOT NULL,
    outcome        TEXT   NOT NULL CHECK (outcome IN ('taken', 'missed')),
    taken_at       BIGINT,
    updated_at     BIGINT NOT NULL,
    FOREIGN KEY (patient_id, medicine_id) REFERENCES medicines (patient_id, id) ON DELETE CASCADE,
    UNIQUE (patient_id, medicine_id, date, scheduled_time)
);
CREATE INDEX dose_events_patient_id_date_idx ON dose_events (patient_id, date);

CREATE TABLE visits (
    id               TEXT   NOT NULL PRIMARY KEY,
    patient_id       TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date             TEXT   NOT NULL,
    physician_global TEXT,
    patient_global   TEXT,
    extramuscular    TEXT,
    mmt8_json        TEXT,
    haq_json         TEXT,
    cmas_json        TEXT,
    enzymes_json     TEXT   NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX visits_patient_id_date_idx ON visits (patient_id, date);

CREATE TABLE monitoring_tests (
    id         TEXT   NOT NULL PRIMARY KEY,
    patient_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT   NOT NULL,
    test       TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX monitoring_tests_patient_id_date_idx ON monitoring_tests (patient_id, date);

-- Only the SHA-256 of the secret is kept. sections: comma-separated section ids.
CREATE TABLE share_links (
    id             TEXT   NOT NULL PRIMARY KEY,
    patient_id     TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash     TEXT   NOT NULL UNIQUE,
    sections       TEXT   NOT NULL,
    label          TEXT,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    access_count   BIGINT NOT NULL,
    last_access_at BIGINT
);
CREATE INDEX share_links_patient_id_idx ON share_links (patient_id, created_at);

-- One row per (patient, clinician): granting again clears revoked_at.
CREATE TABLE clinician_grants (
    id           TEXT   NOT NULL PRIMARY KEY,
    patient_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    granted_at   BIGINT NOT NULL,
    revoked_at   BIGINT,
    UNIQUE (patient_id, clinician_id)
);
CREATE INDEX clinician_grants_clinician_id_idx ON clinician_grants (clinician_id);
