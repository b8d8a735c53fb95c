//! A carer invited by e-mail, end to end over real SMTP (aiosmtpd, see `mail_sink`), on both
//! backends: the patient grants read-and-write access to an address with no account; the
//! message arrives at that address, names the patient and the access, and links to the site's
//! sign-in page at its public URL; the carer creates an account with that address from the
//! link and sees "Records of <patient>"; an invitation to an address that has an account gets
//! the same message. Skipped without `MYO_TEST_PYTHON` (scripts/mail-check sets it).

mod common;
mod mail_sink;

use axum::http::StatusCode;
use common::{PW, TestApp, grant, person};
use mail_sink::{PUBLIC, Sink};
use myo_store::{AuditEntry, Outcome, Timestamp, UserChanges, UserId};

on_both_apps_with_sink!(a_carer_invited_by_email);

/// The body of the message with CRLF line ends made LF and soft breaks joined.
fn text(raw: &str) -> String {
    mail_sink::body_text(raw).replace("\r\n", "\n")
}

async fn a_carer_invited_by_email(t: &TestApp, sink: &Sink) {
    let pat = person(t, "pat.invites@example.org").await;
    let changes = UserChanges {
        display_name: Some("Pat Romero".to_owned()),
        ..UserChanges::default()
    };
    let audit = AuditEntry::new(
        Timestamp::now(),
        "update",
        "user",
        Some(&pat.id),
        Outcome::Success,
    );
    t.store()
        .update_user(&UserId(pat.id.clone()), &changes, &audit)
        .await
        .expect("rename");

    grant(t, &pat, "New.Carer@Example.org", "carer", "write").await;
    let got = sink.wait_for(1).await;
    assert_eq!(got.len(), 1, "one message per invitation");
    let m = &got[0];
    assert!(
        mail_sink::header(m, "To")
            .to_ascii_lowercase()
            .contains("new.carer@example.org"),
        "{m}"
    );
    assert_eq!(
        mail_sink::header(m, "Subject"),
        "Someone shared their Myo records with you"
    );
    let body = text(m);
    assert!(
        body.contains("Pat Romero has given you access to read and change their records"),
        "{body}"
    );
    assert!(body.contains(&format!("{PUBLIC}/signin")), "{body}");
    assert!(!body.contains("myo.invalid"), "{body}");

    // The carer follows the link: an account with that address takes up the invitation.
    let carer = t.signup("new.carer@example.org", PW).await;
    let care = t.get("/care", Some(&carer)).await;
    assert_eq!(care.status, StatusCode::OK, "{}", care.body);
    assert!(
        care.body.contains(&format!("id=\"person-{}\"", pat.id)),
        "{}",
        care.body
    );
    assert!(care.body.contains("Records of Pat Romero"), "{}", care.body);
    let dash = t.get(&format!("/patients/{}", pat.id), Some(&carer)).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);

    // An address with an account gets the same message (nothing tells accounts apart).
    person(t, "known.carer@example.org").await;
    grant(t, &pat, "known.carer@example.org", "carer", "read").await;
    let got = sink.wait_for(2).await;
    let second = got
        .iter()
        .find(|m| mail_sink::header(m, "To").contains("known.carer@example.org"))
        .expect("message to the known address");
    assert_eq!(
        mail_sink::header(second, "Subject"),
        "Someone shared their Myo records with you"
    );
    assert!(
        text(second).contains("access to read their records"),
        "{second}"
    );
}
