-- CDS Hooks client tokens already used (replay protection): one row per issuer and token id,
-- kept until the token expires (plus the clock leeway), then pruned. The primary key makes a
-- second use of the same token fail even when both arrive at once.
CREATE TABLE cds_jti (
    iss        TEXT    NOT NULL,
    jti        TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (iss, jti)
);
CREATE INDEX cds_jti_expires_at_idx ON cds_jti (expires_at);
