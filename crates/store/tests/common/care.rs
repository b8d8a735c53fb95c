//! Rows for the care-circle tables (reset links and their request counts, invitations, …), so
//! the copy round trip covers them.

use std::sync::Arc;

use myo_store::recovery::{ResetPolicy, ResetRequest};
use myo_store::{AuditEntry, GrantRelation, NewInvitation, Outcome, Store, Timestamp, UserId};

/// Fills every care-circle table for `patient` (`other` is a second account).
pub async fn fill(store: &Arc<dyn Store>, patient: &UserId, other: &UserId, email: &str) {
    let now = Timestamp::now();
    let entry = AuditEntry::new(now, "create", "password_reset", None, Outcome::Success);
    let request = ResetRequest {
        email,
        address: "2001:db8::7",
        token_hash: "5e7a9f0000000000000000000000000000000000000000000000000000000000",
        now,
    };
    store
        .request_password_reset(&request, &ResetPolicy::default(), &entry)
        .await
        .expect("reset link");
    let used = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    store
        .issue_password_reset(patient, used, now, now.add_millis(60_000), &entry)
        .await
        .expect("admin link");
    store
        .redeem_password_reset(used, "$argon2id$placeholder", now, &entry)
        .await
        .expect("redeem");
    // One invitation taken up by `other`, one still waiting.
    let other_user = store.get_user(other).await.unwrap().expect("other account");
    for (to, relation, can_write) in [
        (other_user.email.as_str(), GrantRelation::Carer, true),
        ("nobody-yet@example.org", GrantRelation::Clinician, false),
    ] {
        let invitation = NewInvitation {
            patient_id: patient.clone(),
            email: to.to_owned(),
            relation,
            can_write,
            created_at: now,
        };
        store.invite(&invitation, &entry).await.expect("invite");
    }
    let taken = store
        .accept_invitations(&other_user, now, &entry)
        .await
        .expect("accept");
    assert_eq!(taken.len(), 1);
    // A child's profile managed by `patient`, with a hand-over link waiting.
    let child = UserId::random();
    let new_child = myo_store::NewUser {
        id: child.clone(),
        email: format!(
            "child-{}@{}",
            child.as_str(),
            myo_store::children::CHILD_EMAIL_DOMAIN
        ),
        password_hash: "$argon2id$unusable".into(),
        role: myo_store::Role::Patient,
        display_name: "Robin".into(),
        created_at: now,
    };
    let profile = myo_store::PatientProfile {
        time_zone: "Europe/Paris".into(),
        birth_date: Some("2016-04-02".into()),
        sex: None,
        updated_at: now,
    };
    store
        .create_child_profile(&new_child, &profile, patient, &entry)
        .await
        .expect("child profile");
    let handover = myo_store::children::NewHandover {
        child_id: child,
        email: "robin@example.org".into(),
        token_hash: "a1".repeat(32),
        created_at: now,
        expires_at: now.add_millis(86_400_000),
    };
    store
        .start_handover(&handover, &entry)
        .await
        .expect("handover");
    store
        .set_calendar_feed(patient, &"c0".repeat(32), now, &entry)
        .await
        .expect("calendar feed");
    // Reminders: an opt-in, one sent and one waiting.
    store
        .set_reminder(patient, "monitoring_due", true, now, &entry)
        .await
        .expect("opt in");
    for key in ["sent", "waiting"] {
        let r = myo_store::reminders::Reminder {
            id: myo_store::RecordId::random(),
            patient_id: patient.clone(),
            kind: "monitoring_due".into(),
            due_key: key.into(),
            subject: "Myo: a test is due".into(),
            body: "A test is due.\r\nOpen your tracker.".into(),
            created_at: now,
            sent_at: None,
        };
        store.plan_reminder(&r).await.expect("plan");
    }
    let claimed = store
        .claim_reminders("copy-test", now, now, 1)
        .await
        .expect("claim");
    store
        .finish_reminder(&claimed[0].id, "copy-test", true, now, &entry)
        .await
        .expect("sent");
}
