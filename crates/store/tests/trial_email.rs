//! E-mail about new studies for saved trial searches, on both backends, with two planners (two
//! stores, two connection pools: as two `myo serve` processes) on one database: each study is
//! listed once per search, only the owner turns it on or off, and turning it off drops the
//! messages not yet claimed.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::TestDb;
use myo_store::{
    AuditEntry, Outcome, RecordId, Role, SEARCH_EMAIL_KIND, SavedSearch, Store, StoreError,
    Timestamp, UserId,
};

on_both_backends!(
    two_planners_list_each_study_once_per_search,
    only_the_owner_turns_email_on_and_off,
);

fn entry() -> AuditEntry {
    AuditEntry::new(
        Timestamp::now(),
        "update",
        "trial_saved_search",
        None,
        Outcome::Success,
    )
}

async fn search(store: &dyn Store, owner: &UserId, email: bool) -> SavedSearch {
    let now = Timestamp::now();
    let s = SavedSearch {
        id: RecordId::random(),
        user_id: owner.clone(),
        name: "Recruiting".into(),
        query: "status=recruiting".into(),
        created_at: now,
        last_seen_at: now,
        email_since: email.then_some(now),
    };
    store.save_search(&s, &entry()).await.expect("save");
    s
}

fn text(ids: &[String]) -> (String, String) {
    (format!("{} new", ids.len()), ids.join("\n"))
}

fn ncts(range: std::ops::Range<u32>) -> Vec<String> {
    range.map(|i| format!("NCT{i:08}")).collect()
}

/// Plans until nothing is new; returns the ids listed.
async fn plan_all(store: &dyn Store, s: &SavedSearch, candidates: &[String]) -> Vec<String> {
    let mut all = Vec::new();
    loop {
        let listed = store
            .plan_search_email(s, candidates, 4, Timestamp::now(), &text)
            .await
            .expect("plan");
        if listed.is_empty() {
            return all;
        }
        all.extend(listed);
    }
}

async fn two_planners_list_each_study_once_per_search(db: &TestDb) {
    let a: Arc<dyn Store> = db.open().await;
    let b: Arc<dyn Store> = db.open().await;
    let p = common::user(a.as_ref(), "p@example.org", Role::Patient)
        .await
        .id;
    let s = search(a.as_ref(), &p, true).await;
    let candidates = ncts(0..30);
    let tasks: Vec<_> = [&a, &b, &a, &b]
        .into_iter()
        .map(|store| {
            let (store, s, c) = (Arc::clone(store), s.clone(), candidates.clone());
            tokio::spawn(async move { plan_all(store.as_ref(), &s, &c).await })
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        for id in t.await.unwrap() {
            *seen.entry(id).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 30, "every study listed");
    assert!(seen.values().all(|&n| n == 1), "none twice: {seen:?}");
    // The messages are in the outbox, to the owner, at most 4 studies each.
    let now = Timestamp::now();
    let rows = a
        .claim_reminders("w", now, now.add_millis(-900_000), 100)
        .await
        .unwrap();
    assert!(rows.len() >= 8, "{}", rows.len());
    assert!(rows.iter().all(|r| r.kind == SEARCH_EMAIL_KIND
        && r.patient_id == p
        && r.due_key.starts_with(&format!("{}:", s.id.as_str()))));
    let listed: usize = rows.iter().map(|r| r.body.lines().count()).sum();
    assert_eq!(listed, 30);
    // Nothing new: nothing planned; a new study: one message.
    assert!(plan_all(b.as_ref(), &s, &candidates).await.is_empty());
    assert_eq!(plan_all(b.as_ref(), &s, &ncts(0..31)).await, ncts(30..31));
    a.close().await;
    b.close().await;
}

async fn only_the_owner_turns_email_on_and_off(db: &TestDb) {
    let store = db.open().await;
    let p = common::user(store.as_ref(), "p@example.org", Role::Patient)
        .await
        .id;
    let q = common::user(store.as_ref(), "q@example.org", Role::Patient)
        .await
        .id;
    let s = search(store.as_ref(), &p, false).await;
    let other = search(store.as_ref(), &q, false).await;
    let now = Timestamp::now();
    // Off by default: nothing listed, nothing planned.
    assert!(store.emailed_searches().await.unwrap().is_empty());
    assert!(plan_all(store.as_ref(), &s, &ncts(0..3)).await.is_empty());
    // Someone else's search cannot be changed.
    for on in [true, false] {
        assert!(matches!(
            store.set_search_email(&q, &s.id, on, now, &entry()).await,
            Err(StoreError::NotFound { .. })
        ));
    }
    store
        .set_search_email(&p, &s.id, true, now, &entry())
        .await
        .unwrap();
    // Turning it on again keeps the first start.
    store
        .set_search_email(&p, &s.id, true, now.add_millis(5_000), &entry())
        .await
        .unwrap();
    let on = store.emailed_searches().await.unwrap();
    assert_eq!(on.len(), 1);
    assert_eq!(on[0].id, s.id);
    assert_eq!(on[0].email_since, Some(now));
    // A search planned under another owner's id is refused (nothing listed).
    let forged = SavedSearch {
        user_id: q.clone(),
        ..s.clone()
    };
    assert!(
        plan_all(store.as_ref(), &forged, &ncts(0..3))
            .await
            .is_empty()
    );
    assert!(
        plan_all(store.as_ref(), &other, &ncts(0..3))
            .await
            .is_empty()
    );
    // Planned but not yet sent, then turned off: the message is dropped and its studies can be
    // e-mailed after turning it on again.
    assert_eq!(plan_all(store.as_ref(), &s, &ncts(0..3)).await.len(), 3);
    store
        .set_search_email(&p, &s.id, false, now, &entry())
        .await
        .unwrap();
    assert!(plan_all(store.as_ref(), &s, &ncts(0..3)).await.is_empty());
    let now = Timestamp::now();
    assert!(
        store
            .claim_reminders("w", now, now.add_millis(-900_000), 10)
            .await
            .unwrap()
            .is_empty()
    );
    store
        .set_search_email(&p, &s.id, true, now, &entry())
        .await
        .unwrap();
    assert_eq!(plan_all(store.as_ref(), &s, &ncts(0..3)).await.len(), 3);
    // Deleting the search drops its unsent message too.
    store
        .delete_saved_search(&p, &s.id, &entry())
        .await
        .unwrap();
    assert!(
        store
            .claim_reminders("w", now, now.add_millis(-900_000), 10)
            .await
            .unwrap()
            .is_empty()
    );
    store.close().await;
}
