//! Editing records with their history, on every backend: every kind can be edited and keeps its
//! earlier versions; a stale or racing edit is refused as `Changed` with nothing written;
//! another patient's record cannot be edited or its history read; edits are audited; the
//! history goes with the patient's data; a medicine keeps its stop reason and dose-change link.

mod common;

use std::sync::Arc;

use common::TestDb;
use common::fixtures::{at, change, one_of_each, sample};
use myo_store::audit::action;
use myo_store::{
    AuditEntry, AuditFilter, NewUser, Outcome, Record, RecordId, RecordKind, Role, Store,
    StoreError, UserId, record_fields,
};

on_both_backends!(
    every_kind_keeps_its_earlier_versions,
    a_stale_edit_is_refused_and_writes_nothing,
    racing_edits_of_one_version_let_exactly_one_win,
    another_patients_record_cannot_be_edited_or_read,
    history_goes_with_the_patients_data,
    a_medicine_keeps_its_stop_reason_and_what_it_follows,
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

/// The record with its date moved (every kind has a date-like column to change).
fn changed(record: &Record) -> Record {
    let mut r = record.clone();
    match &mut r {
        Record::Diary(x) => x.weakness = Some(7.0),
        Record::HomeTest(x) => x.arm_raise_s = Some(99.0),
        Record::Assessment(x) => x.date = "2026-02-02".into(),
        Record::Lab(x) => x.value = "1850".into(),
        Record::Condition(x) => x.resolved = Some("2026-03-03".into()),
        Record::Antibody(x) => x.titre = Some("1:640".into()),
        Record::Medicine(x) => x.dose_amount = 20.0,
        Record::DoseEvent(x) => x.outcome = "missed".into(),
        Record::Visit(x) => x.physician_global = Some(2.0),
        Record::MonitoringTest(x) => x.date = "2026-02-02".into(),
    }
    r
}

async fn every_kind_keeps_its_earlier_versions(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let all = one_of_each(&store, &p, "2026-01-10").await;
    assert_eq!(all.len(), RecordKind::ALL.len());
    for original in &all {
        let kind = original.kind();
        let audit = change(action::UPDATE, kind, original.id().as_str(), &p);
        let edit = changed(original);
        let (stored, version) = store
            .edit_record(&p, &edit, 1, at(5), &audit)
            .await
            .unwrap_or_else(|e| panic!("edit {kind:?}: {e}"));
        assert_eq!(version, 2, "{kind:?}");
        assert_eq!(stored, edit, "{kind:?}");
        let got = store.get_record(&p, kind, original.id()).await.unwrap();
        assert_eq!(got.as_ref(), Some(&edit), "{kind:?}");
        let history = store.record_history(&p, kind, original.id()).await.unwrap();
        assert_eq!(history.len(), 1, "{kind:?}");
        assert_eq!(history[0].version, 1);
        assert_eq!(history[0].replaced_at, at(5));
        assert_eq!(
            history[0].values,
            record_fields(original).unwrap(),
            "{kind:?}: the kept version is the record as it was"
        );
        assert_ne!(history[0].values, record_fields(&edit).unwrap(), "{kind:?}");
        // A second edit from version 2 keeps version 2.
        let (_, v3) = store
            .edit_record(&p, original, 2, at(6), &audit)
            .await
            .unwrap();
        assert_eq!(v3, 3);
        let history = store.record_history(&p, kind, original.id()).await.unwrap();
        assert_eq!(
            history.iter().map(|v| v.version).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(history[1].values, record_fields(&edit).unwrap());
    }
    let edited = store.edited_records(&p).await.unwrap();
    assert_eq!(edited.len(), all.len());
    assert!(
        edited
            .iter()
            .all(|(_, _, s)| s.version == 3 && s.edited_at == Some(at(6)))
    );
    let events = store
        .list_audit(&AuditFilter {
            patient_id: Some(p.as_str().to_owned()),
            limit: 1000,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let updates = events
        .iter()
        .filter(|e| e.entry.action == action::UPDATE)
        .count();
    assert_eq!(updates, all.len() * 2, "every edit is audited");
}

async fn a_stale_edit_is_refused_and_writes_nothing(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let lab = sample(RecordKind::Lab, "2026-01-10", &RecordId::random());
    let audit = change(action::CREATE, RecordKind::Lab, "l", &p);
    let lab = store.create_record(&p, &lab, &audit).await.unwrap();
    let first = changed(&lab);
    store
        .edit_record(&p, &first, 1, at(5), &audit)
        .await
        .unwrap();
    // A second tab opened version 1 and saves after the first edit.
    for stale in [1, 0, 3, -1, i64::MAX] {
        let err = store
            .edit_record(&p, &lab, stale, at(6), &audit)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Changed {
                    what: "lab_results"
                }
            ),
            "{stale}: {err:?}"
        );
    }
    assert_eq!(
        store
            .get_record(&p, RecordKind::Lab, lab.id())
            .await
            .unwrap(),
        Some(first)
    );
    assert_eq!(
        store
            .record_history(&p, RecordKind::Lab, lab.id())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn racing_edits_of_one_version_let_exactly_one_win(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let lab = sample(RecordKind::Lab, "2026-01-10", &RecordId::random());
    let audit = change(action::CREATE, RecordKind::Lab, "l", &p);
    let lab = store.create_record(&p, &lab, &audit).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (store, p, audit) = (Arc::clone(&store), p.clone(), audit.clone());
        let mut edit = lab.clone();
        if let Record::Lab(l) = &mut edit {
            l.value = format!("{}", 100 + i);
        }
        tasks.push(tokio::spawn(async move {
            store.edit_record(&p, &edit, 1, at(5), &audit).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok((_, v)) => {
                won += 1;
                assert_eq!(v, 2);
            }
            Err(StoreError::Changed { .. }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(won, 1, "exactly one edit of version 1 wins");
    assert_eq!(
        store
            .record_history(&p, RecordKind::Lab, lab.id())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn another_patients_record_cannot_be_edited_or_read(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store).await;
    let b = add_user(&store).await;
    let lab = sample(RecordKind::Lab, "2026-01-10", &RecordId::random());
    let audit_a = change(action::CREATE, RecordKind::Lab, "l", &a);
    let lab = store.create_record(&a, &lab, &audit_a).await.unwrap();
    store
        .edit_record(&a, &changed(&lab), 1, at(5), &audit_a)
        .await
        .unwrap();
    let audit_b = change(action::UPDATE, RecordKind::Lab, "l", &b);
    let err = store
        .edit_record(&b, &lab, 2, at(6), &audit_b)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(
        store
            .record_history(&b, RecordKind::Lab, lab.id())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.edited_records(&b).await.unwrap().is_empty());
    // A missing id is the same NotFound.
    let ghost = lab.clone().with_id(RecordId::random());
    let err = store
        .edit_record(&a, &ghost, 1, at(6), &audit_a)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

async fn history_goes_with_the_patients_data(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let lab = sample(RecordKind::Lab, "2026-01-10", &RecordId::random());
    let audit = change(action::CREATE, RecordKind::Lab, "l", &p);
    let lab = store.create_record(&p, &lab, &audit).await.unwrap();
    store
        .edit_record(&p, &changed(&lab), 1, at(5), &audit)
        .await
        .unwrap();
    let gone = AuditEntry::new(
        at(9),
        action::DELETE,
        "patient_data",
        None,
        Outcome::Success,
    )
    .by(Some(p.as_str()), "patient");
    store.delete_patient_data(&p, &gone).await.unwrap();
    assert!(store.edited_records(&p).await.unwrap().is_empty());
    assert!(
        store
            .record_history(&p, RecordKind::Lab, lab.id())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_medicine_keeps_its_stop_reason_and_what_it_follows(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store).await;
    let first = sample(RecordKind::Medicine, "2026-01-10", &RecordId::random());
    let audit = change(action::CREATE, RecordKind::Medicine, "m", &p);
    let first = store.create_record(&p, &first, &audit).await.unwrap();
    let Record::Medicine(mut next) =
        sample(RecordKind::Medicine, "2026-02-01", &RecordId::random())
    else {
        panic!("a medicine sample");
    };
    next.follows = Some(first.id().clone());
    next.dose_amount = 20.0;
    let next = store
        .create_record(&p, &Record::Medicine(next), &audit)
        .await
        .unwrap();
    let Record::Medicine(mut stopped) = first.clone() else {
        panic!("a medicine");
    };
    stopped.end_date = Some("2026-01-31".into());
    stopped.stop_reason = Some("dose changed to 20 mg".into());
    store
        .edit_record(&p, &Record::Medicine(stopped.clone()), 1, at(5), &audit)
        .await
        .unwrap();
    let got = store
        .get_record(&p, RecordKind::Medicine, first.id())
        .await
        .unwrap();
    assert_eq!(got, Some(Record::Medicine(stopped)));
    match store
        .get_record(&p, RecordKind::Medicine, next.id())
        .await
        .unwrap()
    {
        Some(Record::Medicine(m)) => assert_eq!(m.follows.as_ref(), Some(first.id())),
        other => panic!("{other:?}"),
    }
    let long = Record::Medicine(myo_store::MedicineRow {
        stop_reason: Some("x".repeat(2001)),
        ..match first {
            Record::Medicine(m) => m,
            _ => unreachable!(),
        }
    });
    let err = store
        .edit_record(&p, &long, 2, at(6), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "stop_reason",
                ..
            }
        ),
        "{err:?}"
    );
}
