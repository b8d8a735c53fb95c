//! Reminder outbox on both backends, with two job runners (two stores, two connection pools:
//! as two `myo serve` processes) on one database: an occasion planned by both is one row, and
//! concurrent claimers take each row exactly once; a released claim is taken again; opt-ins.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::TestDb;
use myo_store::reminders::Reminder;
use myo_store::{AuditEntry, Outcome, RecordId, Role, Store, StoreError, Timestamp, UserId};

on_both_backends!(
    two_runners_send_each_reminder_once,
    opt_ins_are_per_kind_and_checked,
);

fn entry() -> AuditEntry {
    AuditEntry::new(Timestamp::now(), "read", "reminder", None, Outcome::Success)
}

fn reminder(p: &UserId, key: &str) -> Reminder {
    Reminder {
        id: RecordId::random(),
        patient_id: p.clone(),
        kind: "monitoring_due".into(),
        due_key: key.into(),
        subject: "A test is due".into(),
        body: "body".into(),
        created_at: Timestamp::now(),
        sent_at: None,
    }
}

async fn two_runners_send_each_reminder_once(db: &TestDb) {
    let a: Arc<dyn Store> = db.open().await;
    let b: Arc<dyn Store> = db.open().await;
    let p = common::user(a.as_ref(), "p@example.org", Role::Patient)
        .await
        .id;
    // Both runners plan the same 40 occasions, concurrently.
    let plans: Vec<_> = [&a, &b]
        .into_iter()
        .map(|store| {
            let store = Arc::clone(store);
            let p = p.clone();
            tokio::spawn(async move {
                let mut new = 0;
                for i in 0..40 {
                    new += usize::from(
                        store
                            .plan_reminder(&reminder(&p, &format!("k{i}")))
                            .await
                            .unwrap(),
                    );
                }
                new
            })
        })
        .collect();
    let mut planned = 0;
    for t in plans {
        planned += t.await.unwrap();
    }
    assert_eq!(planned, 40, "each occasion planned once");

    // Four claimers per runner, small batches, until nothing is left.
    let mut tasks = Vec::new();
    for (name, store) in [("runner-a", &a), ("runner-b", &b)] {
        for n in 0..4 {
            let store = Arc::clone(store);
            let worker = format!("{name}-{n}");
            tasks.push(tokio::spawn(async move {
                let mut sent = Vec::new();
                loop {
                    let now = Timestamp::now();
                    let batch = store
                        .claim_reminders(&worker, now, now.add_millis(-900_000), 3)
                        .await
                        .expect("claim");
                    if batch.is_empty() {
                        break;
                    }
                    for r in batch {
                        store
                            .finish_reminder(&r.id, &worker, true, Timestamp::now(), &entry())
                            .await
                            .expect("finish");
                        sent.push(r.id.as_str().to_owned());
                    }
                }
                sent
            }));
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        for id in t.await.unwrap() {
            *seen.entry(id).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 40, "every reminder sent");
    assert!(seen.values().all(|&n| n == 1), "none twice: {seen:?}");
    let now = Timestamp::now();
    assert!(
        a.claim_reminders("late", now, now, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A released claim (sending failed) is taken again; another worker cannot finish it.
    assert!(a.plan_reminder(&reminder(&p, "retry")).await.unwrap());
    let now = Timestamp::now();
    let got = a
        .claim_reminders("w1", now, now.add_millis(-900_000), 5)
        .await
        .unwrap();
    assert_eq!(got.len(), 1);
    assert!(matches!(
        b.finish_reminder(&got[0].id, "w2", true, now, &entry())
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(
        b.claim_reminders("w2", now, now.add_millis(-900_000), 5)
            .await
            .unwrap()
            .is_empty()
    );
    a.finish_reminder(&got[0].id, "w1", false, now, &entry())
        .await
        .unwrap();
    let again = b
        .claim_reminders("w2", now, now.add_millis(-900_000), 5)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    // A claim left by a runner that died is taken after it goes stale.
    let later = now.add_millis(1_000_000);
    let stale = a
        .claim_reminders("w3", later, later.add_millis(-900_000), 5)
        .await
        .unwrap();
    assert_eq!(stale.len(), 1);
    a.close().await;
    b.close().await;
}

async fn opt_ins_are_per_kind_and_checked(db: &TestDb) {
    let store = db.open().await;
    let p = common::user(store.as_ref(), "p@example.org", Role::Patient)
        .await
        .id;
    let now = Timestamp::now();
    store
        .set_reminder(&p, "missed_diary", true, now, &entry())
        .await
        .unwrap();
    store
        .set_reminder(&p, "missed_diary", true, now, &entry())
        .await
        .unwrap();
    store
        .set_reminder(&p, "monitoring_due", true, now, &entry())
        .await
        .unwrap();
    assert_eq!(
        store.reminders_of(&p).await.unwrap(),
        ["missed_diary", "monitoring_due"]
    );
    store
        .set_reminder(&p, "missed_diary", false, now, &entry())
        .await
        .unwrap();
    assert_eq!(store.reminders_of(&p).await.unwrap(), ["monitoring_due"]);
    assert_eq!(store.reminder_subscriptions().await.unwrap().len(), 1);
    assert!(matches!(
        store.set_reminder(&p, "spam", true, now, &entry()).await,
        Err(StoreError::Invalid { field: "kind", .. })
    ));
    store.close().await;
}
