//! Password hashing with Argon2id (RFC 9106) at the `argon2` crate's defaults
//! (m = 19 MiB, t = 2, p = 1, the OWASP minimum), stored as PHC strings.
//!
//! Hashing takes tens of milliseconds of CPU on purpose: async callers use [`hash_async`] and
//! [`verify_async`], which run on Tokio's blocking pool.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

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

/// [`hash`] on the blocking thread pool.
///
/// # Errors
/// As [`hash`].
pub async fn hash_async(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| StoreError::Password(e.to_string()))?
}

/// [`verify`] on the blocking thread pool.
pub async fn verify_async(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &phc))
        .await
        .unwrap_or(false)
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
    fn policy_names_the_field() {
        let err = hash("short").unwrap_err();
        assert!(err.to_string().contains("password"), "{err}");
    }
}
