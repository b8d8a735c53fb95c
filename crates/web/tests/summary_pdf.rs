//! The visit summary PDF through the real route, on both backends, checked with poppler's
//! `pdffonts` (every font embedded) and `pdftotext` (Greek letters, superscripts, "≥" and
//! Spanish accents come back out intact), for a child's profile kept by a parent.

mod common;

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestApp, enc, person};
use http_body_util::BodyExt;
use tower::ServiceExt;

on_both_apps!(pdf_keeps_every_character_and_embeds_its_fonts);

const QUESTION: &str = "¿Mi anti-TIF1-γ positivo cambia el cribado? Superficie 1,2 m², dolor ≥ 7";

/// The PDF bytes of `path`, fetched with `cookie`.
async fn pdf_bytes(t: &TestApp, path: &str, cookie: &str) -> Vec<u8> {
    let req = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request");
    let mut req = req;
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40000,
        ))));
    let res = t.app.clone().oneshot(req).await.expect("infallible");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    res.into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec()
}

/// The cells of each body row of the table with element id `id` in a page, tags removed.
fn table_rows(page: &str, id: &str) -> Vec<Vec<String>> {
    let start = page
        .find(&format!("<table id=\"{id}\""))
        .unwrap_or_else(|| panic!("table {id} missing: {page}"));
    let table = &page[start..];
    let table = &table[..table.find("</table>").expect("table end")];
    let body = table.split("<tbody>").nth(1).expect("tbody");
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<'])
                .filter_map(|part| {
                    let (tag, text) = part.split_once('>')?;
                    (tag.starts_with("td") || tag.starts_with("th"))
                        .then(|| text.trim().replace("&#174;", "®").replace("&amp;", "&"))
                })
                .collect()
        })
        .collect()
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "{tool} could not be run ({e}): install poppler-utils (apt-get install poppler-utils)"
        )
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every font `pdffonts` lists is embedded (its "emb" column says yes); returns how many.
fn assert_fonts_embedded(file: &Path) -> usize {
    let listing = run("pdffonts", &[file.to_str().expect("path")]);
    let mut lines = listing.lines();
    let head = lines.next().expect("pdffonts header");
    let dashes = lines.next().expect("pdffonts rule");
    // Columns are the runs of dashes; "emb" is the one under that heading.
    let mut cols = Vec::new();
    let mut start = None;
    for (i, c) in dashes
        .char_indices()
        .chain(std::iter::once((dashes.len(), ' ')))
    {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                cols.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let emb = cols
        .iter()
        .find(|(s, e)| head.get(*s..*e).is_some_and(|h| h.trim() == "emb"))
        .copied()
        .expect("an emb column");
    let mut fonts = 0;
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let cell = l.get(emb.0..emb.1).unwrap_or("").trim();
        assert_eq!(cell, "yes", "font not embedded: {l}\n{listing}");
        fonts += 1;
    }
    fonts
}

async fn pdf_keeps_every_character_and_embeds_its_fonts(t: &TestApp) {
    let parent = person(t, "eltern@example.org").await;
    let today = myo_web::tracker::today().expect("today");
    let born = today.add_days(-(9 * 365)).to_string();
    let r = t
        .post_form(
            "/care/children",
            &[
                ("csrf", &parent.csrf),
                ("name", "Zoë Ibáñez"),
                ("birth_date", &born),
                ("time_zone", "Europe/Madrid"),
            ],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let child = r.header("location").to_owned();
    let day = |n: i32| today.add_days(-n).to_string();
    for (n, weakness, note) in [
        (
            20,
            "6",
            "Debilidad al subir escaleras; anti-TIF1-γ positivo.",
        ),
        (19, "5", "Erupción en los párpados (heliotropo)."),
        (10, "3", "Mejor: camina 200 m sin parar."),
    ] {
        let r = t
            .post_form(
                &format!("{child}/diary"),
                &[
                    ("csrf", &parent.csrf),
                    ("date", &day(n)),
                    ("weakness", weakness),
                    ("fatigue", "4"),
                    ("note", note),
                ],
                Some(&parent.cookie),
            )
            .await;
        assert!(
            r.status == StatusCode::SEE_OTHER || r.status == StatusCode::OK,
            "{}",
            r.body
        );
    }
    // A warning sign raised for a day in the period.
    let r = t
        .post_form(
            &format!("{child}/diary"),
            &[
                ("csrf", &parent.csrf),
                ("date", &day(12)),
                ("swallowing_trouble", "yes"),
            ],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let api = |kind: &str| format!("/api/v1{child}/{kind}");
    for (kind, body) in [
        (
            "conditions",
            format!(
                r#"{{"condition":"juvenile_dm","diagnosed":"{}"}}"#,
                day(200)
            ),
        ),
        (
            "antibodies",
            format!(
                r#"{{"antibody":"tif1g","outcome":"positive","date":"{}"}}"#,
                day(190)
            ),
        ),
        (
            "labs",
            format!(
                r#"{{"analyte":"ck","value":1234,"unit":"U/L","uln":200,"date":"{}"}}"#,
                day(15)
            ),
        ),
        (
            "labs",
            format!(
                r#"{{"analyte":"ck","value":617,"unit":"U/L","uln":200,"date":"{}"}}"#,
                day(4)
            ),
        ),
        (
            "medicines",
            format!(
                r#"{{"name":"Prednisolona (Estilsona®)","dose":{{"amount":10,"unit":"mg"}},"route":"oral","schedule":{{"kind":"daily","time":"08:00"}},"start":"{}"}}"#,
                day(60)
            ),
        ),
        // A taper inside the range: each step is its own row of the dose history.
        (
            "medicines",
            format!(
                r#"{{"name":"Prednisone","dose":{{"amount":20,"unit":"mg"}},"route":"oral","schedule":{{"kind":"taper","steps":[{{"dose":{{"amount":20,"unit":"mg"}},"days":7}},{{"dose":{{"amount":10,"unit":"mg"}},"days":7}}],"time":"08:00"}},"start":"{}"}}"#,
                day(20)
            ),
        ),
    ] {
        let r = t.post_json(&api(kind), &body, Some(&parent.bearer)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{kind}: {}", r.body);
    }

    // The link on the page carries the dates and sections on screen.
    let query = format!(
        "from={}&to={}&sections=symptoms&sections=labs&sections=medicines&sections=questions&questions={}",
        day(30),
        day(0),
        enc(QUESTION)
    );
    let page = t
        .get(&format!("{child}/summary?{query}"), Some(&parent.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The dose history covers every day of the range: each medicine's periods with their
    // first and last day, the taper one row per step, and the days without it.
    let history = table_rows(&page.body, "summary-dose-in-force");
    let step = |n: u8| format!("oral, daily at 08:00 (taper step {n} of 2)");
    assert_eq!(
        history,
        vec![
            vec![
                "Prednisolona (Estilsona®)".to_owned(),
                day(30),
                day(0),
                "10 mg".into(),
                "oral, daily at 08:00".into()
            ],
            vec![
                "Prednisone".into(),
                day(30),
                day(21),
                "not taken".into(),
                String::new()
            ],
            vec![
                "Prednisone".into(),
                day(20),
                day(14),
                "20 mg".into(),
                step(1)
            ],
            vec![
                "Prednisone".into(),
                day(13),
                day(7),
                "10 mg".into(),
                step(2)
            ],
            vec![
                "Prednisone".into(),
                day(6),
                day(0),
                "not taken".into(),
                String::new()
            ],
        ],
        "{}",
        page.body
    );
    let at = page.body.find("id=\"summary-pdf\"").expect("PDF link");
    let link = page.body[..at]
        .rsplit("href=\"")
        .next()
        .and_then(|s| s.split('"').next())
        .expect("href")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(link.contains(&format!("from={}", day(30))), "{link}");
    assert!(!link.contains("sections=strength"), "{link}");

    let bytes = pdf_bytes(t, &link, &parent.cookie).await;
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = std::env::temp_dir().join(format!(
        "myo-pdf-{}",
        child.trim_start_matches("/patients/")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("summary.pdf");
    std::fs::write(&file, &bytes).expect("write PDF");

    assert!(assert_fonts_embedded(&file) >= 1);
    // Tagged (a structure tree for screen readers), as poppler reads it.
    let info = run("pdfinfo", &[file.to_str().expect("path")]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let text = run(
        "pdftotext",
        &["-enc", "UTF-8", file.to_str().expect("path"), "-"],
    );
    // Words wrap at spaces, so compare with runs of whitespace made single spaces.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Zoë Ibáñez",
        &format!("Date of birth: {born}"),
        &format!("Period: {} to {}", day(30), day(0)),
        "anti-TIF1-γ positivo",
        "Erupción en los párpados",
        "1,2 m²",
        "≥ 7",
        "¿Mi anti-TIF1-γ",
        "Prednisolona (Estilsona®)",
        "Diagnosis and antibodies",
        "juvenile dm",
        "anti-TIF1-gamma",
        "U/L",
        "≤ 200 U/L",
        "Myo informs; it does not diagnose or prescribe",
        "call 911 or your local emergency number",
        "Questions for the doctor",
        "Warning signs raised in the period",
        "not yet dealt with",
        "No missed dose recorded",
        "Dose history: the dose in force on every day of the range",
        "taper step 1 of 2",
        "taper step 2 of 2",
        // The trend of each lab test: first and latest value with their dates, and the change.
        "Trend of each test over the period",
        &format!("1234 U/L on {}", day(15)),
        &format!("617 U/L on {}", day(4)),
        "down 50 %",
        // Every page names whose summary it is, and is numbered.
        &format!("Zoë Ibáñez · Date of birth: {born}"),
        "Page 1 of",
        "Made:",
    ] {
        assert!(flat.contains(want), "{want:?} missing from:\n{text}");
    }
    assert!(
        !flat.contains('\u{fffd}') && !flat.contains("TIF1-?"),
        "{text}"
    );
    // Only the sections on screen: strength and function was not chosen.
    assert!(!flat.contains("Strength and function"), "{text}");
    let pages = text.matches('\u{c}').count().max(1);
    assert_eq!(
        flat.matches("Zoë Ibáñez · Date of birth").count(),
        pages,
        "the running header is on each of the {pages} pages:\n{text}"
    );
    assert!(flat.contains(&format!("Page {pages} of {pages}")), "{text}");

    // A clinician the parent shares with sees their own identifier for the child on every page.
    let doc = "dr.pdf@example.org";
    t.add_user(doc, common::PW, myo_store::Role::Clinician)
        .await;
    let r = t
        .post_form(
            &format!("{child}/grants"),
            &[
                ("csrf", &parent.csrf),
                ("email", doc),
                ("relation", "clinician"),
                ("access", "read"),
            ],
            Some(&parent.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let doc_cookie = t.signin(doc, common::PW).await.cookie();
    assert_eq!(
        t.get("/tracker", Some(&doc_cookie)).await.status,
        StatusCode::OK
    );
    let csrf = t.csrf(&doc_cookie).await;
    let r = t
        .post_form(
            &format!("{child}/identifier"),
            &[("csrf", &csrf), ("identifier", "HOSP-γ-0042")],
            Some(&doc_cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    std::fs::write(&file, pdf_bytes(t, &link, &doc_cookie).await).expect("write PDF");
    let text = run(
        "pdftotext",
        &["-enc", "UTF-8", file.to_str().expect("path"), "-"],
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let pages = text.matches('\u{c}').count().max(1);
    assert_eq!(
        flat.matches("Clinician's identifier: HOSP-γ-0042").count(),
        pages + 1,
        "in the identity block and on each of the {pages} pages:\n{text}"
    );
    assert!(flat.contains("617 U/L"), "{text}");
    // The parent's own PDF does not carry the clinician's identifier.
    let own = pdf_bytes(t, &link, &parent.cookie).await;
    std::fs::write(&file, own).expect("write PDF");
    let text = run(
        "pdftotext",
        &["-enc", "UTF-8", file.to_str().expect("path"), "-"],
    );
    assert!(!text.contains("HOSP-γ-0042"), "{text}");

    // Visits: MMT-8 with its maximum and the TIS against the visit before.
    for (n, grade, global) in [(25, 6, 6), (5, 8, 3)] {
        let grades: Vec<String> = myo_instruments::mmt8::GROUP_IDS
            .iter()
            .map(|g| format!("\"{g}\":{grade}"))
            .collect();
        let body = format!(
            r#"{{"date":"{}","physician_global":{global},"patient_global":{global},"mmt8":{{"mode":"unilateral","grades":{{{}}}}}}}"#,
            day(n),
            grades.join(",")
        );
        let r = t
            .post_json(&api("visits"), &body, Some(&parent.bearer))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let strength = format!(
        "{child}/summary.pdf?from={}&to={}&sections=strength",
        day(30),
        day(0)
    );
    std::fs::write(&file, pdf_bytes(t, &strength, &parent.cookie).await).expect("write PDF");
    assert!(assert_fonts_embedded(&file) >= 1);
    let text = run(
        "pdftotext",
        &["-enc", "UTF-8", file.to_str().expect("path"), "-"],
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Visits: instrument scores and Total Improvement Score",
        "48 of 80",
        "64 of 80",
        "no visit before",
        "of 100",
        "lower bound",
        "not assessed",
    ] {
        assert!(flat.contains(want), "{want:?} missing from:\n{text}");
    }
    assert!(!flat.contains("Symptoms"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}
