//! Client token ids (CDS Hooks `jti`), on every backend: claimed once per issuer, the claim
//! committed with its audit entry, a replay refused even when both uses race, expired ids
//! pruned, and bad input refused naming the field.

mod common;

use common::TestDb;
use common::fixtures::at;
use myo_store::{AuditEntry, AuditFilter, Outcome, StoreError};

on_both_backends!(
    a_token_id_is_claimed_once_per_issuer,
    racing_claims_succeed_once,
    expired_ids_are_pruned,
    bad_ids_are_refused,
);

fn call() -> AuditEntry {
    AuditEntry::new(
        at(1),
        "cds_call",
        "cds_service",
        Some("myo-order-sign"),
        Outcome::Success,
    )
}

async fn audited(db: &TestDb) -> usize {
    let store = db.open().await;
    let n = store
        .list_audit(&AuditFilter::default())
        .await
        .unwrap()
        .iter()
        .filter(|e| e.entry.action == "cds_call")
        .count();
    store.close().await;
    n
}

async fn a_token_id_is_claimed_once_per_issuer(db: &TestDb) {
    let store = db.open().await;
    let claim = |iss: &'static str, jti: &'static str| {
        let store = store.clone();
        async move {
            store
                .claim_token_id(iss, jti, at(10_000), at(5), &call())
                .await
                .unwrap()
        }
    };
    assert!(claim("https://a.example", "j1").await);
    assert!(!claim("https://a.example", "j1").await);
    // The same id from another issuer is another token.
    assert!(claim("https://b.example", "j1").await);
    store.close().await;
    // Two claims, two audit entries: the refused replay wrote nothing.
    assert_eq!(audited(db).await, 2);
}

async fn racing_claims_succeed_once(db: &TestDb) {
    let store = db.open().await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .claim_token_id("https://a.example", "race", at(10_000), at(5), &call())
                .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        // A busy database may refuse a racing writer outright; it must never accept twice.
        if let Ok(Ok(true)) = t.await {
            won += 1;
        }
    }
    assert_eq!(won, 1);
    store.close().await;
}

async fn expired_ids_are_pruned(db: &TestDb) {
    let store = db.open().await;
    assert!(
        store
            .claim_token_id("https://a.example", "old", at(100), at(5), &call())
            .await
            .unwrap()
    );
    // After it expired, the row is gone, so the id reads as new (the token itself would be
    // refused for its `exp` before reaching the store).
    assert!(
        store
            .claim_token_id("https://a.example", "old", at(10_000), at(200), &call())
            .await
            .unwrap()
    );
    store.close().await;
}

async fn bad_ids_are_refused(db: &TestDb) {
    let store = db.open().await;
    let long = "j".repeat(600);
    for (iss, jti, field) in [
        ("", "j", "iss"),
        ("https://a.example", "", "jti"),
        ("https://a.example", long.as_str(), "jti"),
    ] {
        match store
            .claim_token_id(iss, jti, at(10_000), at(5), &call())
            .await
        {
            Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{iss:?}/{jti:?}: {other:?}"),
        }
    }
    store.close().await;
}
