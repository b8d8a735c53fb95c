-- Sign-in and sign-up throttling that holds under concurrency (see src/throttle.rs): one counter
-- row per (kind, key), read and updated in the transaction that reserves an attempt, before the
-- password is checked. `pair` keys are "e-mail U+001F address" (back-off per account and
-- address), `address` and `signup` keys are client addresses (a budget per window).
CREATE TABLE login_throttle (
    kind          TEXT    NOT NULL CHECK (kind IN ('pair', 'address', 'signup')),
    key           TEXT    NOT NULL,
    failures      BIGINT  NOT NULL,
    window_start  BIGINT  NOT NULL,
    blocked_until BIGINT  NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX login_throttle_window_start_idx ON login_throttle (window_start);

-- Refused attempts, counted per minute instead of one audit event each (the audit log is
-- append-only, so a flood must not grow it). Pruned after 30 days.
CREATE TABLE refused_attempts (
    minute  BIGINT  NOT NULL,
    account TEXT    NOT NULL,
    address TEXT    NOT NULL,
    count   BIGINT  NOT NULL,
    PRIMARY KEY (minute, account, address)
);
