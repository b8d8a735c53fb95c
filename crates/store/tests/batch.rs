//! Reads that serve a page in one go, on every backend: a patient's records cut to a range in
//! memory match what the store returns for that range, and the batched reads and audit append
//! for many patients give what the one-patient calls give.

mod common;

use std::sync::Arc;

use common::TestDb;
use common::fixtures::{at, one_of_each, red_flag};
use myo_store::audit::action;
use myo_store::{
    AuditEntry, AuditFilter, DateRange, Outcome, PatientProfile, Record, Role, Store, UserId,
};

on_both_backends!(
    a_range_cut_in_memory_matches_the_stores_range,
    batched_reads_match_one_patient_at_a_time,
    batched_audit_entries_extend_the_chain_in_order,
);

async fn add_user(store: &Arc<dyn Store>, role: Role) -> UserId {
    let email = format!("{}@example.org", UserId::random().as_str());
    common::user(store.as_ref(), &email, role).await.id
}

async fn a_range_cut_in_memory_matches_the_stores_range(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let mut made = 0;
    for day in [
        "2025-12-30",
        "2026-01-31",
        "2026-02-01",
        "2026-02-28",
        "2026-03-02",
    ] {
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

async fn batched_reads_match_one_patient_at_a_time(db: &TestDb) {
    let store = db.open().await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let p = add_user(&store, Role::Patient).await;
        // Patient 0 has nothing at all; the others records on days of their own.
        for d in 1..n + 1 {
            one_of_each(&store, &p, &format!("2026-0{d}-1{n}")).await;
        }
        if n == 2 {
            let profile = PatientProfile {
                time_zone: "Europe/Madrid".into(),
                birth_date: Some("1980-02-29".into()),
                sex: None,
                updated_at: at(3),
            };
            let entry = AuditEntry::new(at(3), action::UPDATE, "profile", None, Outcome::Success);
            store.put_profile(&p, &profile, &entry).await.unwrap();
        }
        for (i, day) in (0..n).map(|i| (i, format!("2026-01-0{}", i + 1))) {
            let entry = AuditEntry::new(at(4), action::CREATE, "red_flag", None, Outcome::Success);
            let flag = store
                .raise_red_flag(&p, &red_flag(&day), &entry)
                .await
                .unwrap();
            if i == 0 && n == 3 {
                store
                    .resolve_red_flag(&p, &flag.id, &p, at(6), &entry)
                    .await
                    .unwrap();
            }
        }
        ids.push(p);
    }
    // Asked in an order of their own, with an id that has no account.
    let nobody = UserId::random();
    let asked = vec![
        ids[2].clone(),
        nobody.clone(),
        ids[0].clone(),
        ids[3].clone(),
        ids[1].clone(),
    ];
    for range in [
        DateRange::all(),
        DateRange::between("2026-02-01", "2026-02-28"),
    ] {
        let batch = store.load_patients(&asked, &range).await.unwrap();
        assert_eq!(batch.len(), asked.len());
        for (id, got) in asked.iter().zip(&batch) {
            let want = store.load_patient(id, &range).await.unwrap();
            assert_eq!(got, &want, "{id:?} {range:?}");
        }
    }
    assert!(
        store
            .load_patients(&asked, &DateRange::all())
            .await
            .unwrap()[0]
            .profile
            .is_some()
    );
    let bad = DateRange::between("2026-02-30x", "2026-03-01");
    assert!(
        store.load_patients(&asked, &bad).await.is_err(),
        "a bad date is refused"
    );

    let flags = store.open_red_flags_of(&asked).await.unwrap();
    for (id, got) in asked.iter().zip(&flags) {
        assert_eq!(
            got,
            &store.list_red_flags(id, true).await.unwrap(),
            "{id:?}"
        );
    }
    assert_eq!(
        flags.iter().map(Vec::len).collect::<Vec<_>>(),
        [2, 0, 0, 2, 1]
    );

    let mut users = store.get_users(&asked).await.unwrap();
    users.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let mut want = Vec::new();
    for id in &ids {
        want.push(store.get_user(id).await.unwrap().unwrap());
    }
    want.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    assert_eq!(users, want, "every account that exists, once");
    assert!(
        store
            .load_patients(&[], &DateRange::all())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.get_users(&[]).await.unwrap().is_empty());
}

async fn batched_audit_entries_extend_the_chain_in_order(db: &TestDb) {
    let store = db.open().await;
    let actor = add_user(&store, Role::Clinician).await;
    let before = store.verify_audit_chain().await.unwrap().events;
    let patients: Vec<UserId> = (0..7).map(|_| UserId::random()).collect();
    let entries: Vec<AuditEntry> = patients
        .iter()
        .map(|p| {
            AuditEntry::new(at(9), action::READ, "patient_list", None, Outcome::Success)
                .by(Some(actor.as_str()), "clinician")
                .for_patient(p.as_str())
        })
        .collect();
    let events = store.append_audits(&entries).await.unwrap();
    assert_eq!(events.len(), entries.len());
    assert!(store.append_audits(&[]).await.unwrap().is_empty());
    let report = store.verify_audit_chain().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events, before + entries.len() as u64);
    // In order, one per patient, each findable by its patient.
    for (w, e) in events.windows(2).map(|w| (&w[0], &w[1])) {
        assert_eq!(e.seq, w.seq + 1);
        assert_eq!(e.prev_hash, w.hash);
    }
    for (p, e) in patients.iter().zip(&events) {
        let found = store
            .list_audit(&AuditFilter {
                patient_id: Some(p.as_str().to_owned()),
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(found, vec![e.clone()]);
    }
}
