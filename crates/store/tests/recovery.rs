//! Password-reset links on both backends: single use (also under concurrency), expiry, the
//! reset ending sessions and revoking tokens, request limits that hold for parallel requests and
//! count unknown addresses alike, and the secret stored only as a hash.

mod common;

use std::sync::Arc;

use common::TestDb;
use myo_store::recovery::{ResetIssued, ResetPolicy, ResetRequest};
use myo_store::{
    AuditEntry, NewApiToken, NewSession, NewUser, Outcome, Role, Store, Timestamp, TokenId,
    UserChanges, UserId, token,
};

on_both_backends!(
    a_link_works_once_and_ends_sessions_and_tokens,
    links_expire_and_disabled_accounts_cannot_reset,
    parallel_redemptions_succeed_once,
    requests_are_limited_whether_or_not_the_account_exists,
    parallel_requests_get_exactly_the_budget,
);

const POLICY: ResetPolicy = ResetPolicy {
    ttl_ms: 30 * 60 * 1000,
    per_account: 3,
    per_address: 10,
    window_ms: 60 * 60 * 1000,
};

fn entry() -> AuditEntry {
    AuditEntry::new(
        Timestamp::now(),
        "create",
        "password_reset",
        None,
        Outcome::Success,
    )
}

async fn user(store: &dyn Store, email: &str) -> UserId {
    let id = UserId::random();
    let new = NewUser {
        id: id.clone(),
        email: email.to_owned(),
        password_hash: "old-hash".to_owned(),
        role: Role::Patient,
        display_name: String::new(),
        created_at: Timestamp::now(),
    };
    store.create_user(&new, &entry()).await.expect("user");
    id
}

async fn request(store: &dyn Store, email: &str, address: &str, hash: &str) -> ResetIssued {
    let req = ResetRequest {
        email,
        address,
        token_hash: hash,
        now: Timestamp::now(),
    };
    store
        .request_password_reset(&req, &POLICY, &entry())
        .await
        .expect("request")
}

async fn a_link_works_once_and_ends_sessions_and_tokens(db: &TestDb) {
    let store = db.open().await;
    let id = user(store.as_ref(), "Pat@Example.org").await;
    let now = Timestamp::now();
    let session = NewSession {
        id: token::session_id_for("cookie"),
        user_id: id.clone(),
        csrf_token: "c".into(),
        created_at: now,
        expires_at: now.add_millis(3_600_000),
        ip: None,
        user_agent: None,
    };
    store.create_session(&session, &entry()).await.unwrap();
    let tok = NewApiToken {
        id: TokenId::random(),
        user_id: id.clone(),
        name: "t".into(),
        token_hash: token::hash_secret("myo_x"),
        prefix: "myo_x".into(),
        created_at: now,
    };
    store.create_token(&tok, &entry()).await.unwrap();

    let secret = token::random_token();
    let hash = token::hash_secret(&secret);
    // The typed address is normalised like sign-in's.
    match request(store.as_ref(), "  pat@EXAMPLE.org ", "192.0.2.1", &hash).await {
        ResetIssued::Issued(u) => assert_eq!(u.id, id),
        other => panic!("expected a link, got {other:?}"),
    }
    let dump = format!("{:?}", db.dump().await);
    assert!(dump.contains(&hash), "the hash is stored");
    assert!(!dump.contains(&secret), "the secret itself is never stored");
    let found = store.find_password_reset(&hash, Timestamp::now()).await;
    assert_eq!(found.unwrap().map(|u| u.id), Some(id.clone()));

    let done = store
        .redeem_password_reset(&hash, "new-hash", Timestamp::now(), &entry())
        .await
        .unwrap();
    assert_eq!(done.map(|u| u.password_hash).as_deref(), Some("new-hash"));
    let stored = store.get_user(&id).await.unwrap().unwrap();
    assert_eq!(stored.password_hash, "new-hash");
    assert!(store.list_user_sessions(&id).await.unwrap().is_empty());
    assert!(
        store
            .list_tokens(&id)
            .await
            .unwrap()
            .iter()
            .all(|t| t.revoked_at.is_some()),
        "every API token is revoked"
    );
    // Single use.
    assert!(
        store
            .redeem_password_reset(&hash, "third-hash", Timestamp::now(), &entry())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_password_reset(&hash, Timestamp::now())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store.get_user(&id).await.unwrap().unwrap().password_hash,
        "new-hash"
    );
    // The redemption is audited in the account's own log.
    let log = store
        .list_audit(&myo_store::AuditFilter {
            patient_id: Some(id.as_str().to_owned()),
            ..myo_store::AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(log.len() >= 2, "the request and the reset are in the log");
    store.close().await;
}

async fn links_expire_and_disabled_accounts_cannot_reset(db: &TestDb) {
    let store = db.open().await;
    let id = user(store.as_ref(), "late@example.org").await;
    let hash = token::hash_secret("late-secret");
    assert!(matches!(
        request(store.as_ref(), "late@example.org", "192.0.2.2", &hash).await,
        ResetIssued::Issued(_)
    ));
    let later = Timestamp::now().add_millis(POLICY.ttl_ms + 1);
    assert!(
        store
            .find_password_reset(&hash, later)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .redeem_password_reset(&hash, "x", later, &entry())
            .await
            .unwrap()
            .is_none(),
        "an expired link does nothing"
    );
    // A link made before the account was disabled stops working.
    let hash2 = token::hash_secret("second-secret");
    store
        .issue_password_reset(
            &id,
            &hash2,
            Timestamp::now(),
            Timestamp::now().add_millis(86_400_000),
            &entry(),
        )
        .await
        .unwrap();
    let changes = UserChanges {
        disabled_at: Some(Some(Timestamp::now())),
        ..UserChanges::default()
    };
    store.update_user(&id, &changes, &entry()).await.unwrap();
    assert!(
        store
            .redeem_password_reset(&hash2, "x", Timestamp::now(), &entry())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store.get_user(&id).await.unwrap().unwrap().password_hash,
        "old-hash"
    );
    // A disabled account gets no link, the same answer as no account.
    assert_eq!(
        request(store.as_ref(), "late@example.org", "192.0.2.3", "h3").await,
        ResetIssued::NoAccount
    );
    store.close().await;
}

async fn parallel_redemptions_succeed_once(db: &TestDb) {
    let store = db.open().await;
    let id = user(store.as_ref(), "race@example.org").await;
    let hash = token::hash_secret("race-secret");
    assert!(matches!(
        request(store.as_ref(), "race@example.org", "192.0.2.4", &hash).await,
        ResetIssued::Issued(_)
    ));
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = Arc::clone(&store);
            let hash = hash.clone();
            tokio::spawn(async move {
                store
                    .redeem_password_reset(&hash, &format!("hash-{i}"), Timestamp::now(), &entry())
                    .await
                    .expect("redeem")
                    .is_some()
            })
        })
        .collect();
    let mut won = 0;
    for t in tasks {
        won += usize::from(t.await.unwrap());
    }
    assert_eq!(won, 1, "one redemption wins");
    assert!(
        store
            .get_user(&id)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .starts_with("hash-")
    );
    store.close().await;
}

async fn requests_are_limited_whether_or_not_the_account_exists(db: &TestDb) {
    let store = db.open().await;
    user(store.as_ref(), "known@example.org").await;
    for email in ["known@example.org", "unknown@example.org"] {
        let mut answers = Vec::new();
        for i in 0..5 {
            // A new client address each time: the per-account limit alone decides.
            let r = request(
                store.as_ref(),
                email,
                &format!("198.51.100.{i}"),
                &format!("{email}{i}"),
            )
            .await;
            answers.push(matches!(r, ResetIssued::Throttled));
        }
        assert_eq!(
            answers,
            [false, false, false, true, true],
            "{email}: the same limit with or without an account"
        );
    }
    // Per address: 10 requests from one address across different e-mails.
    let mut throttled = 0;
    for i in 0..12 {
        let r = request(
            store.as_ref(),
            &format!("p{i}@example.org"),
            "203.0.113.9",
            &format!("a{i}"),
        )
        .await;
        throttled += usize::from(matches!(r, ResetIssued::Throttled));
    }
    assert_eq!(throttled, 2);
    store.close().await;
}

async fn parallel_requests_get_exactly_the_budget(db: &TestDb) {
    let store = db.open().await;
    user(store.as_ref(), "burst@example.org").await;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let req = ResetRequest {
                    email: "burst@example.org",
                    address: "192.0.2.77",
                    token_hash: &format!("burst-{i}"),
                    now: Timestamp::now(),
                };
                store
                    .request_password_reset(&req, &POLICY, &entry())
                    .await
                    .expect("request")
            })
        })
        .collect();
    let mut issued = 0;
    for t in tasks {
        issued += usize::from(matches!(t.await.unwrap(), ResetIssued::Issued(_)));
    }
    assert_eq!(issued, 3, "exactly the per-account budget");
    store.close().await;
}
