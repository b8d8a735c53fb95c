//! Reads that serve a page in one go, on every backend: a patient's records cut to a range in
//! memory match what the store returns for that range.

mod common;

use std::sync::Arc;

use common::TestDb;
use common::fixtures::{at, one_of_each};
use myo_store::audit::action;
use myo_store::{AuditEntry, DateRange, NewUser, Outcome, Record, Role, Store, UserId};

on_both_backends!(a_range_cut_in_memory_matches_the_stores_range);

async fn add_user(store: &Arc<dyn Store>, role: Role) -> UserId {
    let id = UserId::random();
    let user = NewUser {
        id: id.clone(),
        email: format!("{}@example.org", id.as_str()),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".to_owned(),
        role,
        display_name: "P".to_owned(),
        created_at: at(0),
    };
    let audit = AuditEntry::new(
        at(0),
        action::CREATE,
        "user",
        Some(id.as_str()),
        Outcome::Success,
    );
    store.create_user(&user, &audit).await.unwrap();
    id
}

async fn a_range_cut_in_memory_matches_the_stores_range(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let mut made = 0;
    for day in ["2025-12-30", "2026-01-31", "2026-02-01", "2026-02-28", "2026-03-02"] {
        made += one_of_each(&store, &p, day).await.len();
    }
    // A condition resolved inside the range, and a medicine that ended before it.
    let all = store.load_patient(&p, &DateRange::all()).await.unwrap();
    assert_eq!(all.record_count(), made);
    let mut resolved = all.conditions[0].clone();
    resolved.resolved = Some("2026-02-10".into());
    let mut ended = all.medicines[0].clone();
    ended.end_date = Some("2026-01-05".into());
    let entry = AuditEntry::new(at(2), action::UPDATE, "x", None, Outcome::Success);
    for r in [Record::Condition(resolved), Record::Medicine(ended)] {
        store.update_record(&p, &r, &entry).await.unwrap();
    }
    let all = store.load_patient(&p, &DateRange::all()).await.unwrap();
    for range in [
        DateRange::all(),
        DateRange::between("2026-02-01", "2026-02-28"),
        DateRange::between("2026-02-11", "2026-02-11"),
        DateRange {
            from: Some("2026-01-31".into()),
            to: None,
        },
        DateRange {
            from: None,
            to: Some("2026-01-31".into()),
        },
        DateRange::between("2027-01-01", "2027-12-31"),
    ] {
        let want = store.load_patient(&p, &range).await.unwrap();
        assert_eq!(all.within(&range), want, "{range:?}");
    }
    // The cut is not trivially everything or nothing.
    let feb = all.within(&DateRange::between("2026-02-01", "2026-02-28"));
    assert!(feb.record_count() > 0 && feb.record_count() < all.record_count());
}
