//! FHIR import's other doors, on both backends: `POST /api/v1/patients/{id}/import/fhir`
//! authorised exactly like other writes (the patient, a carer allowed to write; a read-only
//! carer gets 403 and a stranger the same 404 as a missing patient), audited with the actor
//! and the patient; the import routes' own, larger body limit (a file over it is a 413 that
//! says so, while every other route keeps the small limit); and the page's file upload
//! (`multipart/form-data`, CSRF checked in the multipart body).

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Person, TestApp, fhir_bundle, person, record_count};
use serde_json::{Value, json};

on_both_apps!(
    the_patient_route_is_authorised_like_other_writes,
    an_upload_over_the_import_limit_is_a_clear_413,
    a_control_character_in_an_uploaded_text_field_is_refused_naming_it,
    a_multipart_body_without_its_csrf_token_is_refused,
    a_malformed_multipart_body_is_a_clear_error_not_a_500,
    a_file_part_over_the_limit_gets_the_import_413,
);

const UCUM: &str = "http://unitsofmeasure.org";
const IMPORT_LIMIT: usize = myo_web::boundary::IMPORT_BODY_LIMIT;

fn ck(id: &str, date: &str, value: u32) -> Value {
    json!({"resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2157-6"}]},
        "effectiveDateTime": date,
        "valueQuantity": {"value": value, "unit": "U/L", "system": UCUM, "code": "U/L"}})
}

/// A Bundle of `n` (at most 1008) CK results on different days of 2023 to 2025, about 300
/// bytes each.
fn many_labs(n: u32) -> String {
    fhir_bundle(
        (0..n)
            .map(|i| {
                let (year, month, day) = (2023 + i / 336, 1 + (i % 336) / 28, 1 + i % 28);
                let date = format!("{year}-{month:02}-{day:02}");
                ck(&format!("ck-{i}"), &date, 100 + i % 400)
            })
            .collect(),
    )
}

async fn grant(t: &TestApp, p: &Person, email: &str, access: &str) {
    let r = t
        .post_form(
            &format!("/patients/{}/grants", p.id),
            &[
                ("csrf", &p.csrf),
                ("email", email),
                ("relation", "carer"),
                ("access", access),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn import_for(t: &TestApp, who: &Person, patient: &str, body: &str) -> (StatusCode, Value) {
    let r = t
        .post_json(
            &format!("/api/v1/patients/{patient}/import/fhir?confirm=true"),
            body,
            Some(&who.bearer),
        )
        .await;
    let v = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    (r.status, v)
}

async fn the_patient_route_is_authorised_like_other_writes(t: &TestApp) {
    let pat = person(t, "pat@example.org").await;
    let writer = person(t, "writer@example.org").await;
    let reader = person(t, "reader@example.org").await;
    let stranger = person(t, "stranger@example.org").await;
    grant(t, &pat, "writer@example.org", "write").await;
    grant(t, &pat, "reader@example.org", "read").await;

    // The patient: a preview first (nothing saved), then saved.
    let one = fhir_bundle(vec![ck("a", "2026-11-01", 850)]);
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/import/fhir", pat.id),
            &one,
            Some(&pat.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(record_count(t, &pat, "labs").await, 0);
    let (status, v) = import_for(t, &pat, &pat.id, &one).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(record_count(t, &pat, "labs").await, 1);

    // A carer allowed to write (the grant is taken up on their first visit).
    let (status, v) = import_for(
        t,
        &writer,
        &pat.id,
        &fhir_bundle(vec![ck("b", "2026-11-02", 700)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(record_count(t, &pat, "labs").await, 2);
    assert_eq!(
        record_count(t, &writer, "labs").await,
        0,
        "saved into the patient's records"
    );

    // A read-only carer: 403; a stranger: the same 404 as a missing patient.
    let two = fhir_bundle(vec![ck("c", "2026-11-03", 600)]);
    let (status, v) = import_for(t, &reader, &pat.id, &two).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    let (status, stranger_v) = import_for(t, &stranger, &pat.id, &two).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{stranger_v}");
    let (_, missing_v) = import_for(t, &stranger, "no-such-patient", &two).await;
    assert_eq!(stranger_v, missing_v);
    // No token: 401.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/import/fhir", pat.id),
            &two,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(record_count(t, &pat, "labs").await, 2);

    // Audited: the carer's saved record names the carer, the patient and `via carer`.
    let log = t.audit(500).await;
    let carer_create = log
        .iter()
        .find(|e| {
            e.entry.action == "create" && e.entry.actor_id.as_deref() == Some(writer.id.as_str())
        })
        .expect("the carer's import is audited");
    assert_eq!(
        carer_create.entry.patient_id.as_deref(),
        Some(pat.id.as_str())
    );
    let details = carer_create.entry.details.as_deref().unwrap();
    assert!(
        details.contains("\"via\":\"carer\"") && details.contains("fhir_import"),
        "{details}"
    );
    assert!(log.iter().any(|e| e.entry.action == "import_preview"
        && e.entry.patient_id.as_deref() == Some(pat.id.as_str())));
    assert!(
        log.iter()
            .any(|e| e.entry.outcome == myo_store::Outcome::Denied
                && e.entry.actor_id.as_deref() == Some(reader.id.as_str()))
    );
}

fn with_length(mut req: Request<Body>, len: usize) -> Request<Body> {
    req.headers_mut()
        .insert(header::CONTENT_LENGTH, len.to_string().parse().unwrap());
    req
}

async fn an_upload_over_the_import_limit_is_a_clear_413(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    // About 300 KiB: over the 64 KiB every other route takes, well under the import's limit.
    let big = many_labs(1000);
    assert!(
        big.len() > 200 * 1024 && big.len() < IMPORT_LIMIT,
        "{}",
        big.len()
    );
    let (status, v) = import_for(t, &p, &p.id, &big).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["saved"], 1000);
    let r = t
        .post_json("/api/v1/fhir/import", &big, Some(&p.bearer))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["duplicates"].as_array().map(Vec::len), Some(1000));
    // The same size on another route is still refused.
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/labs", p.id),
            &big,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("64 KiB"),
        "{}",
        r.body
    );

    // Over the import limit, with and without a declared length, on both API routes.
    let huge = format!("{}{}", big, " ".repeat(IMPORT_LIMIT + 1 - big.len()));
    for path in [
        format!("/api/v1/patients/{}/import/fhir", p.id),
        "/api/v1/fhir/import".to_owned(),
    ] {
        for declared in [true, false] {
            let mut req = common::json_request(Method::POST, &path, &huge, Some(&p.bearer));
            if declared {
                req = with_length(req, huge.len());
            }
            let r = t.send(req).await;
            assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{path} {declared}");
            let e = &r.json()["error"];
            assert_eq!(e["code"], "payload_too_large");
            let m = e["message"].as_str().unwrap();
            assert!(
                m.contains("too large to import") && m.contains("4 MiB") && m.contains("split"),
                "{m}"
            );
        }
    }
    // The page: a file over the limit gets an error page saying so.
    let csrf = t.csrf(&p.cookie).await;
    let req = upload(
        &p.cookie,
        &[("csrf", None, &csrf), ("file", Some("big.json"), &huge)],
    );
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("too large to import"), "{}", r.body);
    assert_eq!(record_count(t, &p, "labs").await, 1000);
}

const BOUNDARY: &str = "----myo-test-7f3a";

/// A `multipart/form-data` POST to the import page, as a browser sends a file input.
fn upload(cookie: &str, parts: &[(&str, Option<&str>, &str)]) -> Request<Body> {
    let mut body = String::new();
    for (name, file, data) in parts {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\""
        ));
        if let Some(f) = file {
            body.push_str(&format!(
                "; filename=\"{f}\"\r\nContent-Type: application/fhir+json"
            ));
        }
        body.push_str(&format!("\r\n\r\n{data}\r\n"));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    Request::post("/import/fhir")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_page_takes_a_file_upload_with_its_csrf_token() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "pat@example.org").await;
    let page = t.get("/import/fhir", Some(&p.cookie)).await;
    assert!(
        page.body.contains("type=\"file\"") && page.body.contains("multipart/form-data"),
        "{}",
        page.body
    );
    let csrf = page.csrf();
    let file = fhir_bundle(vec![ck("a", "2026-11-01", 850), ck("feb", "2026-02-30", 1)]);
    // Preview from the file (the empty textarea is ignored).
    let r = t
        .send(upload(
            &p.cookie,
            &[
                ("csrf", None, &csrf),
                ("file", Some("portal.json"), &file),
                ("bundle", None, ""),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("These 1 record(s) will be added"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<strong>Date</strong>"), "{}", r.body);
    assert_eq!(record_count(&t, &p, "labs").await, 0);
    // Confirm (the preview's confirm form is multipart too).
    let r = t
        .send(upload(
            &p.cookie,
            &[
                ("csrf", None, &csrf),
                ("confirm", None, "yes"),
                ("bundle", None, &file),
            ],
        ))
        .await;
    assert!(r.body.contains("id=\"import-saved\""), "{}", r.body);
    assert_eq!(record_count(&t, &p, "labs").await, 1);
    // Without the CSRF token, or with a wrong one: refused, nothing saved.
    let other = fhir_bundle(vec![ck("b", "2026-11-02", 700)]);
    for parts in [
        vec![("file", Some("x.json"), other.as_str())],
        vec![
            ("csrf", None, "wrong"),
            ("file", Some("x.json"), other.as_str()),
        ],
    ] {
        let r = t.send(upload(&p.cookie, &parts)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    // No file and no text: the page says which field.
    let r = t
        .send(upload(
            &p.cookie,
            &[("csrf", None, &csrf), ("file", Some(""), "")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Choose the FHIR file"), "{}", r.body);
    // A NUL byte in the file is refused at the boundary, naming the field.
    let r = t
        .send(upload(
            &p.cookie,
            &[("csrf", None, &csrf), ("file", Some("x.json"), "{\u{0}}")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\u{201c}File\u{201d}"), "{}", r.body);
    assert_eq!(record_count(&t, &p, "labs").await, 1);
    t.cleanup().await;
}

/// A POST to the import page with this `Content-Type` and raw body.
fn raw_upload(cookie: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    Request::post("/import/fhir")
        .header(header::CONTENT_TYPE, content_type)
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// A form's parts: name, file name (for a file input) and contents.
type Parts<'a> = Vec<(&'a str, Option<&'a str>, &'a str)>;

/// The field named in a 422 page, as the page quotes it.
/// The error page names a field by its label: the field's name with a capital letter for the
/// form parts used here (`bundle` → “Bundle”).
fn names_field(body: &str, field: &str) -> bool {
    let mut c = field.chars();
    let label = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default();
    body.contains(&format!("\u{201c}{label}\u{201d}"))
}

async fn a_control_character_in_an_uploaded_text_field_is_refused_naming_it(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    let good = fhir_bundle(vec![ck("a", "2026-11-01", 850)]);
    let nul_bundle = format!("{good}\u{0}");
    let cases: Vec<(Parts, &str)> = vec![
        // NUL in the pasted text.
        (
            vec![("csrf", None, &p.csrf), ("bundle", None, &nul_bundle)],
            "bundle",
        ),
        // Another control character (ESC, DEL) in another text field.
        (
            vec![
                ("csrf", None, &p.csrf),
                ("confirm", None, "ye\u{1b}s"),
                ("bundle", None, &good),
            ],
            "confirm",
        ),
        (
            vec![
                ("csrf", None, &p.csrf),
                ("confirm", None, "yes\u{7f}"),
                ("bundle", None, &good),
            ],
            "confirm",
        ),
        // Hidden in a second part of the same name (the handler reads the first).
        (
            vec![
                ("csrf", None, &p.csrf),
                ("confirm", None, "yes"),
                ("bundle", None, &good),
                ("bundle", None, &nul_bundle),
            ],
            "bundle",
        ),
        // In a part the handler never reads, and before the CSRF token.
        (
            vec![
                ("note", None, "\u{0}"),
                ("csrf", None, &p.csrf),
                ("bundle", None, &good),
            ],
            "note",
        ),
        // In the uploaded file.
        (
            vec![
                ("csrf", None, &p.csrf),
                ("file", Some("x.json"), &nul_bundle),
            ],
            "file",
        ),
    ];
    for (parts, field) in cases {
        let r = t.send(upload(&p.cookie, &parts)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert!(names_field(&r.body, field), "{field}: {}", r.body);
    }
    // A clean form still goes through, and nothing above was saved.
    let r = t
        .send(upload(
            &p.cookie,
            &[
                ("csrf", None, &p.csrf),
                ("confirm", None, "yes"),
                ("bundle", None, &good),
            ],
        ))
        .await;
    assert!(r.body.contains("id=\"import-saved\""), "{}", r.body);
    assert_eq!(record_count(t, &p, "labs").await, 1);
}

async fn a_multipart_body_without_its_csrf_token_is_refused(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    let good = fhir_bundle(vec![ck("a", "2026-11-01", 850)]);
    let token_field = format!("csrf={}", p.csrf);
    let missing: Vec<Parts> = vec![
        // No token at all.
        vec![("confirm", None, "yes"), ("bundle", None, &good)],
        // The token as a file's name, or in a part with another name.
        vec![("file", Some(&p.csrf), &good), ("confirm", None, "yes")],
        vec![
            ("csrf_token", None, &p.csrf),
            ("confirm", None, "yes"),
            ("bundle", None, &good),
        ],
        // URL-encoded inside a part: a multipart body is not read as a URL-encoded one.
        vec![
            ("x", None, &token_field),
            ("confirm", None, "yes"),
            ("bundle", None, &good),
        ],
    ];
    for parts in missing {
        let r = t.send(upload(&p.cookie, &parts)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{parts:?}: {}", r.body);
        assert!(r.body.contains("security token is missing"), "{}", r.body);
    }
    // Empty, or wrong: refused as wrong.
    for token in ["", "wrong"] {
        let r = t
            .send(upload(
                &p.cookie,
                &[
                    ("csrf", None, token),
                    ("confirm", None, "yes"),
                    ("bundle", None, &good),
                ],
            ))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{token:?}: {}", r.body);
        assert!(r.body.contains("security token is wrong"), "{}", r.body);
    }
    // The token only in the preamble (before the first delimiter) does not count.
    let body = format!(
        "csrf={}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"confirm\"\r\n\r\n\
         yes\r\n--{BOUNDARY}--\r\n",
        p.csrf
    );
    let r = t
        .send(raw_upload(&p.cookie, &multipart_type(), body.into_bytes()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // The token in the query string does not count either.
    let mut req = upload(
        &p.cookie,
        &[("confirm", None, "yes"), ("bundle", None, &good)],
    );
    *req.uri_mut() = format!("/import/fhir?csrf={}", p.csrf).parse().unwrap();
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(record_count(t, &p, "labs").await, 0);
}

async fn a_malformed_multipart_body_is_a_clear_error_not_a_500(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    let csrf = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}",
        p.csrf
    );
    let bundle_part = format!(
        "\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"bundle\"\r\n\r\n{}",
        fhir_bundle(vec![ck("a", "2026-11-01", 850)])
    );
    let malformed = [
        // Truncated: no closing delimiter, cut inside a part, cut inside the headers.
        format!("{csrf}{bundle_part}"),
        format!("{csrf}{bundle_part}\r\n--{BOUNDARY}"),
        format!("{csrf}\r\n--{BOUNDARY}\r\nContent-Disposition: form-da"),
        // A delimiter that is not the declared boundary.
        format!("{csrf}{bundle_part}\r\n--{BOUNDARY}--\r\n").replace(BOUNDARY, "----other"),
        // No blank line after a part's headers; a part without a name; not form-data.
        format!(
            "{csrf}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"bundle\"\r\n{{}}\r\n--{BOUNDARY}--\r\n"
        ),
        format!(
            "{csrf}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{BOUNDARY}--\r\n"
        ),
        format!(
            "{csrf}\r\n--{BOUNDARY}\r\nContent-Disposition: attachment; name=\"bundle\"\r\n\r\nx\r\n--{BOUNDARY}--\r\n"
        ),
        // Junk after the first delimiter; an empty body.
        format!("--{BOUNDARY} junk"),
        String::new(),
    ];
    for body in malformed {
        let r = t
            .send(raw_upload(
                &p.cookie,
                &multipart_type(),
                body.clone().into_bytes(),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body:?}: {}",
            r.body
        );
        assert!(names_field(&r.body, "form"), "{body:?}: {}", r.body);
    }
    // A `multipart/form-data` type without a usable boundary (none, empty, over 70
    // characters): the body cannot be read as a form, and the page says so.
    let good = format!("{csrf}{bundle_part}\r\n--{BOUNDARY}--\r\n");
    for content_type in [
        "multipart/form-data".to_owned(),
        "multipart/form-data; boundary=".to_owned(),
        format!("multipart/form-data; boundary={}", "b".repeat(71)),
    ] {
        let r = t
            .send(raw_upload(
                &p.cookie,
                &content_type,
                good.clone().into_bytes(),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{content_type}: {}",
            r.body
        );
        assert!(names_field(&r.body, "form"), "{content_type}: {}", r.body);
    }
    // Well-formed, the same body previews.
    let r = t
        .send(raw_upload(&p.cookie, &multipart_type(), good.into_bytes()))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(record_count(t, &p, "labs").await, 0);
}

async fn a_file_part_over_the_limit_gets_the_import_413(t: &TestApp) {
    let p = person(t, "pat@example.org").await;
    let huge = " ".repeat(IMPORT_LIMIT + 1);
    // With or without the token, before or after the file, with or without a declared length:
    // the limit is checked first, and the answer says what to do.
    let cases: Vec<Parts> = vec![
        vec![("file", Some("big.json"), &huge), ("csrf", None, &p.csrf)],
        vec![("file", Some("big.json"), &huge)],
        vec![("csrf", None, &p.csrf), ("bundle", None, &huge)],
    ];
    for parts in cases {
        for declared in [false, true] {
            let mut req = upload(&p.cookie, &parts);
            if declared {
                let len =
                    usize::try_from(axum::body::HttpBody::size_hint(req.body()).exact().unwrap())
                        .unwrap();
                req = with_length(req, len);
            }
            let r = t.send(req).await;
            assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{declared}");
            assert!(
                r.body.contains("too large to import") && r.body.contains("4 MiB"),
                "{}",
                r.body
            );
        }
    }
    // Just under the limit the same upload is read (and refused only for what it is).
    let under = " ".repeat(IMPORT_LIMIT - 1024);
    let r = t
        .send(upload(
            &p.cookie,
            &[("csrf", None, &p.csrf), ("file", Some("big.json"), &under)],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Choose the FHIR file"), "{}", r.body);
    assert_eq!(record_count(t, &p, "labs").await, 0);
}
