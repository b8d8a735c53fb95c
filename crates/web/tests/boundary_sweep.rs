//! NUL at the boundary, swept over every field rather than a chosen few: every form that a
//! signed-in patient or an admin can reach by following links, every field of each, and every
//! JSON body member and path parameter the OpenAPI document describes. Each is sent holding a
//! NUL (PostgreSQL cannot store one and answered 500; SQLite stored it and `myo db copy` then
//! failed) and must come back 422 naming that field, on both backends. A route added later that
//! skipped the boundary check, or a field it forgot, fails here without anyone listing it.

mod common;

use std::collections::{BTreeSet, VecDeque};

use axum::http::{Method, StatusCode};
use common::{PW, Person, TestApp, enc, json_request, person};
use myo_store::Role;
use myo_web::tracker::safety::field_label;
use serde_json::{Value, json};

const NUL: &str = "a\u{0}b";

on_both_apps!(
    every_page_form_field_refuses_nul,
    every_api_field_refuses_nul
);

/// One `<form>` found on a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Form {
    method: String,
    action: String,
    fields: BTreeSet<String>,
}

/// The value of attribute `name` in the tag text `tag` (`<input name="x" ...`), unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let value = tag[start..].split('"').next()?;
    Some(value.replace("&amp;", "&").replace("&#x2F;", "/"))
}

/// The forms of `html` (served at `page`): method, action and the names of their fields.
fn forms(html: &str, page: &str) -> Vec<Form> {
    let mut out = Vec::new();
    for chunk in html.split("<form").skip(1) {
        let Some(end) = chunk.find('>') else { continue };
        let (open, rest) = chunk.split_at(end);
        let body = rest.split("</form>").next().unwrap_or(rest);
        let method = attr(open, "method").unwrap_or_else(|| "get".into());
        let action = attr(open, "action")
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| page.to_owned());
        let action = action.split('#').next().unwrap_or("").to_owned();
        let mut fields = BTreeSet::new();
        for tag in ["<input", "<textarea", "<select", "<button"] {
            for part in body.split(tag).skip(1) {
                let open = part.split('>').next().unwrap_or("");
                if let Some(name) = attr(open, "name")
                    && name != "csrf"
                {
                    fields.insert(name);
                }
            }
        }
        out.push(Form {
            method: method.to_ascii_lowercase(),
            action,
            fields,
        });
    }
    out
}

/// Same-site links of `html` worth following (pages, not files or sign-out).
fn links(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .map(|h| h.split('#').next().unwrap_or("").to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .filter(|h| {
            ![
                "/static/",
                "/signout",
                "/export/",
                "/share/",
                "/api/",
                "/calendar/",
            ]
            .iter()
            .any(|p| h.contains(p))
                && !h.ends_with(".pdf")
                && !h.ends_with(".json")
                && !h.ends_with(".ics")
        })
        .collect()
}

/// Follows links from `start` as the holder of `cookie` (at most `max` pages) and returns every
/// form found.
async fn crawl(t: &TestApp, cookie: &str, start: &[String], max: usize) -> BTreeSet<Form> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    let mut found = BTreeSet::new();
    while let Some(page) = queue.pop_front() {
        // Pages that differ only in their query (a search, a month, a page number) have the
        // same forms: visit each path once.
        let path = page.split('?').next().unwrap_or(&page).to_owned();
        if seen.len() >= max || !seen.insert(path) {
            continue;
        }
        let r = t.get(&page, Some(cookie)).await;
        if r.status != StatusCode::OK || !r.header("content-type").starts_with("text/html") {
            continue;
        }
        found.extend(forms(&r.body, &page));
        queue.extend(links(&r.body));
    }
    found
}

/// Sends `form` with `field` holding a NUL (and the session's CSRF token): the answer must be
/// the boundary's 422 naming the field. Returns a description of what went wrong, if anything.
async fn nul_in(t: &TestApp, cookie: &str, csrf: &str, form: &Form, field: &str) -> Option<String> {
    let r = if form.method == "post" {
        t.post_form(&form.action, &[("csrf", csrf), (field, NUL)], Some(cookie))
            .await
    } else {
        let sep = if form.action.contains('?') { '&' } else { '?' };
        let url = format!("{}{sep}{}={}", form.action, enc(field), enc(NUL));
        t.get(&url, Some(cookie)).await
    };
    let label = format!("\u{201c}{}\u{201d}", field_label(field));
    let ok = r.status == StatusCode::UNPROCESSABLE_ENTITY
        && r.body.contains("hidden control character")
        && r.body.contains(&label);
    (!ok).then(|| format!("{} {} [{field}]: {}", form.method, form.action, r.status))
}

/// Every field of every form a patient and an admin can reach answers 422 for a NUL, naming
/// the field; the database is never asked.
async fn every_page_form_field_refuses_nul(t: &TestApp) {
    let p = person(t, "sweep@example.org").await;
    t.add_user("admin@example.org", PW, Role::Admin).await;
    let admin = t.signin("admin@example.org", PW).await.cookie();
    let admin_csrf = t.csrf(&admin).await;
    // Records to edit and delete, so their forms are reached too.
    seed(t, &p).await;
    let starts = |extra: &[&str]| {
        let mut s: Vec<String> = [
            "/",
            "/account",
            "/tracker",
            "/kb",
            "/ask",
            "/calc",
            "/community",
        ]
        .iter()
        .map(|x| (*x).to_owned())
        .collect();
        s.extend(extra.iter().map(|x| (*x).to_owned()));
        s
    };
    let patient_pages = starts(&[&format!("/patients/{}", p.id)]);
    let mut failures = Vec::new();
    let mut fields = 0;
    for (cookie, csrf, start) in [
        (&p.cookie, &p.csrf, patient_pages),
        (
            &admin,
            &admin_csrf,
            starts(&["/admin", "/admin/users", "/admin/audit"]),
        ),
    ] {
        let found = crawl(t, cookie, &start, 250).await;
        for form in &found {
            for field in &form.fields {
                fields += 1;
                if let Some(f) = nul_in(t, cookie, csrf, form, field).await {
                    failures.push(f);
                }
            }
        }
    }
    // Sign-in and sign-up, signed out.
    for (action, field) in [
        ("/signin", "email"),
        ("/signup", "email"),
        ("/forgot", "email"),
    ] {
        let r = t
            .post_form(action, &[(field, NUL), ("password", PW)], None)
            .await;
        fields += 1;
        if r.status != StatusCode::UNPROCESSABLE_ENTITY {
            failures.push(format!("post {action} [{field}]: {}", r.status));
        }
    }
    eprintln!("{fields} form fields swept");
    assert!(fields > 150, "the crawl reached only {fields} form fields");
    assert!(
        failures.is_empty(),
        "{} of {fields} fields:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A diary day, a lab, a medicine and a share, so that edit, delete and revoke forms appear.
async fn seed(t: &TestApp, p: &Person) {
    let today = myo_web::today().to_string();
    for (kind, body) in [
        (
            "diary",
            format!(r#"{{"date":"{today}","ratings":{{"weakness":3}},"note":"n"}}"#),
        ),
        (
            "labs",
            format!(r#"{{"analyte":"ck","value":300,"unit":"U/L","uln":200,"date":"{today}"}}"#),
        ),
        (
            "medicines",
            format!(
                r#"{{"name":"Prednisone","dose":{{"amount":5,"unit":"mg"}},"route":"oral","schedule":{{"kind":"daily","time":"08:00"}},"start":"{today}"}}"#
            ),
        ),
        ("shares", r#"{"sections":["symptoms"],"days":7}"#.to_owned()),
    ] {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/{kind}", p.id),
                &body,
                Some(&p.bearer),
            )
            .await;
        assert!(r.status.is_success(), "{kind}: {} {}", r.status, r.body);
    }
}

/// `{"a": {"b": NUL}}` for the path `a.b`.
fn nested(path: &str) -> Value {
    path.rsplit('.')
        .fold(json!(NUL), |inner, key| json!({ key: inner }))
}

/// The dotted paths of every property of `schema` (resolving `$ref`s into `doc`), nested
/// objects included; `[""]`-free. A schema with no properties gives `fallback`.
fn property_paths(doc: &Value, schema: &Value, prefix: &str, out: &mut Vec<String>) {
    let schema = match schema["$ref"].as_str() {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or(&Value::Null),
        None => schema,
    };
    let Some(props) = schema["properties"].as_object() else {
        return;
    };
    for (name, sub) in props {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let before = out.len();
        property_paths(doc, sub, &path, out);
        if out.len() == before {
            out.push(path);
        }
    }
}

/// Every member of every JSON body in the OpenAPI document, and every path parameter, holding a
/// NUL: 422 with `field` naming it.
async fn every_api_field_refuses_nul(t: &TestApp) {
    let p = person(t, "api-sweep@example.org").await;
    let doc = t
        .api(Method::GET, "/api/v1/openapi.json", None)
        .await
        .json();
    let paths = doc["paths"].as_object().expect("paths");
    let mut failures = Vec::new();
    let (mut members, mut params) = (0, 0);
    for (template, ops) in paths {
        for (method, op) in ops.as_object().expect("operations") {
            let Ok(method) = method.to_ascii_uppercase().parse::<Method>() else {
                continue;
            };
            let fill = |nul_in: Option<&str>| {
                let mut url = format!("/api/v1{template}");
                for param in op["parameters"].as_array().into_iter().flatten() {
                    if param["in"] != "path" {
                        continue;
                    }
                    let name = param["name"].as_str().unwrap_or("");
                    let value = if Some(name) == nul_in {
                        "%00".to_owned()
                    } else if name == "id" {
                        p.id.clone()
                    } else {
                        param["schema"]["enum"][0]
                            .as_str()
                            .unwrap_or("haq-di")
                            .to_owned()
                    };
                    url = url.replace(&format!("{{{name}}}"), &value);
                }
                url
            };
            // A NUL in each path parameter.
            for param in op["parameters"].as_array().into_iter().flatten() {
                if param["in"] != "path" {
                    continue;
                }
                params += 1;
                let name = param["name"].as_str().unwrap_or("");
                let r = t
                    .send(json_request(
                        method.clone(),
                        &fill(Some(name)),
                        "{}",
                        Some(&p.bearer),
                    ))
                    .await;
                if r.status != StatusCode::UNPROCESSABLE_ENTITY
                    || r.json()["error"]["field"] != "path"
                {
                    failures.push(format!(
                        "{method} {template} path {{{name}}}: {} {}",
                        r.status, r.body
                    ));
                }
            }
            // A NUL in each body member.
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if schema.is_null() {
                continue;
            }
            let mut fields = Vec::new();
            property_paths(&doc, schema, "", &mut fields);
            if fields.is_empty() {
                fields.push("anything".to_owned());
            }
            for field in fields {
                members += 1;
                let body = nested(&field).to_string();
                let r = t
                    .send(json_request(
                        method.clone(),
                        &fill(None),
                        &body,
                        Some(&p.bearer),
                    ))
                    .await;
                if r.status != StatusCode::UNPROCESSABLE_ENTITY
                    || r.json()["error"]["field"] != field.as_str()
                {
                    failures.push(format!(
                        "{method} {template} body {field}: {} {}",
                        r.status, r.body
                    ));
                }
            }
        }
    }
    eprintln!("{members} body members and {params} path parameters swept");
    assert!(
        members > 40 && params > 20,
        "the document gave only {members} members and {params} path parameters"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
