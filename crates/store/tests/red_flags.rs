//! Red flags raised by diary entries, on every backend: kept until dealt with, raised again on
//! a new save, scoped by patient, audited, gone with the patient's data; and the reason given
//! for a confirmed medicine reads back.

mod common;

use std::sync::Arc;

use common::TestDb;
use common::fixtures::{at, change, red_flag, sample};
use myo_store::audit::action;
use myo_store::{
    AuditEntry, AuditFilter, NewUser, Outcome, Record, RecordId, RecordKind, Role, Store,
    StoreError, UserId,
};

on_both_backends!(
    a_red_flag_stays_open_until_dealt_with,
    another_patient_cannot_see_or_resolve_a_flag,
    bad_flags_are_refused_naming_the_field,
    a_medicine_keeps_its_confirmation,
);

async fn add_user(store: &Arc<dyn Store>) -> UserId {
    let id = UserId::random();
    let user = NewUser {
        id: id.clone(),
        email: format!("{}@example.org", id.as_str()),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".to_owned(),
        role: Role::Patient,
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

fn audit(verb: &str, p: &UserId) -> AuditEntry {
    AuditEntry::new(at(7), verb, "red_flags", None, Outcome::Success)
        .by(Some(p.as_str()), "patient")
}

async fn a_red_flag_stays_open_until_dealt_with(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let raised = store
        .raise_red_flag(&p, &red_flag("2026-07-01"), &audit(action::CREATE, &p))
        .await
        .unwrap();
    // Raised again for the same day and rule: one flag, same id.
    let mut again = red_flag("2026-07-01");
    again.raised_at = at(6);
    let again = store
        .raise_red_flag(&p, &again, &audit(action::UPDATE, &p))
        .await
        .unwrap();
    assert_eq!(again.id, raised.id);
    assert_eq!(again.raised_at, at(6));
    let other_day = store
        .raise_red_flag(&p, &red_flag("2026-06-20"), &audit(action::CREATE, &p))
        .await
        .unwrap();
    let open = store.list_red_flags(&p, true).await.unwrap();
    assert_eq!(
        open.iter().map(|f| f.date.as_str()).collect::<Vec<_>>(),
        ["2026-07-01", "2026-06-20"],
        "newest day first"
    );
    let done = store
        .resolve_red_flag(&p, &other_day.id, &p, at(9), &audit(action::UPDATE, &p))
        .await
        .unwrap();
    assert_eq!(done.resolved_at, Some(at(9)));
    assert_eq!(done.resolved_by.as_deref(), Some(p.as_str()));
    assert_eq!(store.list_red_flags(&p, true).await.unwrap().len(), 1);
    assert_eq!(store.list_red_flags(&p, false).await.unwrap().len(), 2);
    // Resolving twice is NotFound; raising a dealt-with flag again opens it.
    let twice = store
        .resolve_red_flag(&p, &other_day.id, &p, at(10), &audit(action::UPDATE, &p))
        .await;
    assert!(
        matches!(twice, Err(StoreError::NotFound { .. })),
        "{twice:?}"
    );
    let reopened = store
        .raise_red_flag(&p, &red_flag("2026-06-20"), &audit(action::UPDATE, &p))
        .await
        .unwrap();
    assert_eq!(reopened.resolved_at, None);
    // Every change is in the patient's audit trail, and the chain holds.
    let trail = store
        .list_audit(&AuditFilter {
            patient_id: Some(p.as_str().to_owned()),
            limit: 50,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.entry.resource_type == "red_flags")
            .count(),
        5
    );
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
}

async fn another_patient_cannot_see_or_resolve_a_flag(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store).await;
    let b = add_user(&store).await;
    let flag = store
        .raise_red_flag(&a, &red_flag("2026-07-01"), &audit(action::CREATE, &a))
        .await
        .unwrap();
    assert!(store.list_red_flags(&b, false).await.unwrap().is_empty());
    let r = store
        .resolve_red_flag(&b, &flag.id, &b, at(9), &audit(action::UPDATE, &b))
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
    assert_eq!(store.list_red_flags(&a, true).await.unwrap().len(), 1);
    // An audit entry naming the other patient is refused.
    let wrong = store
        .raise_red_flag(
            &a,
            &red_flag("2026-07-02"),
            &audit(action::CREATE, &b).for_patient(b.as_str()),
        )
        .await;
    assert!(wrong.is_err());
}

async fn bad_flags_are_refused_naming_the_field(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    type Spoil = fn(&mut myo_store::RedFlagRow);
    let cases: [(&str, Spoil); 4] = [
        ("date", |f| f.date = "01/07/2026".into()),
        ("tier", |f| f.tier = "discuss".into()),
        ("title", |f| f.title = " ".into()),
        ("action", |f| f.action = "x".repeat(2001)),
    ];
    for (field, spoil) in cases {
        let mut f = red_flag("2026-07-01");
        spoil(&mut f);
        match store
            .raise_red_flag(&p, &f, &audit(action::CREATE, &p))
            .await
        {
            Err(StoreError::Invalid { field: got, .. }) => assert_eq!(got, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(store.list_red_flags(&p, false).await.unwrap().is_empty());
}

async fn a_medicine_keeps_its_confirmation(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let Record::Medicine(mut m) = sample(RecordKind::Medicine, "2026-07-01", &RecordId::random())
    else {
        unreachable!()
    };
    m.confirmation = Some("My rheumatologist prescribed 30 mg a week".into());
    let audit = change("create", RecordKind::Medicine, m.id.as_str(), &p);
    store
        .create_record(&p, &Record::Medicine(m.clone()), &audit)
        .await
        .unwrap();
    let back = store
        .get_record(&p, RecordKind::Medicine, &m.id)
        .await
        .unwrap();
    assert_eq!(back, Some(Record::Medicine(m.clone())));
    m.confirmation = Some("x".repeat(2001));
    let long = store.create_record(&p, &Record::Medicine(m), &audit).await;
    assert!(
        matches!(&long, Err(StoreError::Invalid { field, .. }) if *field == "confirmation"),
        "{long:?}"
    );
}
