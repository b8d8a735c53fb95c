-- Community posts, moderation, and the clinical-trial finder. Kept in step with
-- ../sqlite/0007_community_trials.sql; tests/schema.rs compares the two.
-- * community_moderators: accounts an admin made moderators (a capability beside the role, so a
--   patient can moderate without losing their own record).
-- * community_posters: one pseudonym per account (never the e-mail); approved_posts counts the
--   posts a moderator approved, so a first post is held until one is.
-- * community_posts: one experience under a KB entry or FAQ question. author_id is NULL once the
--   poster deleted their account and chose to keep the post anonymised.
-- * community_actions: what moderators did to a post, with their reason (the audit log names
--   the action; the reason, which may quote the post, stays here).
-- * community_reports, community_helped: reports with a reason; "this helped me" marks.
-- * community_rate: posting counters per account and window, counted in one upsert.
-- * trials, trial_syncs, trial_saved_searches: studies synced from ClinicalTrials.gov (the
--   study's JSON as received), each sync's outcome, and a person's saved finder searches.

CREATE TABLE community_moderators (
    user_id    TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by TEXT,
    granted_at BIGINT  NOT NULL
);

CREATE TABLE community_posters (
    user_id        TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    pseudonym      TEXT    NOT NULL,
    pseudonym_key  TEXT    NOT NULL UNIQUE,
    approved_posts BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE community_posts (
    id                TEXT    NOT NULL PRIMARY KEY,
    topic             TEXT    NOT NULL,
    author_id         TEXT    REFERENCES users (id) ON DELETE CASCADE,
    pseudonym         TEXT    NOT NULL,
    tag               TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    hold_reasons      TEXT    NOT NULL,
    emergency         BOOLEAN NOT NULL,
    created_at        BIGINT  NOT NULL,
    edited_at         BIGINT,
    moderated_at      BIGINT
);
CREATE INDEX community_posts_topic_status_created_at_idx ON community_posts (topic, status, created_at);
CREATE INDEX community_posts_status_emergency_created_at_idx ON community_posts (status, emergency, created_at);
CREATE INDEX community_posts_author_id_idx ON community_posts (author_id);

CREATE TABLE community_actions (
    id           TEXT    NOT NULL PRIMARY KEY,
    post_id      TEXT    NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    moderator_id TEXT,
    action       TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    acted_at     BIGINT  NOT NULL
);
CREATE INDEX community_actions_post_id_acted_at_idx ON community_actions (post_id, acted_at);

CREATE TABLE community_reports (
    id          TEXT    NOT NULL PRIMARY KEY,
    post_id     TEXT    NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    reporter_id TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    resolved_at BIGINT,
    UNIQUE (post_id, reporter_id)
);

CREATE TABLE community_helped (
    post_id    TEXT    NOT NULL REFERENCES community_posts (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE community_rate (
    user_id TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    bucket  TEXT    NOT NULL,
    n       BIGINT  NOT NULL,
    PRIMARY KEY (user_id, bucket)
);

CREATE TABLE trials (
    nct_id        TEXT    NOT NULL PRIMARY KEY,
    study         TEXT    NOT NULL,
    first_seen_at BIGINT  NOT NULL,
    synced_at     BIGINT  NOT NULL
);

CREATE TABLE trial_syncs (
    id          TEXT    NOT NULL PRIMARY KEY,
    started_at  BIGINT  NOT NULL,
    finished_at BIGINT  NOT NULL,
    ok          BOOLEAN NOT NULL,
    studies     BIGINT  NOT NULL,
    pages       BIGINT  NOT NULL,
    error       TEXT
);
CREATE INDEX trial_syncs_finished_at_idx ON trial_syncs (finished_at);

CREATE TABLE trial_saved_searches (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    query        TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX trial_saved_searches_user_id_created_at_idx ON trial_saved_searches (user_id, created_at);
