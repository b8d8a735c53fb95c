//! The audit log's vocabulary and its SHA-256 hash chain.
//!
//! Each event's hash covers its `seq`, every field of its entry and the previous event's hash,
//! so changing, removing or reordering any stored event breaks every later link. The database
//! also refuses `UPDATE` and `DELETE` on `audit_events` (triggers on both backends).

use sha2::{Digest, Sha256};

use crate::model::{AuditEntry, AuditEvent, ChainReport};
use crate::token::hex;

/// `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Audit verbs. Free text is allowed for later issues, but use these where they fit.
pub mod action {
    /// A health record or account was viewed.
    pub const READ: &str = "read";
    /// A record was created.
    pub const CREATE: &str = "create";
    /// A record was changed.
    pub const UPDATE: &str = "update";
    /// A record was deleted.
    pub const DELETE: &str = "delete";
    /// A list or search over records.
    pub const SEARCH: &str = "search";
    /// Data left the system (CSV, FHIR, PDF).
    pub const EXPORT: &str = "export";
    /// A successful sign-in.
    pub const LOGIN: &str = "login";
    /// A refused sign-in (wrong password, disabled account, rate limit).
    pub const LOGIN_FAILED: &str = "login_failed";
    /// A sign-out.
    pub const LOGOUT: &str = "logout";
}

/// SHA-256 (hex) over the canonical encoding of one event.
///
/// Canonical encoding: each field as a tag byte (`0` absent, `1` present) followed, when
/// present, by its UTF-8 length as 8 big-endian bytes and the bytes, in a fixed order. Lengths
/// make the encoding unambiguous, so no two different events share an input.
#[must_use]
pub fn event_hash(seq: i64, entry: &AuditEntry, prev_hash: &str) -> String {
    let seq_text = seq.to_string();
    let ts_text = entry.ts.as_millis().to_string();
    let fields: [Option<&str>; 15] = [
        Some("myo-audit-v1"),
        Some(&seq_text),
        Some(&ts_text),
        entry.actor_id.as_deref(),
        entry.actor_role.as_deref(),
        Some(&entry.action),
        Some(&entry.resource_type),
        entry.resource_id.as_deref(),
        entry.patient_id.as_deref(),
        Some(entry.outcome.as_str()),
        entry.source_ip.as_deref(),
        entry.user_agent.as_deref(),
        entry.request_id.as_deref(),
        entry.details.as_deref(),
        Some(prev_hash),
    ];
    let mut h = Sha256::new();
    for field in fields {
        match field {
            None => h.update([0u8]),
            Some(text) => {
                h.update([1u8]);
                h.update((text.len() as u64).to_be_bytes());
                h.update(text.as_bytes());
            }
        }
    }
    hex(&h.finalize())
}

/// Walks events in `seq` order and keeps the verdict; fed page by page by the backends.
#[derive(Debug)]
pub(crate) struct ChainChecker {
    expected_seq: i64,
    prev_hash: String,
    report: ChainReport,
}

impl ChainChecker {
    pub(crate) fn new() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            report: ChainReport {
                events: 0,
                first_broken: None,
            },
        }
    }

    /// Checks one event; returns `false` once the chain is broken (no need to read further).
    pub(crate) fn feed(&mut self, event: &AuditEvent) -> bool {
        self.report.events += 1;
        let ok = event.seq == self.expected_seq
            && event.prev_hash == self.prev_hash
            && event.hash == event_hash(event.seq, &event.entry, &event.prev_hash);
        if !ok {
            self.report.first_broken = Some(event.seq);
            return false;
        }
        self.expected_seq += 1;
        self.prev_hash.clone_from(&event.hash);
        true
    }

    pub(crate) fn finish(self) -> ChainReport {
        self.report
    }
}
