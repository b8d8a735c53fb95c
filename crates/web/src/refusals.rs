//! Refusals remembered in this process, so that a flood of attempts the database has already
//! refused costs no database write.
//!
//! The store decides every attempt it sees in one transaction (see `myo_store::throttle`); when
//! it answers "refused, wait W", [`RefusalCache`] remembers that (account, address) is refused
//! until now + W, and further attempts for that key **within the same minute** are refused here
//! without touching the database. They are tallied in memory and added to the store's
//! per-minute count of refusals later (at the key's next look in a new minute, when the entry is
//! dropped, and by housekeeping), so the count stays one row per key per minute.
//!
//! The cache only ever refuses keys the database refused, so several processes on one database
//! stay correct. A refusal is remembered for at most the rest of its minute: if the database
//! lifts a block early (an address gets an attempt back when another account signs in from it),
//! this process sees it at the next minute. The map is bounded: when it is full, entries that no
//! longer refuse are dropped (their tallies written), and if it is still full a new refusal is
//! simply not remembered, so a flood of distinct keys cannot grow memory.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use myo_store::StoreError;
use myo_store::Timestamp;
use myo_store::throttle::{Attempt, Reservation};

use crate::AppState;

/// How many refused (account, address) keys one process remembers.
pub const CAPACITY: usize = 10_000;

/// Refusals counted in memory for one key and minute, to add to the store's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Normalised e-mail (`""` for sign-ups).
    pub account: String,
    /// Client address.
    pub address: String,
    /// A time within the minute the refusals belong to.
    pub at: Timestamp,
    /// How many.
    pub count: u64,
}

#[derive(Debug)]
struct Entry {
    account: String,
    address: String,
    /// Refused until this time (ms since the epoch).
    until: i64,
    /// The minute (ms / 60 000) this entry refuses in.
    minute: i64,
    /// Refusals made here and not yet written.
    pending: u64,
}

impl Entry {
    fn take(&mut self) -> Option<Tally> {
        let count = std::mem::take(&mut self.pending);
        (count > 0).then(|| Tally {
            account: self.account.clone(),
            address: self.address.clone(),
            at: Timestamp::from_millis(self.minute.saturating_mul(60_000)),
            count,
        })
    }
}

/// What [`RefusalCache::look`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Look {
    /// Refused here (and tallied); the database was not asked.
    Refused(Duration),
    /// Ask the database; first write this tally, if any, of an entry that no longer applies.
    Ask(Option<Tally>),
}

/// Keys the database refused, until when, with the refusals counted since (bounded).
#[derive(Debug)]
pub struct RefusalCache {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
}

fn minute(ms: i64) -> i64 {
    ms.div_euclid(60_000)
}

fn key(account: &str, address: &str) -> String {
    format!("{account}\u{1f}{address}")
}

impl RefusalCache {
    /// An empty cache remembering at most `capacity` keys.
    pub fn new(capacity: usize) -> RefusalCache {
        RefusalCache {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Refuses (and tallies) an attempt for a key the database refused earlier in this minute.
    pub fn look(&self, account: &str, address: &str, now_ms: i64) -> Look {
        let key = key(account, address);
        let mut map = self.lock();
        match map.get_mut(&key) {
            Some(e) if now_ms < e.until && e.minute == minute(now_ms) => {
                e.pending += 1;
                let wait = u64::try_from(e.until - now_ms).unwrap_or(1);
                Look::Refused(Duration::from_millis(wait))
            }
            Some(_) => Look::Ask(map.remove(&key).and_then(|mut e| e.take())),
            None => Look::Ask(None),
        }
    }

    /// Remembers that the database refused `(account, address)` until `until_ms`; returns the
    /// tallies of entries this drops, for the caller to write.
    pub fn remember(&self, account: &str, address: &str, until_ms: i64, now_ms: i64) -> Vec<Tally> {
        let mut out = Vec::new();
        if until_ms <= now_ms {
            return out;
        }
        let key = key(account, address);
        let mut map = self.lock();
        if let Some(e) = map.get_mut(&key) {
            if e.minute != minute(now_ms) {
                out.extend(e.take());
                e.minute = minute(now_ms);
                e.until = until_ms;
            } else {
                e.until = e.until.max(until_ms);
            }
            return out;
        }
        if map.len() >= self.capacity {
            map.retain(|_, e| {
                let keep = e.until > now_ms && e.minute == minute(now_ms);
                if !keep {
                    out.extend(e.take());
                }
                keep
            });
            if map.len() >= self.capacity {
                return out;
            }
        }
        map.insert(
            key,
            Entry {
                account: account.to_owned(),
                address: address.to_owned(),
                until: until_ms,
                minute: minute(now_ms),
                pending: 0,
            },
        );
        out
    }

    /// Takes every tally (for housekeeping) and drops the entries that no longer refuse.
    pub fn drain(&self, now_ms: i64) -> Vec<Tally> {
        let mut out = Vec::new();
        self.lock().retain(|_, e| {
            out.extend(e.take());
            e.until > now_ms && e.minute == minute(now_ms)
        });
        out
    }
}

/// Reserves one attempt: refused at once for a key the database refused earlier in this minute,
/// otherwise asked of the store (which counts the attempt before any password is checked).
pub(crate) async fn reserve(
    state: &AppState,
    attempt: Attempt<'_>,
) -> Result<Reservation, StoreError> {
    let (account, address) = match attempt {
        Attempt::SignIn { account, address } => (account, address),
        Attempt::SignUp { address } => ("", address),
    };
    let now = Timestamp::now();
    let now_ms = now.as_millis();
    let cache = state.refusals();
    match cache.look(account, address, now_ms) {
        Look::Refused(retry_after) => {
            return Ok(Reservation::Refused {
                retry_after,
                first_in_minute: false,
            });
        }
        Look::Ask(tally) => write(state, tally).await?,
    }
    let policy = state.config().throttle_policy();
    let reservation = state.store().reserve_attempt(attempt, &policy, now).await?;
    if let Reservation::Refused { retry_after, .. } = reservation {
        let wait = i64::try_from(retry_after.as_millis()).unwrap_or(i64::MAX);
        let until = now_ms.saturating_add(wait);
        for tally in cache.remember(account, address, until, now_ms) {
            write(state, Some(tally)).await?;
        }
    }
    Ok(reservation)
}

async fn write(state: &AppState, tally: Option<Tally>) -> Result<(), StoreError> {
    if let Some(t) = tally {
        state
            .store()
            .add_refused(&t.account, &t.address, t.at, t.count)
            .await?;
    }
    Ok(())
}

/// Writes every tallied refusal to the store (housekeeping, and tests).
pub async fn flush(state: &AppState) -> Result<(), StoreError> {
    for tally in state.refusals().drain(Timestamp::now().as_millis()) {
        write(state, Some(tally)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_000 * 60_000; // the start of a minute

    #[test]
    fn refuses_only_what_was_remembered_within_its_minute_and_tallies_it() {
        let c = RefusalCache::new(4);
        assert_eq!(c.look("a", "ip", T), Look::Ask(None));
        assert!(c.remember("a", "ip", T + 30_000, T).is_empty());
        assert_eq!(
            c.look("a", "ip", T + 1),
            Look::Refused(Duration::from_millis(29_999))
        );
        assert_eq!(
            c.look("a", "ip", T + 2),
            Look::Refused(Duration::from_millis(29_998))
        );
        // Another account or address is not refused here.
        assert_eq!(c.look("b", "ip", T + 3), Look::Ask(None));
        assert_eq!(c.look("a", "ip2", T + 3), Look::Ask(None));
        // Expired: ask again, and write the two refusals counted here.
        let tally = Tally {
            account: "a".into(),
            address: "ip".into(),
            at: Timestamp::from_millis(T),
            count: 2,
        };
        assert_eq!(
            c.look("a", "ip", T + 30_000),
            Look::Ask(Some(tally.clone()))
        );
        assert!(c.is_empty());
        // Still blocked but in the next minute: the database is asked again (it may have lifted
        // the block, and it audits the minute's first refusal).
        assert!(c.remember("a", "ip", T + 600_000, T).is_empty());
        assert!(matches!(c.look("a", "ip", T + 59_999), Look::Refused(_)));
        assert!(matches!(c.look("a", "ip", T + 60_000), Look::Ask(Some(t)) if t.count == 1));
        // A refusal that has already ended is not remembered.
        assert!(c.remember("a", "ip", T, T).is_empty());
        assert!(c.is_empty());
    }

    #[test]
    fn stays_within_capacity_and_drops_expired_entries_first() {
        let c = RefusalCache::new(3);
        for i in 0..3 {
            c.remember(&format!("k{i}"), "ip", T + 10 + i, T);
        }
        let _ = c.look("k0", "ip", T + 1);
        assert_eq!(c.len(), 3);
        // Full of live refusals: a new one is not remembered (the database still refuses it).
        assert!(c.remember("new", "ip", T + 50_000, T + 5).is_empty());
        assert_eq!(c.len(), 3);
        assert_eq!(c.look("new", "ip", T + 6), Look::Ask(None));
        // Once k0 has expired it makes room, and its tally is handed back to be written.
        let out = c.remember("new", "ip", T + 50_000, T + 10);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].account.as_str(), out[0].count), ("k0", 1));
        assert_eq!(c.len(), 3);
        assert!(matches!(c.look("new", "ip", T + 11), Look::Refused(_)));
        // A flood of distinct keys never grows the map.
        for i in 0..1000 {
            c.remember(&format!("f{i}"), "ip", T + 50_000, T + 20);
            assert!(c.len() <= 3);
        }
        // Housekeeping takes the tallies and drops what no longer refuses.
        let out = c.drain(T + 60_000);
        assert_eq!(out.iter().map(|t| t.count).sum::<u64>(), 1);
        assert!(c.is_empty());
    }
}
