//! `db copy` round trip: SQLite → PostgreSQL → SQLite (or SQLite → SQLite when PostgreSQL is
//! not configured) keeps every row of every table, and refuses unsafe targets.

mod common;

use std::sync::Arc;

use common::TestDb;
use myo_store::token::{hash_secret, random_token, session_id_for};
use myo_store::{
    AttemptKind, AuditEntry, DiaryRow, LoginAttempt, NewApiToken, NewSession, NewShareLink,
    NewUser, Outcome, PatientProfile, Record, RecordId, Role, Store, StoreError, Timestamp,
    TokenId, UserChanges, UserId, copy,
};

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millis(1_763_700_000_000 + ms)
}

fn entry(action: &str, kind: &str, id: &str) -> AuditEntry {
    let mut e =
        AuditEntry::new(at(1), action, kind, Some(id), Outcome::Success).by(Some(id), "admin");
    e.details = Some("{\"note\":\"çà ✓\"}".into());
    e.user_agent = Some("Mozilla/5.0 \"quoted\"".into());
    e
}

/// A little of everything: NULLs and values in every nullable column, both booleans, text
/// with quotes and non-ASCII characters, a revoked token, a disabled account.
async fn populate(store: &Arc<dyn Store>) {
    let mut ids = Vec::new();
    for (i, email) in ["ada@example.org", "bö@example.org", "cy'o@example.org"]
        .iter()
        .enumerate()
    {
        let id = UserId::random();
        ids.push(id.clone());
        let user = NewUser {
            id: id.clone(),
            email: (*email).to_owned(),
            password_hash: myo_store::password::hash("long enough password").unwrap(),
            role: Role::ALL[i],
            display_name: format!("Nom \"{i}\" é"),
            created_at: at(i as i64),
        };
        store
            .create_user(&user, &entry("create", "user", id.as_str()))
            .await
            .unwrap();
        let session = NewSession {
            id: session_id_for(&random_token()),
            user_id: id.clone(),
            csrf_token: random_token(),
            created_at: at(10),
            expires_at: at(10_000),
            ip: (i != 1).then(|| "2001:db8::1".to_owned()),
            user_agent: (i == 1).then(|| "curl/8".to_owned()),
        };
        store
            .create_session(&session, &entry("login", "session", "s"))
            .await
            .unwrap();
        let secret = random_token();
        let token = NewApiToken {
            id: TokenId::random(),
            user_id: id.clone(),
            name: format!("token {i}"),
            token_hash: hash_secret(&secret),
            prefix: secret[..8].to_owned(),
            created_at: at(20),
        };
        store
            .create_token(&token, &entry("create", "api_token", token.id.as_str()))
            .await
            .unwrap();
        if i == 0 {
            store
                .revoke_token(&id, &token.id, at(30), &entry("delete", "api_token", "t"))
                .await
                .unwrap();
        }
        let attempt = LoginAttempt {
            kind: if i == 2 {
                AttemptKind::Address
            } else {
                AttemptKind::Account
            },
            key: (*email).to_owned(),
            ts: at(50),
            success: i == 1,
        };
        store.record_login_attempt(&attempt).await.unwrap();
    }
    // Throttle counters and a refusal count (six tries: five allowed, one refused).
    let policy = myo_store::throttle::ThrottlePolicy::default();
    for _ in 0..6 {
        let attempt = myo_store::throttle::Attempt::SignIn {
            account: "ada@example.org",
            address: "2001:db8::1",
        };
        store
            .reserve_attempt(attempt, &policy, at(55))
            .await
            .unwrap();
    }
    let bare = AuditEntry::new(at(60), "read", "diary_entry", None, Outcome::Denied);
    store.append_audit(&bare).await.unwrap();
    populate_tracker(store, &ids[0], &ids[1]).await;
    common::care::fill(store, &ids[0], &ids[1], "ada@example.org").await;
    populate_community(store, &ids[0], &ids[1]).await;
    // Disabled last: a disabled account's share links no longer open, and disabling revokes them.
    let off = UserChanges {
        disabled_at: Some(Some(at(40))),
        ..UserChanges::default()
    };
    store
        .update_user(&ids[0], &off, &entry("update", "user", ids[0].as_str()))
        .await
        .unwrap();
}

/// Every community and trial table: a moderator, two posters, an approved (then edited) post
/// with a report and a "helped" mark, rate counters, a sync and a saved search.
async fn populate_community(store: &Arc<dyn Store>, patient: &UserId, other: &UserId) {
    use myo_store::{Moderation, NewPost, PostLimits, Posted, SavedSearch, SyncRow};
    let change = entry("create", "community_post", patient.as_str());
    store
        .set_moderator(other, true, other, at(97), &change)
        .await
        .unwrap();
    store
        .set_pseudonym(patient, "Ada's \"pen\" name ✓", at(97), &change)
        .await
        .unwrap();
    store
        .set_pseudonym(other, "Other", at(97), &change)
        .await
        .unwrap();
    let post = NewPost {
        id: RecordId::random(),
        topic: "faq-why-steroids".into(),
        author: patient.clone(),
        tag: "tip".into(),
        body: "Line one.\nLine two ✓".into(),
        hold_reasons: vec!["dosing".into()],
        emergency: true,
        created_at: at(98),
    };
    let Posted::Stored(row) = store
        .create_post(&post, &PostLimits::default(), &change)
        .await
        .unwrap()
    else {
        panic!("rate limited")
    };
    store
        .moderate(
            &row.id,
            &Moderation::Approve,
            other,
            "fine",
            at(99),
            &change,
        )
        .await
        .unwrap();
    store
        .moderate(
            &row.id,
            &Moderation::Edit("Edited.".into()),
            other,
            "name removed",
            at(99),
            &change,
        )
        .await
        .unwrap();
    store
        .report_post(&row.id, other, "other", "", at(99), &change)
        .await
        .unwrap();
    store
        .mark_helped(&row.id, other, true, at(99), &change)
        .await
        .unwrap();
    let sync = SyncRow {
        id: RecordId::random(),
        started_at: at(90),
        finished_at: at(99),
        ok: true,
        studies: 1,
        pages: 1,
        error: None,
    };
    store
        .replace_trials(
            &[("NCT01234567".into(), "{\"x\":\"✓\"}".into())],
            &sync,
            &change,
        )
        .await
        .unwrap();
    let failed = SyncRow {
        id: RecordId::random(),
        ok: false,
        error: Some("offline".into()),
        finished_at: at(100),
        ..sync
    };
    store.record_failed_sync(&failed).await.unwrap();
    let search = SavedSearch {
        id: RecordId::random(),
        user_id: patient.clone(),
        name: "Near me".into(),
        query: "status=recruiting".into(),
        created_at: at(99),
        last_seen_at: at(99),
        email_since: Some(at(99)),
    };
    store.save_search(&search, &change).await.unwrap();
    let text = |ids: &[String]| ("New studies".to_owned(), ids.join("\n"));
    let listed = store
        .plan_search_email(&search, &["NCT09900001".to_owned()], 5, at(100), &text)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

/// Every tracker table: one filled-in record of each kind, an all-NULL diary day, a profile, a
/// used link, a revoked link and a grant.
async fn populate_tracker(store: &Arc<dyn Store>, patient: &UserId, clinician: &UserId) {
    let change = entry("create", "tracker", patient.as_str());
    common::fixtures::one_of_each(store, patient, "2026-03-01").await;
    let empty_day = DiaryRow {
        date: "2026-03-02".into(),
        ..DiaryRow::default()
    };
    store
        .create_record(patient, &Record::Diary(empty_day), &change)
        .await
        .unwrap();
    let profile = PatientProfile {
        time_zone: "Europe/Zürich".into(),
        ..PatientProfile::default()
    };
    store.put_profile(patient, &profile, &change).await.unwrap();
    for (n, revoke) in [(0, true), (1, false)] {
        let link = NewShareLink {
            id: RecordId::random(),
            patient_id: patient.clone(),
            token_hash: hash_secret(&random_token()),
            sections: vec!["symptoms".into(), "labs".into()],
            label: (n == 1).then(|| "Dr \"Ng\" ✓".to_owned()),
            created_at: at(70),
            expires_at: at(100_000),
        };
        store.create_share_link(&link, &change).await.unwrap();
        if revoke {
            store
                .revoke_share_link(patient, &link.id, at(80), &change)
                .await
                .unwrap();
        } else {
            store
                .use_share_link(&link.token_hash, at(90), &change)
                .await
                .unwrap()
                .unwrap();
        }
    }
    store
        .grant_clinician(patient, clinician, at(95), &change)
        .await
        .unwrap();
    // A used CDS client token id (replay protection), claimed with its call's audit entry.
    let call = AuditEntry::new(
        at(97),
        "cds_call",
        "cds_service",
        Some("myo-order-sign"),
        Outcome::Success,
    );
    assert!(
        store
            .claim_token_id(
                "https://ehr.example.org",
                "jti-1",
                at(10_000),
                at(97),
                &call
            )
            .await
            .unwrap()
    );
    // An edited lab, so its earlier version is kept in `record_versions`.
    let labs = store
        .list_records(
            patient,
            myo_store::RecordKind::Lab,
            &myo_store::DateRange::all(),
        )
        .await
        .unwrap();
    if let Some(Record::Lab(lab)) = labs.first() {
        let mut edited = lab.clone();
        edited.value = "1850".into();
        store
            .edit_record(patient, &Record::Lab(edited), 1, at(94), &change)
            .await
            .unwrap();
    }
    // One open red flag and one dealt with (so the nullable columns hold both).
    for (n, day) in ["2026-05-01", "2026-05-02"].into_iter().enumerate() {
        let flag = store
            .raise_red_flag(patient, &common::fixtures::red_flag(day), &change)
            .await
            .unwrap();
        if n == 0 {
            store
                .resolve_red_flag(patient, &flag.id, patient, at(96), &change)
                .await
                .unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_keeps_every_row() {
    let origin = common::sqlite();
    let store = origin.open().await;
    populate(&store).await;
    let events = store.verify_audit_chain().await.unwrap().events;
    store.close().await;
    let original = origin.dump().await;
    assert!(
        original.values().all(|rows| !rows.is_empty()),
        "every table has data"
    );

    let back = common::sqlite();
    match common::postgres("round_trip_keeps_every_row").await {
        Some(middle) => {
            let there = copy(&origin.location, &middle.location).await.unwrap();
            assert_eq!(there.audit_events_verified, events);
            assert_eq!(middle.dump().await, original, "SQLite → PostgreSQL");
            copy(&middle.location, &back.location).await.unwrap();
            middle.cleanup().await;
        }
        None => {
            copy(&origin.location, &back.location).await.unwrap();
        }
    }
    assert_eq!(back.dump().await, original, "… → SQLite");

    let copied = back.open().await;
    let next = copied
        .append_audit(&entry("read", "user", "u"))
        .await
        .unwrap();
    assert_eq!(
        next.seq,
        events as i64 + 1,
        "the chain continues after a copy"
    );
    assert!(copied.verify_audit_chain().await.unwrap().is_intact());
    copied.close().await;
    origin.cleanup().await;
    back.cleanup().await;
}

#[tokio::test]
async fn refuses_a_non_empty_target_and_changes_nothing() {
    let from = common::sqlite();
    let to = common::sqlite();
    populate(&from.open().await).await;
    let target = to.open().await;
    target
        .append_audit(&entry("read", "user", "u"))
        .await
        .unwrap();
    target.close().await;
    let before = to.dump().await;
    let err = copy(&from.location, &to.location).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::TargetNotEmpty { table } if table == "audit_events"),
        "{err:?}"
    );
    assert_eq!(to.dump().await, before);
    from.cleanup().await;
    to.cleanup().await;
}

#[tokio::test]
async fn refuses_to_copy_a_database_onto_itself() {
    let db: TestDb = common::sqlite();
    let err = copy(&db.location, &db.location).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid { field: "to", .. }),
        "{err:?}"
    );
    db.cleanup().await;
}
