//! Sign-in and sign-up throttling that holds under concurrency.
//!
//! An attempt is **reserved before the password is checked**, in one write transaction that
//! reads the counters and updates them (rows locked on PostgreSQL, `BEGIN IMMEDIATE` on
//! SQLite), so a burst of parallel requests cannot all pass a check made before any of them is
//! counted. Two counters decide:
//!
//! - per **(account, address)**: `free_failures` failures, then exponential back-off
//!   (`base_delay` × 2^(n − free), at most `max_delay`); a success forgets them. Someone typing
//!   wrong passwords from elsewhere cannot lock the owner out of their own address.
//! - per **address**: at most `address_max` failures (or sign-ups) in a fixed `window`.
//!
//! Refusals are not written to the append-only audit log one by one: they are counted in
//! `refused_attempts`, one row per (minute, account, address) with a count, which housekeeping
//! prunes; the caller audits only the first refusal of each minute. A server may remember a
//! refusal for the rest of its minute and refuse that key again without asking; it then adds
//! what it refused to the same count with [`crate::Store::add_refused`].

use std::time::Duration;

use crate::db::{Db, RowExt, each_backend};
use crate::error::Result;
use crate::model::Timestamp;

/// The limits, from the server configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures per (account, address) before back-off starts.
    pub free_failures: u32,
    /// First back-off delay; it doubles with each further failure.
    pub base_delay: Duration,
    /// Longest back-off delay.
    pub max_delay: Duration,
    /// Failures (sign-in) or sign-ups per address within `window`.
    pub address_max: u32,
    /// The address window, and the quiet time after which a pair's failures are forgotten.
    pub window: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            free_failures: 5,
            base_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(60 * 60),
            address_max: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// What is being attempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// A password check for the account with this normalised e-mail, from this address.
    SignIn {
        /// Normalised e-mail as typed (whether or not an account has it).
        account: &'a str,
        /// Client address.
        address: &'a str,
    },
    /// A new account from this address.
    SignUp {
        /// Client address.
        address: &'a str,
    },
}

/// The answer to [`crate::Store::reserve_attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Go ahead: the attempt is already counted as a failure until
    /// [`crate::Store::attempt_succeeded`] says otherwise.
    Allowed,
    /// Refused; nothing checked.
    Refused {
        /// How long until an attempt may be allowed again.
        retry_after: Duration,
        /// This is the first refusal for this account and address in this minute (audit it).
        first_in_minute: bool,
    },
}

/// One counter row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Counter {
    pub(crate) failures: i64,
    /// Pair: time of the last failure. Address: start of the current window.
    pub(crate) window_start: i64,
    /// Pair: no attempt before this time.
    pub(crate) blocked_until: i64,
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The pair counter after one more failure, or how long to wait.
pub(crate) fn next_pair(c: Counter, now: i64, p: &ThrottlePolicy) -> Result<Counter, i64> {
    if c.blocked_until > now {
        return Err(c.blocked_until - now);
    }
    let quiet_since = c.window_start.max(c.blocked_until);
    let before = if now.saturating_sub(quiet_since) >= ms(p.window) {
        0
    } else {
        c.failures
    };
    let failures = before + 1;
    let free = i64::from(p.free_failures.max(1));
    let blocked_until = if failures >= free {
        let doublings = u32::try_from(failures - free).unwrap_or(u32::MAX).min(30);
        let delay = ms(p.base_delay)
            .saturating_mul(1_i64 << doublings)
            .min(ms(p.max_delay));
        now.saturating_add(delay)
    } else {
        0
    };
    Ok(Counter {
        failures,
        window_start: now,
        blocked_until,
    })
}

/// The address counter after one more attempt, or how long to wait.
pub(crate) fn next_address(c: Counter, now: i64, p: &ThrottlePolicy) -> Result<Counter, i64> {
    let window = ms(p.window);
    let (failures, start) = if now.saturating_sub(c.window_start) >= window {
        (0, now)
    } else {
        (c.failures, c.window_start)
    };
    if failures >= i64::from(p.address_max) {
        return Err((start.saturating_add(window) - now).max(1));
    }
    Ok(Counter {
        failures: failures + 1,
        window_start: start,
        blocked_until: 0,
    })
}

const ENSURE: &str = "INSERT INTO login_throttle (kind, key, failures, window_start, blocked_until) \
                      VALUES ($1, $2, 0, 0, 0) ON CONFLICT (kind, key) DO NOTHING";
/// Takes the row lock on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already excludes writers).
const LOCK: &str = "UPDATE login_throttle SET failures = failures WHERE kind = $1 AND key = $2";
const READ: &str = "SELECT failures, window_start, blocked_until FROM login_throttle \
                    WHERE kind = $1 AND key = $2";
const WRITE: &str = "UPDATE login_throttle SET failures = $3, window_start = $4, \
                     blocked_until = $5 WHERE kind = $1 AND key = $2";
const REFUSED: &str = "INSERT INTO refused_attempts (minute, account, address, count) \
                       VALUES ($1, $2, $3, 1) ON CONFLICT (minute, account, address) \
                       DO UPDATE SET count = refused_attempts.count + 1 RETURNING count";

/// Counter rows touched by an attempt, in lock order (pair before address, always).
fn keys(attempt: Attempt<'_>) -> Vec<(&'static str, String)> {
    match attempt {
        Attempt::SignIn { account, address } => vec![
            ("pair", format!("{account}\u{1f}{address}")),
            ("address", address.to_owned()),
        ],
        Attempt::SignUp { address } => vec![("signup", address.to_owned())],
    }
}

/// See [`crate::Store::reserve_attempt`].
pub(crate) async fn reserve(
    db: &Db,
    attempt: Attempt<'_>,
    policy: &ThrottlePolicy,
    now: Timestamp,
) -> Result<Reservation> {
    let now_ms = now.as_millis();
    let keys = keys(attempt);
    let (account, address) = match attempt {
        Attempt::SignIn { account, address } => (account, address),
        Attempt::SignUp { address } => ("", address),
    };
    each_backend!(db, b => {
        // A flood of refused attempts must not queue behind the write lock with four statements
        // each: a read-only look first, and when it already refuses, one counting statement.
        // Only the transaction below can allow an attempt, so the look cannot let one through.
        let mut wait: Option<i64> = None;
        for (kind, key) in &keys {
            let row = sqlx::query(READ)
                .bind(*kind)
                .bind(key.as_str())
                .fetch_optional(b.reader())
                .await?;
            let Some(row) = row else { continue };
            let c = Counter {
                failures: row.int("failures")?,
                window_start: row.int("window_start")?,
                blocked_until: row.int("blocked_until")?,
            };
            let decided = if *kind == "pair" {
                next_pair(c, now_ms, policy)
            } else {
                next_address(c, now_ms, policy)
            };
            if let Err(w) = decided {
                wait = Some(wait.map_or(w, |x| x.max(w)));
            }
        }
        if let Some(wait) = wait {
            let row = sqlx::query(REFUSED)
                .bind(now_ms.div_euclid(60_000))
                .bind(account)
                .bind(address)
                .fetch_one(b.writer())
                .await?;
            return Ok(Reservation::Refused {
                retry_after: Duration::from_millis(u64::try_from(wait).unwrap_or(1)),
                first_in_minute: row.int("count")? == 1,
            });
        }
        let mut tx = b.begin_write().await?;
        let mut next = Vec::with_capacity(keys.len());
        let mut wait: Option<i64> = None;
        for (kind, key) in &keys {
            sqlx::query(ENSURE).bind(*kind).bind(key.as_str()).execute(&mut *tx).await?;
            sqlx::query(LOCK).bind(*kind).bind(key.as_str()).execute(&mut *tx).await?;
            let row = sqlx::query(READ).bind(*kind).bind(key.as_str()).fetch_one(&mut *tx).await?;
            let c = Counter {
                failures: row.int("failures")?,
                window_start: row.int("window_start")?,
                blocked_until: row.int("blocked_until")?,
            };
            let decided = if *kind == "pair" {
                next_pair(c, now_ms, policy)
            } else {
                next_address(c, now_ms, policy)
            };
            match decided {
                Ok(c) => next.push(c),
                Err(w) => wait = Some(wait.map_or(w, |x| x.max(w))),
            }
        }
        let reservation = if let Some(wait) = wait {
            let row = sqlx::query(REFUSED)
                .bind(now_ms.div_euclid(60_000))
                .bind(account)
                .bind(address)
                .fetch_one(&mut *tx)
                .await?;
            Reservation::Refused {
                retry_after: Duration::from_millis(u64::try_from(wait).unwrap_or(1)),
                first_in_minute: row.int("count")? == 1,
            }
        } else {
            for ((kind, key), c) in keys.iter().zip(&next) {
                sqlx::query(WRITE)
                    .bind(*kind)
                    .bind(key.as_str())
                    .bind(c.failures)
                    .bind(c.window_start)
                    .bind(c.blocked_until)
                    .execute(&mut *tx)
                    .await?;
            }
            Reservation::Allowed
        };
        tx.commit().await?;
        Ok(reservation)
    })
}

/// See [`crate::Store::attempt_succeeded`].
pub(crate) async fn succeeded(db: &Db, attempt: Attempt<'_>) -> Result<()> {
    const FORGET: &str = "DELETE FROM login_throttle WHERE kind = $1 AND key = $2";
    const GIVE_BACK: &str = "UPDATE login_throttle SET failures = failures - 1 \
                             WHERE kind = $1 AND key = $2 AND failures > 0";
    if let Attempt::SignUp { .. } = attempt {
        return Ok(());
    }
    let keys = keys(attempt);
    each_backend!(db, b => {
        let mut tx = b.begin_write().await?;
        for (kind, key) in &keys {
            let sql = if *kind == "pair" { FORGET } else { GIVE_BACK };
            sqlx::query(sql).bind(*kind).bind(key.as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// See [`crate::Store::prune_throttle`].
pub(crate) async fn prune(db: &Db, now: Timestamp, policy: &ThrottlePolicy) -> Result<u64> {
    const COUNTERS: &str =
        "DELETE FROM login_throttle WHERE window_start < $1 AND blocked_until < $1";
    const REFUSALS: &str = "DELETE FROM refused_attempts WHERE minute < $1";
    /// Refusal counts are kept 30 days, for an administrator looking into an attack.
    const KEEP_REFUSALS_MINUTES: i64 = 30 * 24 * 60;
    let quiet = now.as_millis().saturating_sub(ms(policy.window));
    let minute = now.as_millis().div_euclid(60_000) - KEEP_REFUSALS_MINUTES;
    each_backend!(db, b => {
        let a = sqlx::query(COUNTERS).bind(quiet).execute(b.writer()).await?;
        let r = sqlx::query(REFUSALS).bind(minute).execute(b.writer()).await?;
        Ok(a.rows_affected() + r.rows_affected())
    })
}

/// See [`crate::Store::add_refused`].
pub(crate) async fn add_refused(
    db: &Db,
    account: &str,
    address: &str,
    at: Timestamp,
    count: u64,
) -> Result<()> {
    const ADD: &str = "INSERT INTO refused_attempts (minute, account, address, count) \
                       VALUES ($1, $2, $3, $4) ON CONFLICT (minute, account, address) \
                       DO UPDATE SET count = refused_attempts.count + excluded.count";
    if count == 0 {
        return Ok(());
    }
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    each_backend!(db, b => {
        sqlx::query(ADD)
            .bind(at.as_millis().div_euclid(60_000))
            .bind(account)
            .bind(address)
            .bind(count)
            .execute(b.writer())
            .await?;
    });
    Ok(())
}

/// Refused attempts counted for `account` (normalised e-mail, `""` for sign-ups) since
/// `since`, summed over addresses and minutes.
pub(crate) async fn refused_since(db: &Db, account: &str, since: Timestamp) -> Result<u64> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n FROM refused_attempts \
                       WHERE account = $1 AND minute >= $2";
    each_backend!(db, b => {
        let row = sqlx::query(SQL)
            .bind(account)
            .bind(since.as_millis().div_euclid(60_000))
            .fetch_one(b.reader())
            .await?;
        Ok(u64::try_from(row.int("n")?).unwrap_or(0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: ThrottlePolicy = ThrottlePolicy {
        free_failures: 5,
        base_delay: Duration::from_secs(30),
        max_delay: Duration::from_secs(3600),
        address_max: 20,
        window: Duration::from_secs(900),
    };

    #[test]
    fn pair_backs_off_exponentially_after_the_free_failures() {
        let mut c = Counter::default();
        let mut now = 1_000_000;
        for _ in 0..4 {
            c = next_pair(c, now, &P).unwrap();
            assert_eq!(c.blocked_until, 0);
        }
        c = next_pair(c, now, &P).unwrap();
        assert_eq!(c.blocked_until, now + 30_000, "5th failure: 30 s");
        assert_eq!(next_pair(c, now + 1, &P), Err(29_999));
        now += 30_000;
        c = next_pair(c, now, &P).unwrap();
        assert_eq!(c.blocked_until, now + 60_000, "6th: 60 s");
        now += 60_000;
        c = next_pair(c, now, &P).unwrap();
        assert_eq!(c.blocked_until, now + 120_000, "7th: 2 min");
        for _ in 0..10 {
            now = c.blocked_until;
            c = next_pair(c, now, &P).unwrap();
        }
        assert_eq!(c.blocked_until - now, 3_600_000, "capped at the maximum");
        // A quiet window after the block ends forgets the failures.
        let later = c.blocked_until + 900_000;
        assert_eq!(next_pair(c, later, &P).unwrap().failures, 1);
    }

    #[test]
    fn address_allows_its_budget_per_window() {
        let mut c = Counter::default();
        let start = 5_000_000;
        for i in 0..20 {
            c = next_address(c, start + i, &P).unwrap();
        }
        assert_eq!(c.failures, 20);
        assert_eq!(next_address(c, start + 100, &P), Err(900_000 - 100));
        assert_eq!(next_address(c, start + 900_000, &P).unwrap().failures, 1);
    }
}
