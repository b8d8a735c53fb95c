//! Password hashing with Argon2id (RFC 9106) at the `argon2` crate's defaults
//! (m = 19 MiB, t = 2, p = 1, the OWASP minimum), stored as PHC strings.
//!
//! Hashing takes tens of milliseconds of CPU and 19 MiB of memory on purpose, so it is bounded:
//! async callers go through a [`Hasher`], which runs at most `slots` hashes at once on Tokio's
//! blocking pool (one per core by default), lets at most `queue` more wait, each for at most
//! `wait`, and refuses the rest with [`StoreError::Busy`] (the web answers 503 with
//! `Retry-After`). Each slot owns one Argon2 memory buffer, allocated once and reused, so peak
//! hashing memory is `slots` × 19 MiB whatever the load (freeing and re-allocating 19 MiB per
//! hash made glibc keep the freed blocks: RSS grew by ~13 MB per sign-up under a burst).

use argon2::password_hash::phc::{Output, ParamsString, Salt};
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};

use crate::error::StoreError;

/// Shortest password accepted, in characters (NIST SP 800-63B §3.1.1.2 sets 8 as the floor).
pub const MIN_LEN: usize = 8;
/// Longest password accepted, in bytes, so hashing cost stays bounded.
pub const MAX_LEN: usize = 1024;

/// Checks length rules; the message names the field `password`.
///
/// # Errors
/// [`StoreError::Invalid`] when too short or too long.
pub fn check_policy(password: &str) -> Result<(), StoreError> {
    if password.chars().count() < MIN_LEN {
        return Err(StoreError::invalid(
            "password",
            "must be at least 8 characters",
        ));
    }
    if password.len() > MAX_LEN {
        return Err(StoreError::invalid(
            "password",
            "must be at most 1024 bytes",
        ));
    }
    Ok(())
}

/// Hashes a password into an Argon2id PHC string (blocking; see [`hash_async`]).
///
/// # Errors
/// [`StoreError::Invalid`] if the policy is not met; [`StoreError::Password`] if hashing fails.
pub fn hash(password: &str) -> Result<String, StoreError> {
    check_policy(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Password(e.to_string()))
}

/// Whether `password` matches the PHC string `phc` (blocking; see [`verify_async`]).
/// A malformed stored hash counts as no match.
#[must_use]
pub fn verify(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Argon2 memory blocks (1 KiB each) the default parameters use: m = 19 MiB.
fn block_count() -> usize {
    Params::default().block_count()
}

/// [`hash`] in caller-provided Argon2 memory (at least [`block_count`] blocks).
fn hash_in(password: &str, memory: &mut [Block]) -> Result<String, StoreError> {
    check_policy(password)?;
    let fail = |e: &dyn std::fmt::Display| StoreError::Password(e.to_string());
    let params = Params::default();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| fail(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon
        .hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, memory)
        .map_err(|e| fail(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| fail(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| fail(&e))?),
        hash: Some(Output::new(&out).map_err(|e| fail(&e))?),
    };
    Ok(phc.to_string())
}

/// [`verify`] in caller-provided Argon2 memory; a stored hash with other parameters than the
/// buffer allows is checked the ordinary (allocating) way.
fn verify_in(password: &str, phc: &str, memory: &mut [Block]) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm.as_str()),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from);
    let (Ok(version), Some(salt), Some(expected)) = (version, &parsed.salt, &parsed.hash) else {
        return false;
    };
    if params.block_count() > memory.len() {
        return verify(password, phc);
    }
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    if argon
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, memory)
        .is_err()
    {
        return false;
    }
    // `Output`'s comparison is constant-time.
    Output::new(&out).is_ok_and(|o| &o == expected)
}

/// Runs password hashes and checks on the blocking pool, at most `slots` at once, with a short
/// bounded queue. Cheap to share (`Arc` it); there is one per server, never a global.
#[derive(Debug)]
pub struct Hasher {
    /// One Argon2 memory buffer per slot, allocated on first use and reused.
    memory: std::sync::Mutex<Vec<Vec<Block>>>,
    /// Hashes running now (one permit per slot).
    slots: tokio::sync::Semaphore,
    /// Hashes running or waiting (slots + queue permits): past it, refuse at once.
    admitted: tokio::sync::Semaphore,
    /// Longest wait in the queue for a slot.
    wait: std::time::Duration,
}

/// Most slots a [`Hasher`] sized to the machine uses, so memory stays bounded on big machines
/// (8 × 19 MiB).
pub const MAX_SLOTS: usize = 8;

impl Hasher {
    /// `slots` hashes at once (at least 1), `queue` more waiting at most `wait` each.
    #[must_use]
    pub fn new(slots: usize, queue: usize, wait: std::time::Duration) -> Hasher {
        let slots = slots.max(1);
        Hasher {
            memory: std::sync::Mutex::new(Vec::new()),
            slots: tokio::sync::Semaphore::new(slots),
            admitted: tokio::sync::Semaphore::new(slots + queue),
            wait,
        }
    }

    /// One slot per available core (at most [`MAX_SLOTS`]), a queue of twice that, waiting at
    /// most 2 s.
    #[must_use]
    pub fn for_machine() -> Hasher {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let slots = cores.min(MAX_SLOTS);
        Hasher::new(slots, 2 * slots, std::time::Duration::from_secs(2))
    }

    fn busy(&self) -> StoreError {
        StoreError::Busy {
            retry_after_secs: self.wait.as_secs().max(1),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let _admitted = self.admitted.try_acquire().map_err(|_| self.busy())?;
        let _slot = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| self.busy())?
            .map_err(|e| StoreError::Password(e.to_string()))?;
        // A slot is held, so at most `slots` buffers ever exist.
        let mut memory = self
            .memory
            .lock()
            .map_or(None, |mut pool| pool.pop())
            .unwrap_or_else(|| vec![Block::default(); block_count()]);
        let (result, memory) = tokio::task::spawn_blocking(move || {
            let result = work(&mut memory);
            (result, memory)
        })
        .await
        .map_err(|e| StoreError::Password(e.to_string()))?;
        if let Ok(mut pool) = self.memory.lock() {
            pool.push(memory);
        }
        Ok(result)
    }

    /// [`hash`], bounded.
    ///
    /// # Errors
    /// As [`hash`], or [`StoreError::Busy`] when no slot frees up in time.
    pub async fn hash(&self, password: String) -> Result<String, StoreError> {
        check_policy(&password)?;
        self.run(move |memory| hash_in(&password, memory)).await?
    }

    /// [`verify`], bounded.
    ///
    /// # Errors
    /// [`StoreError::Busy`] when no slot frees up in time.
    pub async fn verify(&self, password: String, phc: String) -> Result<bool, StoreError> {
        self.run(move |memory| verify_in(&password, &phc, memory))
            .await
    }
}

/// A hash of a random password, to verify against when the account does not exist, so a
/// failed sign-in takes the same time either way (no account enumeration by timing).
///
/// # Errors
/// [`StoreError::Password`] if hashing fails.
pub fn dummy_hash() -> Result<String, StoreError> {
    hash(&crate::token::random_token())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_reject() {
        let phc = hash("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("wrong horse battery", &phc));
        assert!(!verify("anything", "not a phc string"));
    }

    #[test]
    fn pooled_hashes_match_the_crate_both_ways() {
        let mut memory = vec![Block::default(); block_count()];
        let phc = hash_in("correct horse battery", &mut memory).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(
            verify("correct horse battery", &phc),
            "the crate verifies ours"
        );
        assert!(verify_in("correct horse battery", &phc, &mut memory));
        assert!(!verify_in("correct horse batterz", &phc, &mut memory));
        let theirs = hash("another fine password").unwrap();
        assert!(verify_in("another fine password", &theirs, &mut memory));
        assert!(!verify_in("another fine passworD", &theirs, &mut memory));
        assert!(!verify_in("x", "not a phc string", &mut memory));
        // Other parameters than the buffer holds still verify (allocating).
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(32 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password("big memory password".as_bytes())
        .unwrap()
        .to_string();
        assert!(verify_in("big memory password", &bigger, &mut memory));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hasher_refuses_beyond_its_slots_and_queue() {
        let hasher = std::sync::Arc::new(Hasher::new(1, 1, std::time::Duration::from_millis(1)));
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let h = std::sync::Arc::clone(&hasher);
                tokio::spawn(async move { h.hash(format!("password number {i}")).await })
            })
            .collect();
        let mut ok = 0;
        let mut busy = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::Busy { retry_after_secs }) => {
                    assert!(retry_after_secs >= 1);
                    busy += 1;
                }
                Err(e) => panic!("{e}"),
            }
        }
        assert!(ok >= 1 && busy >= 1, "ok {ok}, busy {busy}");
        assert_eq!(ok + busy, 16);
        // The hasher works again once the burst is over.
        let phc = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(
            hasher
                .verify("correct horse battery".into(), phc)
                .await
                .unwrap()
        );
    }

    #[test]
    fn policy_names_the_field() {
        let err = hash("short").unwrap_err();
        assert!(err.to_string().contains("password"), "{err}");
    }
}
