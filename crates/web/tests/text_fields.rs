//! One-line fields hold one line: a tab, carriage return or line feed in a name, an e-mail, a
//! time zone or a label is a 422 naming the field, on pages and the API, on both backends,
//! before anything is stored. Long text (diary notes, reasons, questions, posts, a pasted FHIR
//! bundle), passwords and another system's FHIR document keep them.

mod common;

use axum::http::{Method, StatusCode};
use common::{PW, TestApp, person};
use myo_store::UserId;

async fn one_line_fields_refuse_tab_and_line_breaks(t: &TestApp) {
    let p = person(t, "lines@example.org").await;
    // Pages: the medicine name (a tab before "=" was a CSV formula bypass), the sign-up name.
    for name in ["Pred\tnisone", "\t=1+1", "Pred\nnisone", "Pred\r"] {
        let r = t
            .post_form(
                &format!("/patients/{}/medicines", p.id),
                &[
                    ("csrf", &p.csrf),
                    ("name", name),
                    ("dose_amount", "5"),
                    ("dose_unit", "mg"),
                    ("route", "oral"),
                    ("schedule_kind", "daily"),
                    ("time", "08:00"),
                    ("start", "2026-01-05"),
                ],
                Some(&p.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert!(
            r.body.contains("\u{201c}Name\u{201d}"),
            "{name:?}: {}",
            r.body
        );
    }
    let r = t
        .post_form(
            "/signup",
            &[
                ("email", "tabbed@example.org"),
                ("display_name", "Pat\tSmith"),
                ("password", PW),
                ("password_confirm", PW),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Display name"), "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/profile", p.id),
            &[("csrf", &p.csrf), ("time_zone", "Europe/Berlin\t")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The API: top-level and nested one-line members.
    for (body, field) in [
        (
            r#"{"name":"\t=1+1","dose":{"amount":5,"unit":"mg"},"route":"oral","schedule":{"kind":"daily","time":"08:00"},"start":"2026-01-02"}"#,
            "name",
        ),
        (
            r#"{"name":"Prednisone","dose":{"amount":5,"unit":"mg\t"},"route":"oral","schedule":{"kind":"daily","time":"08:00"},"start":"2026-01-02"}"#,
            "dose.unit",
        ),
        (
            r#"{"name":"Prednisone","dose":{"amount":5,"unit":"mg"},"route":"oral","schedule":{"kind":"daily","time":"08:00\n"},"start":"2026-01-02"}"#,
            "schedule.time",
        ),
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/medicines", p.id),
                body,
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(r.json()["error"]["field"], field, "{}", r.body);
    }
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/shares", p.id),
            r#"{"sections":["labs"],"days":1,"label":"for\tDr Ng"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "label");
    let req = common::json_request(
        Method::PUT,
        &format!("/api/v1/patients/{}/profile", p.id),
        r#"{"time_zone":"Asia/Tokyo\t"}"#,
        Some(&p.bearer),
    );
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "time_zone");
    let data = t
        .store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export");
    assert!(data.medicines.is_empty(), "nothing stored");
    assert!(data.share_links.is_empty());
}

async fn long_text_and_passwords_keep_them(t: &TestApp) {
    let p = person(t, "long@example.org").await;
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[
                ("csrf", &p.csrf),
                ("date", "2026-01-01"),
                ("weakness", "3"),
                ("note", "morning:\tstiff\r\nevening: better"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/diary", p.id),
            r#"{"date":"2026-01-02","ratings":{"weakness":3},"note":"a\tb\nc"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/summary", p.id),
            &[
                ("csrf", &p.csrf),
                ("from", "2026-01-01"),
                ("to", "2026-01-31"),
                ("sections", "symptoms"),
                ("questions", "Is this normal?\nShould I\tworry?"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_ne!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // A password with a pasted tab is the password's business, not the boundary's.
    let pw = "correct\thorse battery";
    t.signup("tab-password@example.org", pw).await;
    let r = t.signin("tab-password@example.org", pw).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A FHIR document's narrative keeps its line breaks (the import reads it, nothing refused
    // at the boundary); a NUL in it is still refused.
    let bundle = r#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">line one\n\tline two</div>"}}}]}"#;
    let r = t
        .post_json("/api/v1/fhir/import", bundle, Some(&p.bearer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .post_json(
            "/api/v1/fhir/import",
            &bundle.replace("line two", "line\\u0000two"),
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "entry[0].resource.text.div");
}

/// A `multipart/form-data` POST (as a browser sends a form with a file input) to `path`.
fn multipart(
    path: &str,
    parts: &[(&str, Option<&str>, &str)],
) -> axum::http::Request<axum::body::Body> {
    let boundary = "----myo-text-fields";
    let mut body = String::new();
    for (name, file, data) in parts {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        ));
        if let Some(f) = file {
            body.push_str(&format!(
                "; filename=\"{f}\"\r\nContent-Type: application/json"
            ));
        }
        body.push_str(&format!("\r\n\r\n{data}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    axum::http::Request::post(path)
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// Multipart forms follow the same rule: a one-line part refuses a tab, an uploaded file keeps
/// its line breaks.
async fn multipart_parts_follow_the_same_rule(t: &TestApp) {
    let r = t
        .send(multipart(
            "/signin",
            &[("email", None, "a\t@example.org"), ("password", None, "x")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("\u{201c}Email\u{201d}"), "{}", r.body);
    let r = t
        .send(multipart(
            "/signin",
            &[
                ("email", None, "a@example.org"),
                ("file", Some("notes.json"), "{\n\t\"a\": 1\n}"),
            ],
        ))
        .await;
    assert!(!r.body.contains("hidden control character"), "{}", r.body);
}

on_both_apps!(
    multipart_parts_follow_the_same_rule,
    one_line_fields_refuse_tab_and_line_breaks,
    long_text_and_passwords_keep_them,
);
