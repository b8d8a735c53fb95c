//! Care-tracker storage on every backend: CRUD per record kind, the diary upsert,
//! access scoping by patient, share links, clinician grants, export and delete.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use common::TestDb;
use common::fixtures::{at, change, one_of_each, sample};
use myo_store::audit::action;
use myo_store::schema::describe;
use myo_store::token::{hash_secret, random_token};
use myo_store::{
    AuditEntry, AuditFilter, DateRange, DiaryRow, NewShareLink, NewUser, Outcome, PatientProfile,
    Record, RecordId, RecordKind, Role, Store, StoreError, UserId,
};

on_both_backends!(
    every_kind_creates_reads_updates_lists_and_deletes,
    a_diary_day_is_saved_once_and_updated_in_place,
    numbers_and_missing_values_read_back_exactly,
    one_patient_can_never_touch_anothers_records,
    a_dose_cannot_name_another_patients_medicine,
    deleting_a_medicine_removes_its_doses,
    bad_values_name_the_field_and_write_nothing,
    ranges_select_by_date_and_overlap,
    share_links_expire_and_revoke,
    clinician_grants_are_given_revoked_and_given_again,
    export_holds_everything_the_patient_owns,
    delete_patient_data_removes_every_tracker_row_and_only_theirs,
    deleting_the_account_cascades_to_tracker_rows,
    profile_is_saved_and_replaced,
);

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

async fn events(store: &Arc<dyn Store>) -> u64 {
    store.verify_audit_chain().await.unwrap().events
}

/// The same record with its main value changed, for updates.
fn changed(record: &Record) -> Record {
    let mut r = record.clone();
    match &mut r {
        Record::Diary(x) => x.weakness = Some(9.0),
        Record::HomeTest(x) => x.arm_raise_s = Some(61.5),
        Record::Assessment(x) => x.results_json = r#"{"total":150}"#.into(),
        Record::Lab(x) => x.value = "99".into(),
        Record::Condition(x) => x.resolved = Some("2026-12-01".into()),
        Record::Antibody(x) => x.outcome = "negative".into(),
        Record::Medicine(x) => x.end_date = Some("2026-12-31".into()),
        Record::DoseEvent(x) => x.outcome = "missed".into(),
        Record::Visit(x) => x.patient_global = Some(6.0),
        Record::MonitoringTest(x) => x.test = "lft".into(),
    }
    r
}

async fn every_kind_creates_reads_updates_lists_and_deletes(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let records = one_of_each(&store, &p, "2026-03-01").await;
    assert_eq!(records.len(), RecordKind::ALL.len());
    for stored in &records {
        let kind = stored.kind();
        let got = store.get_record(&p, kind, stored.id()).await.unwrap();
        assert_eq!(got.as_ref(), Some(stored), "{kind:?} read back");
        let listed = store
            .list_records(&p, kind, &DateRange::all())
            .await
            .unwrap();
        assert_eq!(listed, vec![stored.clone()], "{kind:?} listed");

        let new = changed(stored);
        let before = events(&store).await;
        let updated = store
            .update_record(&p, &new, &change("update", kind, "r", &p))
            .await
            .unwrap();
        assert_eq!(updated, new, "{kind:?} updated");
        assert_eq!(events(&store).await, before + 1, "{kind:?} update audited");
        let got = store.get_record(&p, kind, stored.id()).await.unwrap();
        assert_eq!(got, Some(new), "{kind:?} update persisted");
    }
    // Deleting the medicine last: it takes the dose event with it.
    for stored in records.iter().rev() {
        let kind = stored.kind();
        if kind == RecordKind::DoseEvent {
            continue;
        }
        store
            .delete_record(&p, kind, stored.id(), &change("delete", kind, "r", &p))
            .await
            .unwrap();
        assert_eq!(store.get_record(&p, kind, stored.id()).await.unwrap(), None);
        let again = store
            .delete_record(&p, kind, stored.id(), &change("delete", kind, "r", &p))
            .await
            .unwrap_err();
        assert!(matches!(again, StoreError::NotFound { .. }), "{again:?}");
    }
    assert_eq!(store.export_patient(&p).await.unwrap().record_count(), 0);
    // Every change was audited for this patient.
    let filter = AuditFilter {
        patient_id: Some(p.as_str().to_owned()),
        limit: 1000,
        ..AuditFilter::default()
    };
    let logged = store.list_audit(&filter).await.unwrap();
    assert_eq!(logged.len(), 10 + 10 + 9, "creates, updates, deletes");
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
}

async fn a_diary_day_is_saved_once_and_updated_in_place(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let none = RecordId::random();
    let Record::Diary(first) = sample(RecordKind::Diary, "2026-03-02", &none) else {
        unreachable!()
    };
    let audit = change("create", RecordKind::Diary, "d", &p);
    let stored = store
        .create_record(&p, &Record::Diary(first.clone()), &audit)
        .await
        .unwrap();
    assert_eq!(stored, Record::Diary(first.clone()));
    // The same day saved again (a new id from the form) updates the existing row.
    let second = DiaryRow {
        id: RecordId::random(),
        date: "2026-03-02".into(),
        pain: Some(6.0),
        note: None,
        updated_at: at(5),
        ..DiaryRow::default()
    };
    let again = store
        .create_record(&p, &Record::Diary(second.clone()), &audit)
        .await
        .unwrap();
    let expected = DiaryRow {
        id: first.id.clone(),
        ..second
    };
    assert_eq!(again, Record::Diary(expected.clone()));
    let day = store.get_diary_day(&p, "2026-03-02").await.unwrap();
    assert_eq!(day, Some(expected));
    let all = store
        .list_records(&p, RecordKind::Diary, &DateRange::all())
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        store.get_diary_day(&p, "2026-03-03").await.unwrap(),
        None,
        "a gap"
    );
    // Moving a day onto another existing day is a conflict, not a silent merge.
    let other = sample(RecordKind::Diary, "2026-03-04", &none);
    store.create_record(&p, &other, &audit).await.unwrap();
    let Record::Diary(mut moved) = other else {
        unreachable!()
    };
    moved.date = "2026-03-02".into();
    let err = store
        .update_record(&p, &Record::Diary(moved), &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
}

async fn numbers_and_missing_values_read_back_exactly(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let none = RecordId::random();
    let Record::Diary(mut row) = sample(RecordKind::Diary, "2026-03-05", &none) else {
        unreachable!()
    };
    row.weakness = Some(1.0 / 3.0);
    row.fatigue = Some(0.1 + 0.2);
    row.pain = Some(5e-7);
    let audit = change("create", RecordKind::Diary, "d", &p);
    store
        .create_record(&p, &Record::Diary(row.clone()), &audit)
        .await
        .unwrap();
    let Some(back) = store.get_diary_day(&p, "2026-03-05").await.unwrap() else {
        panic!("stored")
    };
    assert_eq!(
        back.weakness.map(f64::to_bits),
        Some((1.0_f64 / 3.0).to_bits())
    );
    assert_eq!(
        back.fatigue.map(f64::to_bits),
        Some((0.1_f64 + 0.2).to_bits())
    );
    assert_eq!(back, row);
    assert_eq!(back.rash, None, "not recorded stays not recorded");
    assert_eq!(back.fever, None);
    assert_eq!(back.breathlessness, Some(true));
    // Lab decimals keep their digits.
    let lab = sample(RecordKind::Lab, "2026-03-05", &none);
    let stored = store.create_record(&p, &lab, &audit).await.unwrap();
    let Record::Lab(lab) = stored else {
        unreachable!()
    };
    assert_eq!(lab.value, "1234.50");
}

async fn one_patient_can_never_touch_anothers_records(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store, Role::Patient).await;
    let b = add_user(&store, Role::Patient).await;
    let theirs = one_of_each(&store, &b, "2026-04-01").await;
    let mine = one_of_each(&store, &a, "2026-04-02").await;
    let before_b = store.export_patient(&b).await.unwrap();
    let before_events = events(&store).await;
    for record in &theirs {
        let kind = record.kind();
        let id = record.id();
        assert_eq!(
            store.get_record(&a, kind, id).await.unwrap(),
            None,
            "{kind:?} read"
        );
        let err = store
            .update_record(&a, &changed(record), &change("update", kind, "x", &a))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { .. }),
            "{kind:?} update: {err:?}"
        );
        let err = store
            .delete_record(&a, kind, id, &change("delete", kind, "x", &a))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { .. }),
            "{kind:?} delete: {err:?}"
        );
        let listed = store
            .list_records(&a, kind, &DateRange::all())
            .await
            .unwrap();
        assert!(listed.iter().all(|r| r.id() != id), "{kind:?} list");
        // Creating a record under A with B's id does not reach B's row either.
        let mut copy = changed(record);
        if let Record::DoseEvent(d) = &mut copy {
            d.medicine_id = mine[0].id().clone();
        }
        let made = store
            .create_record(&a, &copy, &change("create", kind, "x", &a))
            .await;
        match made {
            // Ids come from `RecordId::random()`; reusing one is a conflict, never a write
            // into the other patient's row.
            Err(StoreError::Conflict { .. }) => {}
            Ok(made) => panic!("{kind:?} created under A with B's id: {made:?}"),
            Err(e) => panic!("{kind:?}: {e:?}"),
        }
    }
    assert_eq!(store.get_diary_day(&a, "2026-04-01").await.unwrap(), None);
    // A's audit entry naming B is refused before anything is written.
    let mut wrong = change("update", RecordKind::Lab, "x", &a);
    wrong.patient_id = Some(b.as_str().to_owned());
    let err = store
        .update_record(&a, &changed(&mine[3]), &wrong)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "audit.patient_id",
                ..
            }
        ),
        "{err:?}"
    );
    // A's share link and grant methods cannot reach B's either.
    let link = new_link(&b, 1_000);
    store
        .create_share_link(&link, &change("create", RecordKind::Diary, "l", &b))
        .await
        .unwrap();
    let err = store
        .revoke_share_link(
            &a,
            &link.id,
            at(2),
            &change("delete", RecordKind::Diary, "l", &a),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "share_link" }),
        "{err:?}"
    );
    assert!(store.list_share_links(&a).await.unwrap().is_empty());
    let doc = add_user(&store, Role::Clinician).await;
    store
        .grant_clinician(
            &b,
            &doc,
            at(3),
            &change("create", RecordKind::Diary, "g", &b),
        )
        .await
        .unwrap();
    let err = store
        .revoke_clinician_grant(
            &a,
            &doc,
            at(4),
            &change("delete", RecordKind::Diary, "g", &a),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(!store.clinician_has_grant(&a, &doc).await.unwrap());
    assert!(store.clinician_has_grant(&b, &doc).await.unwrap());
    // B's records are exactly as they were (links and grants added above aside).
    let after_b = store.export_patient(&b).await.unwrap();
    assert_eq!(after_b.record_count(), before_b.record_count());
    assert_eq!(after_b.diary, before_b.diary);
    assert_eq!(after_b.labs, before_b.labs);
    assert_eq!(after_b.medicines, before_b.medicines);
    assert_eq!(after_b.dose_events, before_b.dose_events);
    assert_eq!(after_b.visits, before_b.visits);
    // Only the clinician's account, B's link and B's grant were written.
    assert_eq!(events(&store).await, before_events + 3);
}

async fn a_dose_cannot_name_another_patients_medicine(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store, Role::Patient).await;
    let b = add_user(&store, Role::Patient).await;
    let theirs = one_of_each(&store, &b, "2026-04-01").await;
    let mine = one_of_each(&store, &a, "2026-04-01").await;
    let b_medicine = theirs[0].id();
    assert_eq!(theirs[0].kind(), RecordKind::Medicine);
    let dose = sample(RecordKind::DoseEvent, "2026-04-03", b_medicine);
    let audit = change("create", RecordKind::DoseEvent, "x", &a);
    let err = store.create_record(&a, &dose, &audit).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "medicine" }),
        "{err:?}"
    );
    // Moving A's own dose event onto B's medicine is refused the same way.
    let my_dose = mine
        .iter()
        .find(|r| r.kind() == RecordKind::DoseEvent)
        .unwrap();
    let mut moved = my_dose.clone();
    if let Record::DoseEvent(d) = &mut moved {
        d.medicine_id = b_medicine.clone();
    }
    let err = store.update_record(&a, &moved, &audit).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "medicine" }),
        "{err:?}"
    );
    // Recording the same dose again replaces it (one row per medicine, date and time).
    let again = changed(my_dose);
    let Record::DoseEvent(mut again) = again else {
        unreachable!()
    };
    again.id = RecordId::random();
    let stored = store
        .create_record(&a, &Record::DoseEvent(again.clone()), &audit)
        .await
        .unwrap();
    assert_eq!(stored.id(), my_dose.id());
    let doses = store
        .list_records(&a, RecordKind::DoseEvent, &DateRange::all())
        .await
        .unwrap();
    assert_eq!(doses.len(), 1);
    let Record::DoseEvent(d) = &doses[0] else {
        unreachable!()
    };
    assert_eq!(d.outcome, "missed");
}

async fn deleting_a_medicine_removes_its_doses(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let records = one_of_each(&store, &p, "2026-05-01").await;
    let medicine = records[0].id();
    store
        .delete_record(
            &p,
            RecordKind::Medicine,
            medicine,
            &change("delete", RecordKind::Medicine, "m", &p),
        )
        .await
        .unwrap();
    let doses = store
        .list_records(&p, RecordKind::DoseEvent, &DateRange::all())
        .await
        .unwrap();
    assert!(doses.is_empty());
}

async fn bad_values_name_the_field_and_write_nothing(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let none = RecordId::random();
    let before = events(&store).await;
    let audit = change("create", RecordKind::Diary, "x", &p);
    let mut cases: Vec<(Record, &str)> = Vec::new();
    let mut diary = sample(RecordKind::Diary, "2026-13-01", &none);
    cases.push((diary.clone(), "date"));
    if let Record::Diary(d) = &mut diary {
        d.date = "2026-03-01".into();
        d.pain = Some(f64::NAN);
    }
    cases.push((diary, "pain"));
    let mut lab = sample(RecordKind::Lab, "2026-03-01", &none);
    if let Record::Lab(l) = &mut lab {
        l.value = "12,5".into();
    }
    cases.push((lab, "value"));
    let mut med = sample(RecordKind::Medicine, "2026-03-01", &none);
    if let Record::Medicine(m) = &mut med {
        m.schedule_json = "{weekly".into();
    }
    cases.push((med, "schedule_json"));
    let mut dose = sample(RecordKind::DoseEvent, "2026-03-01", &none);
    if let Record::DoseEvent(d) = &mut dose {
        d.time = "8:00".into();
    }
    cases.push((dose, "time"));
    let mut dose = sample(RecordKind::DoseEvent, "2026-03-01", &none);
    if let Record::DoseEvent(d) = &mut dose {
        d.outcome = "maybe".into();
    }
    cases.push((dose, "outcome"));
    for (record, field) in cases {
        let err = store.create_record(&p, &record, &audit).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid { field: f, .. } if *f == field),
            "{field}: {err:?}"
        );
    }
    let range = DateRange::between("2026-03-01", "2026-02-3x");
    let err = store
        .list_records(&p, RecordKind::Lab, &range)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid { field: "to", .. }),
        "{err:?}"
    );
    assert_eq!(events(&store).await, before);
    assert_eq!(store.export_patient(&p).await.unwrap().record_count(), 0);
}

async fn ranges_select_by_date_and_overlap(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let none = RecordId::random();
    let audit = change("create", RecordKind::Diary, "x", &p);
    for day in [
        "2026-01-31",
        "2026-02-01",
        "2026-02-15",
        "2026-02-28",
        "2026-03-01",
    ] {
        store
            .create_record(&p, &sample(RecordKind::Diary, day, &none), &audit)
            .await
            .unwrap();
    }
    let feb = DateRange::between("2026-02-01", "2026-02-28");
    let days: Vec<String> = store
        .list_records(&p, RecordKind::Diary, &feb)
        .await
        .unwrap()
        .into_iter()
        .map(|r| match r {
            Record::Diary(d) => d.date,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(days, ["2026-02-01", "2026-02-15", "2026-02-28"]);
    // Medicines overlap: stopped before, running through, started after.
    for (start, end) in [
        ("2025-01-01", Some("2026-01-15")),
        ("2025-06-01", None),
        ("2026-02-10", Some("2026-02-12")),
        ("2026-03-05", None),
    ] {
        let mut m = sample(RecordKind::Medicine, start, &none);
        if let Record::Medicine(m) = &mut m {
            m.end_date = end.map(str::to_owned);
        }
        store.create_record(&p, &m, &audit).await.unwrap();
    }
    let data = store.load_patient(&p, &feb).await.unwrap();
    let starts: Vec<&str> = data
        .medicines
        .iter()
        .map(|m| m.start_date.as_str())
        .collect();
    assert_eq!(starts, ["2025-06-01", "2026-02-10"]);
    assert_eq!(data.diary.len(), 3);
    assert!(data.share_links.is_empty() && data.grants.is_empty());
}

fn new_link(patient: &UserId, life_ms: i64) -> NewShareLink {
    NewShareLink {
        id: RecordId::random(),
        patient_id: patient.clone(),
        token_hash: hash_secret(&random_token()),
        sections: vec!["symptoms".into(), "labs".into()],
        label: Some("Dr Ng".into()),
        created_at: at(0),
        expires_at: at(life_ms),
    }
}

async fn share_links_expire_and_revoke(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let audit = |what: &str| {
        AuditEntry::new(at(1), what, "share_link", None, Outcome::Success).by(None, "share_link")
    };
    let link = new_link(&p, 10_000);
    let made = store
        .create_share_link(&link, &change("create", RecordKind::Diary, "l", &p))
        .await
        .unwrap();
    assert_eq!(made.sections, ["symptoms", "labs"]);
    assert!(made.is_active(at(9_999)) && !made.is_active(at(10_000)));
    let found = store
        .find_share_link_by_hash(&link.token_hash)
        .await
        .unwrap();
    assert_eq!(found, Some(made.clone()));

    let used = store
        .use_share_link(&link.token_hash, at(5_000), &audit(action::READ))
        .await
        .unwrap()
        .expect("active link opens");
    assert_eq!(used.access_count, 1);
    assert_eq!(used.last_access_at, Some(at(5_000)));
    let last = store
        .list_audit(&AuditFilter {
            limit: 1,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(last[0].entry.patient_id.as_deref(), Some(p.as_str()));
    assert_eq!(last[0].entry.resource_id.as_deref(), Some(link.id.as_str()));

    let before = events(&store).await;
    let expired = store
        .use_share_link(&link.token_hash, at(10_000), &audit(action::READ))
        .await
        .unwrap();
    assert_eq!(expired, None, "dead at expires_at");
    let unknown = store
        .use_share_link(&hash_secret("guess"), at(5_000), &audit(action::READ))
        .await
        .unwrap();
    assert_eq!(unknown, None);
    assert_eq!(events(&store).await, before, "refusals write nothing");

    store
        .revoke_share_link(
            &p,
            &link.id,
            at(6_000),
            &change("delete", RecordKind::Diary, "l", &p),
        )
        .await
        .unwrap();
    let revoked = store
        .use_share_link(&link.token_hash, at(6_001), &audit(action::READ))
        .await
        .unwrap();
    assert_eq!(revoked, None, "revoked");
    let err = store
        .revoke_share_link(
            &p,
            &link.id,
            at(6_002),
            &change("delete", RecordKind::Diary, "l", &p),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let listed = store.list_share_links(&p).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].revoked_at, Some(at(6_000)));
    assert_eq!(listed[0].access_count, 1);

    let mut bad = new_link(&p, 10_000);
    bad.sections = vec!["Labs; DROP".into()];
    let err = store
        .create_share_link(&bad, &change("create", RecordKind::Diary, "l", &p))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "sections",
                ..
            }
        ),
        "{err:?}"
    );
    let bad = new_link(&p, 0);
    let err = store
        .create_share_link(&bad, &change("create", RecordKind::Diary, "l", &p))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "expires_at",
                ..
            }
        ),
        "{err:?}"
    );
}

async fn clinician_grants_are_given_revoked_and_given_again(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let doc = add_user(&store, Role::Clinician).await;
    let other = add_user(&store, Role::Patient).await;
    let audit = change("create", RecordKind::Diary, "g", &p);
    assert!(!store.clinician_has_grant(&p, &doc).await.unwrap());
    let grant = store
        .grant_clinician(&p, &doc, at(1), &audit)
        .await
        .unwrap();
    assert!(store.clinician_has_grant(&p, &doc).await.unwrap());
    assert_eq!(
        store.list_clinician_patients(&doc).await.unwrap(),
        vec![grant.clone()]
    );
    store
        .revoke_clinician_grant(&p, &doc, at(2), &audit)
        .await
        .unwrap();
    assert!(!store.clinician_has_grant(&p, &doc).await.unwrap());
    assert!(
        store
            .list_clinician_patients(&doc)
            .await
            .unwrap()
            .is_empty()
    );
    let err = store
        .revoke_clinician_grant(&p, &doc, at(3), &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let listed = store.list_grants(&p).await.unwrap();
    assert_eq!(listed[0].revoked_at, Some(at(2)));
    let again = store
        .grant_clinician(&p, &doc, at(4), &audit)
        .await
        .unwrap();
    assert_eq!(again.id, grant.id, "the row is reused");
    assert_eq!((again.granted_at, again.revoked_at), (at(4), None));
    assert!(store.clinician_has_grant(&p, &doc).await.unwrap());
    let err = store
        .grant_clinician(&p, &other, at(5), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "clinician_id",
                ..
            }
        ),
        "{err:?}"
    );
    let err = store
        .grant_clinician(&p, &UserId::random(), at(5), &audit)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "clinician_id",
                ..
            }
        ),
        "{err:?}"
    );
}

async fn export_holds_everything_the_patient_owns(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    let other = add_user(&store, Role::Patient).await;
    let doc = add_user(&store, Role::Clinician).await;
    let profile = PatientProfile {
        time_zone: "Europe/Berlin".into(),
        birth_date: Some("1980-02-29".into()),
        sex: Some("female".into()),
        updated_at: at(1),
    };
    let audit = change("update", RecordKind::Diary, "x", &p);
    store.put_profile(&p, &profile, &audit).await.unwrap();
    let mine = one_of_each(&store, &p, "2026-06-01").await;
    one_of_each(&store, &other, "2026-06-01").await;
    store
        .create_share_link(&new_link(&p, 1_000), &audit)
        .await
        .unwrap();
    store
        .grant_clinician(&p, &doc, at(1), &audit)
        .await
        .unwrap();
    let data = store.export_patient(&p).await.unwrap();
    assert_eq!(data.patient_id.as_ref(), Some(&p));
    assert_eq!(data.profile, Some(profile));
    assert_eq!(data.record_count(), RecordKind::ALL.len());
    let mut exported: Vec<Record> = Vec::new();
    exported.extend(data.diary.iter().cloned().map(Record::Diary));
    exported.extend(data.home_tests.iter().cloned().map(Record::HomeTest));
    exported.extend(data.assessments.iter().cloned().map(Record::Assessment));
    exported.extend(data.labs.iter().cloned().map(Record::Lab));
    exported.extend(data.conditions.iter().cloned().map(Record::Condition));
    exported.extend(data.antibodies.iter().cloned().map(Record::Antibody));
    exported.extend(data.medicines.iter().cloned().map(Record::Medicine));
    exported.extend(data.dose_events.iter().cloned().map(Record::DoseEvent));
    exported.extend(data.visits.iter().cloned().map(Record::Visit));
    exported.extend(
        data.monitoring_tests
            .iter()
            .cloned()
            .map(Record::MonitoringTest),
    );
    let by_id = |v: &[Record]| -> BTreeMap<RecordId, Record> {
        v.iter().map(|r| (r.id().clone(), r.clone())).collect()
    };
    assert_eq!(by_id(&exported), by_id(&mine));
    assert_eq!(data.share_links.len(), 1);
    assert_eq!(data.grants.len(), 1);
    // The dashboard load has the same records.
    let loaded = store.load_patient(&p, &DateRange::all()).await.unwrap();
    assert_eq!(loaded.record_count(), data.record_count());
}

/// Rows per tracker table whose `patient_id` is `patient`, read around the store.
async fn tracker_rows(db: &TestDb, patient: &UserId) -> BTreeMap<String, usize> {
    let schema = describe(&db.location).await.unwrap();
    let dump = db.dump().await;
    let mut out = BTreeMap::new();
    for (name, table) in &schema.tables {
        let Some(col) = table.columns.iter().position(|c| c.name == "patient_id") else {
            continue;
        };
        if name == "audit_events" {
            continue;
        }
        let n = dump[name]
            .iter()
            .filter(|row| row[col].as_deref() == Some(patient.as_str()))
            .count();
        out.insert(name.clone(), n);
    }
    out
}

async fn delete_patient_data_removes_every_tracker_row_and_only_theirs(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store, Role::Patient).await;
    let b = add_user(&store, Role::Patient).await;
    let doc = add_user(&store, Role::Clinician).await;
    for (p, day) in [(&a, "2026-07-01"), (&b, "2026-07-01")] {
        let audit = change("create", RecordKind::Diary, "x", p);
        let records = one_of_each(&store, p, day).await;
        // One edit, so the record's earlier version is kept in `record_versions`.
        store
            .edit_record(p, &records[0], 1, at(1), &audit)
            .await
            .unwrap();
        store
            .put_profile(
                p,
                &PatientProfile {
                    time_zone: "UTC".into(),
                    ..PatientProfile::default()
                },
                &audit,
            )
            .await
            .unwrap();
        store
            .create_share_link(&new_link(p, 1_000), &audit)
            .await
            .unwrap();
        store.grant_clinician(p, &doc, at(1), &audit).await.unwrap();
        let invitation = myo_store::NewInvitation {
            patient_id: p.clone(),
            email: "carer-to-be@example.org".into(),
            relation: myo_store::GrantRelation::Carer,
            can_write: false,
            created_at: at(1),
        };
        store.invite(&invitation, &audit).await.unwrap();
        store
            .set_calendar_feed(p, &myo_store::token::hash_secret(p.as_str()), at(1), &audit)
            .await
            .unwrap();
        store
            .set_reminder(p, "missed_diary", true, at(1), &audit)
            .await
            .unwrap();
        let reminder = myo_store::reminders::Reminder {
            id: RecordId::random(),
            patient_id: p.clone(),
            kind: "missed_diary".into(),
            due_key: "gap-after:2026-06-30".into(),
            subject: "s".into(),
            body: "b".into(),
            created_at: at(1),
            sent_at: None,
        };
        assert!(store.plan_reminder(&reminder).await.unwrap());
        store
            .raise_red_flag(p, &common::fixtures::red_flag(day), &audit)
            .await
            .unwrap();
    }
    let before_a = tracker_rows(db, &a).await;
    let before_b = tracker_rows(db, &b).await;
    assert_eq!(before_a.len(), 19, "every tracker table: {before_a:?}");
    assert!(before_a.values().all(|&n| n == 1), "{before_a:?}");

    let audit = AuditEntry::new(
        at(9),
        action::DELETE,
        "patient_data",
        Some(a.as_str()),
        Outcome::Success,
    )
    .by(Some(a.as_str()), "patient");
    let removed = store.delete_patient_data(&a, &audit).await.unwrap();
    assert_eq!(removed, 19);
    let after_a = tracker_rows(db, &a).await;
    assert!(after_a.values().all(|&n| n == 0), "{after_a:?}");
    assert_eq!(tracker_rows(db, &b).await, before_b, "B untouched");
    assert!(store.clinician_has_grant(&b, &doc).await.unwrap());
    assert!(
        store.get_user(&a).await.unwrap().is_some(),
        "the account stays"
    );
    // The audit log keeps the fact, and the chain is intact.
    let last = store
        .list_audit(&AuditFilter {
            patient_id: Some(a.as_str().to_owned()),
            limit: 1,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(last[0].entry.resource_type, "patient_data");
    assert_eq!(last[0].entry.details, None);
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
    assert_eq!(store.delete_patient_data(&a, &audit).await.unwrap(), 0);
}

async fn deleting_the_account_cascades_to_tracker_rows(db: &TestDb) {
    let store = db.open().await;
    let a = add_user(&store, Role::Patient).await;
    one_of_each(&store, &a, "2026-08-01").await;
    store
        .create_share_link(
            &new_link(&a, 1_000),
            &change("create", RecordKind::Diary, "l", &a),
        )
        .await
        .unwrap();
    let audit = AuditEntry::new(
        at(9),
        action::DELETE,
        "user",
        Some(a.as_str()),
        Outcome::Success,
    );
    store.delete_user(&a, &audit).await.unwrap();
    let rows = tracker_rows(db, &a).await;
    assert!(rows.values().all(|&n| n == 0), "{rows:?}");
}

async fn profile_is_saved_and_replaced(db: &TestDb) {
    let store = db.open().await;
    let p = add_user(&store, Role::Patient).await;
    assert_eq!(store.get_profile(&p).await.unwrap(), None);
    let audit = change("update", RecordKind::Diary, "x", &p);
    let mut profile = PatientProfile {
        time_zone: "Europe/Berlin".into(),
        ..PatientProfile::default()
    };
    store.put_profile(&p, &profile, &audit).await.unwrap();
    profile.time_zone = "America/New_York".into();
    profile.birth_date = Some("1990-01-31".into());
    store.put_profile(&p, &profile, &audit).await.unwrap();
    assert_eq!(store.get_profile(&p).await.unwrap(), Some(profile.clone()));
    profile.birth_date = Some("31/01/1990".into());
    let err = store.put_profile(&p, &profile, &audit).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "birth_date",
                ..
            }
        ),
        "{err:?}"
    );
    // A profile for someone who is not a user is refused by the foreign key.
    let err = store
        .put_profile(
            &UserId::random(),
            &PatientProfile {
                time_zone: "UTC".into(),
                ..PatientProfile::default()
            },
            &AuditEntry::new(at(0), "update", "patient_profiles", None, Outcome::Success),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::MissingReference), "{err:?}");
}
