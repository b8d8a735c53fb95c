//! Rows for the care-circle tables (reset links and their request counts, …), so the copy
//! round trip covers them.

use std::sync::Arc;

use myo_store::recovery::{ResetPolicy, ResetRequest};
use myo_store::{AuditEntry, Outcome, Store, Timestamp, UserId};

/// Fills every care-circle table for `patient` (`other` is a second account).
pub async fn fill(store: &Arc<dyn Store>, patient: &UserId, other: &UserId, email: &str) {
    let _ = other;
    let now = Timestamp::now();
    let entry = AuditEntry::new(now, "create", "password_reset", None, Outcome::Success);
    let request = ResetRequest {
        email,
        address: "2001:db8::7",
        token_hash: "5e7a9f0000000000000000000000000000000000000000000000000000000000",
        now,
    };
    store
        .request_password_reset(&request, &ResetPolicy::default(), &entry)
        .await
        .expect("reset link");
    let used = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    store
        .issue_password_reset(patient, used, now, now.add_millis(60_000), &entry)
        .await
        .expect("admin link");
    store
        .redeem_password_reset(used, "$argon2id$placeholder", now, &entry)
        .await
        .expect("redeem");
}
