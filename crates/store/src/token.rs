//! Random identifiers and secrets, and the hashes under which secrets are stored.
//!
//! Secrets (session cookies, API tokens) are 256-bit random values; only their SHA-256 is kept,
//! so reading the database does not let anyone sign in. A plain hash (not Argon2) is right here
//! because the secrets are random, not chosen by people.

use sha2::{Digest, Sha256};

use crate::model::SessionId;

/// `bytes` random bytes from the operating system, as lowercase hex.
///
/// # Panics
/// If the operating system's random source fails, which leaves no safe way to continue.
#[must_use]
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("operating-system random source failed");
    hex(&buf)
}

/// A fresh 256-bit secret as 64 hex digits (cookie value, CSRF token, API token body).
#[must_use]
pub fn random_token() -> String {
    random_hex(32)
}

/// SHA-256 of a secret as hex: what [`crate::ApiToken::token_hash`] stores.
#[must_use]
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The session id stored for a cookie value.
#[must_use]
pub fn session_id_for(cookie_value: &str) -> SessionId {
    SessionId(hash_secret(cookie_value))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 64);
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
