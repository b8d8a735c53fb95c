//! Care-circle storage on both backends: invitations wait until an account with the address
//! takes them up (a clinician invitation only by a clinician account), are taken up once under
//! concurrency, replace a pending one to the same address, and never replace a guardian.

mod common;

use std::sync::Arc;

use common::TestDb;
use myo_store::{
    AuditEntry, GrantRelation, NewInvitation, Outcome, Role, StoreError, Timestamp, User,
};

on_both_backends!(
    invitations_wait_for_the_right_account,
    parallel_sign_ins_take_an_invitation_up_once,
    a_guardian_is_never_replaced,
);

fn entry() -> AuditEntry {
    AuditEntry::new(Timestamp::now(), "create", "grant", None, Outcome::Success)
}

fn invitation(patient: &User, email: &str, relation: GrantRelation, write: bool) -> NewInvitation {
    NewInvitation {
        patient_id: patient.id.clone(),
        email: email.to_owned(),
        relation,
        can_write: write,
        created_at: Timestamp::now(),
    }
}

async fn invitations_wait_for_the_right_account(db: &TestDb) {
    let store = db.open().await;
    let pat = common::user(store.as_ref(), "pat@example.org", Role::Patient).await;
    let first = store
        .invite(
            &invitation(&pat, "Helper@Example.org ", GrantRelation::Carer, false),
            &entry(),
        )
        .await
        .unwrap();
    // The same address again replaces the pending terms, keeping one invitation.
    let second = store
        .invite(
            &invitation(&pat, "helper@example.org", GrantRelation::Carer, true),
            &entry(),
        )
        .await
        .unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(store.list_invitations(&pat.id).await.unwrap().len(), 1);
    store
        .invite(
            &invitation(&pat, "doc@example.org", GrantRelation::Clinician, false),
            &entry(),
        )
        .await
        .unwrap();
    // Refused shapes name the field.
    for (bad, field) in [
        (
            invitation(&pat, "no-at-sign", GrantRelation::Carer, false),
            "email",
        ),
        (
            invitation(&pat, "a@b\u{0}c", GrantRelation::Carer, false),
            "email",
        ),
        (
            invitation(&pat, "a@b.org", GrantRelation::Guardian, false),
            "relation",
        ),
    ] {
        match store.invite(&bad, &entry()).await {
            Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    // A clinician may be offered read and write (to record visits).
    let writer = store
        .invite(
            &invitation(&pat, "writer@example.org", GrantRelation::Clinician, true),
            &entry(),
        )
        .await
        .expect("a clinician may write");
    assert!(writer.can_write);
    store
        .revoke_invitation(&pat.id, &writer.id, Timestamp::now(), &entry())
        .await
        .unwrap();
    // A patient account with the clinician's address does not get clinician access.
    let fake_doc = common::user(store.as_ref(), "doc@example.org", Role::Patient).await;
    assert!(
        store
            .accept_invitations(&fake_doc, Timestamp::now(), &entry())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .find_grant(&pat.id, &fake_doc.id)
            .await
            .unwrap()
            .is_none()
    );
    // The helper takes theirs up, with its terms.
    let helper = common::user(store.as_ref(), "helper@example.org", Role::Patient).await;
    let taken = store
        .accept_invitations(&helper, Timestamp::now(), &entry())
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
    let grant = store
        .find_grant(&pat.id, &helper.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (grant.relation, grant.can_write),
        (GrantRelation::Carer, true)
    );
    assert!(
        store
            .accept_invitations(&helper, Timestamp::now(), &entry())
            .await
            .unwrap()
            .is_empty(),
        "taken up once"
    );
    let pending: Vec<_> = store
        .list_invitations(&pat.id)
        .await
        .unwrap()
        .into_iter()
        .filter(myo_store::Invitation::is_pending)
        .collect();
    assert_eq!(pending.len(), 1, "the clinician invitation still waits");
    // Withdrawn: nobody can take it up any more.
    store
        .revoke_invitation(&pat.id, &pending[0].id, Timestamp::now(), &entry())
        .await
        .unwrap();
    assert!(matches!(
        store
            .revoke_invitation(&pat.id, &pending[0].id, Timestamp::now(), &entry())
            .await,
        Err(StoreError::NotFound { .. })
    ));
    // Another patient's id does not reach this invitation either.
    let other = common::user(store.as_ref(), "other@example.org", Role::Patient).await;
    assert!(matches!(
        store
            .revoke_invitation(&other.id, &first.id, Timestamp::now(), &entry())
            .await,
        Err(StoreError::NotFound { .. })
    ));
    store.close().await;
}

async fn parallel_sign_ins_take_an_invitation_up_once(db: &TestDb) {
    let store = db.open().await;
    let pat = common::user(store.as_ref(), "pat@example.org", Role::Patient).await;
    store
        .invite(
            &invitation(&pat, "c@example.org", GrantRelation::Carer, false),
            &entry(),
        )
        .await
        .unwrap();
    let carer = common::user(store.as_ref(), "c@example.org", Role::Patient).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            let carer = carer.clone();
            tokio::spawn(async move {
                store
                    .accept_invitations(&carer, Timestamp::now(), &entry())
                    .await
                    .expect("accept")
                    .len()
            })
        })
        .collect();
    let mut total = 0;
    for t in tasks {
        total += t.await.unwrap();
    }
    assert_eq!(total, 1);
    assert!(
        store
            .find_grant(&pat.id, &carer.id)
            .await
            .unwrap()
            .is_some()
    );
    store.close().await;
}

async fn a_guardian_is_never_replaced(db: &TestDb) {
    let store = db.open().await;
    let child = common::user(store.as_ref(), "child@example.org", Role::Patient).await;
    let parent = common::user(store.as_ref(), "parent@example.org", Role::Patient).await;
    store
        .grant_access(
            &child.id,
            &parent.id,
            GrantRelation::Guardian,
            true,
            Timestamp::now(),
            &entry(),
        )
        .await
        .unwrap();
    store
        .invite(
            &invitation(&child, "parent@example.org", GrantRelation::Carer, false),
            &entry(),
        )
        .await
        .unwrap();
    store
        .accept_invitations(&parent, Timestamp::now(), &entry())
        .await
        .unwrap();
    let g = store
        .find_grant(&child.id, &parent.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((g.relation, g.can_write), (GrantRelation::Guardian, true));
    store.close().await;
}
