//! Two things a person relies on seeing, on both backends: a warning sign from the diary shows
//! on a carer's view of the records (and one a carer enters shows on the patient's), and every
//! positive antibody the tracker records carries its knowledge-base page's guidance (what
//! usually happens next, what to do or when to call), not only anti-MDA5.

mod common;

use axum::http::StatusCode;
use common::{PW, Person, TestApp, person};

fn today() -> myo_tracker::Date {
    myo_web::tracker::today().expect("today")
}

async fn grant(t: &TestApp, p: &Person, email: &str, access: &str) -> String {
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
    let cookie = t.signup(email, PW).await;
    let care = t.get("/care", Some(&cookie)).await;
    assert!(care.body.contains(&p.id), "the carer sees the person");
    cookie
}

async fn a_red_flag_shows_on_the_carers_view(t: &TestApp) {
    let p = person(t, "cared-for@example.org").await;
    let carer = grant(t, &p, "reader@example.org", "read").await;
    let dash = format!("/patients/{}", p.id);
    let before = t.get(&dash, Some(&carer)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(!before.body.contains("id=\"red-flags\""), "nothing yet");
    let day = today().add_days(-1).to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[
                ("csrf", &p.csrf),
                ("date", &day),
                ("swallowing_trouble", "yes"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The carer's dashboard and visit summary show it, dated, and only the patient resolves it.
    let seen = t.get(&dash, Some(&carer)).await;
    assert!(seen.body.contains("id=\"red-flags\""), "{}", seen.body);
    assert!(seen.body.contains(&format!("diary entry for {day}")));
    assert!(!seen.body.contains("Mark as dealt with"));
    let summary = t
        .get(&format!("/patients/{}/summary", p.id), Some(&carer))
        .await;
    assert_eq!(summary.status, StatusCode::OK);
    assert!(
        summary.body.contains("id=\"red-flags-summary\""),
        "{}",
        summary.body
    );
    // Dealt with by the patient: gone from the carer's view too.
    let flags = t.open_red_flags(&p.id).await;
    assert_eq!(flags.len(), 1);
    let r = t
        .post_form(
            &format!(
                "/patients/{}/red-flags/{}/resolve",
                p.id,
                flags[0].id.as_str()
            ),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = t.get(&dash, Some(&carer)).await;
    assert!(!after.body.contains("id=\"red-flags\""));
}

async fn a_red_flag_a_carer_enters_shows_to_the_patient(t: &TestApp) {
    let p = person(t, "helped@example.org").await;
    let carer = grant(t, &p, "writer@example.org", "write").await;
    let csrf = t.csrf(&carer).await;
    let day = today().to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[
                ("csrf", &csrf),
                ("date", &day),
                ("note", "she fainted and her chest hurts"),
            ],
            Some(&carer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"triage-banner\""), "{}", r.body);
    let own = t.get(&format!("/patients/{}", p.id), Some(&p.cookie)).await;
    assert!(own.body.contains("id=\"red-flags\""), "{}", own.body);
    assert!(own.body.contains("Mark as dealt with"));
    let carer_view = t.get(&format!("/patients/{}", p.id), Some(&carer)).await;
    assert!(carer_view.body.contains("id=\"red-flags\""));
}

/// The knowledge-base page of each antibody the tracker records (the action plan's page is
/// checked by the anti-MDA5 test in `tracker_safety`).
const PAGES: [(&str, &str); 12] = [
    ("jo1", "anti-jo1"),
    ("mi2", "anti-mi2"),
    ("mda5", "anti-mda5"),
    ("tif1g", "anti-tif1-gamma"),
    ("nxp2", "anti-nxp2"),
    ("sae1", "anti-sae"),
    ("pl7", "anti-pl7"),
    ("pl12", "anti-pl12"),
    ("ej", "anti-ej"),
    ("oj", "anti-oj"),
    ("srp", "anti-srp"),
    ("hmgcr", "anti-hmgcr"),
];

/// The guidance headings the tracker shows and the words of the first line under each, read
/// from the page's Markdown (four plain words in a row, so markup and escaping do not matter).
fn guidance(page: &str) -> Vec<(String, String)> {
    const WANTED: [&str; 4] = [
        "When to call your care team",
        "What you can do",
        "What usually happens next",
        "What it does not mean",
    ];
    let path = format!(
        "{}/../../kb/antibodies/{page}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("KB page");
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(h) = line.strip_prefix("## ").map(str::trim) else {
            continue;
        };
        if !WANTED.contains(&h) {
            continue;
        }
        let first = lines
            .by_ref()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let words: Vec<&str> = first.split_whitespace().collect();
        let plain = words
            .windows(4)
            .find(|w| w.iter().all(|x| x.chars().all(|c| c.is_ascii_alphabetic())))
            .map(|w| w.join(" "))
            .unwrap_or_default();
        out.push((h.to_owned(), plain));
    }
    out
}

async fn every_positive_antibody_carries_its_guidance(t: &TestApp) {
    // Every antibody the tracker records, apart from ANA (no page of its own), is listed.
    let kinds: Vec<&str> = myo_tracker::records::AntibodyKind::ALL
        .iter()
        .map(|k| k.id())
        .filter(|k| *k != "ana")
        .collect();
    assert_eq!(kinds, PAGES.map(|(k, _)| k).to_vec());
    let p = person(t, "antibodies@example.org").await;
    for (kind, _) in PAGES {
        let r = t
            .post_json(
                &format!("/api/v1/patients/{}/antibodies", p.id),
                &format!(r#"{{"antibody":"{kind}","outcome":"positive","date":"2025-02-01"}}"#),
                Some(&p.bearer),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{kind}: {}", r.body);
    }
    let page = t
        .get(&format!("/patients/{}/conditions", p.id), Some(&p.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let items: Vec<&str> = page.body.split("<li><strong>").skip(1).collect();
    for (kind, kb) in PAGES {
        let item = items
            .iter()
            .find(|i| i.contains(&format!("href=\"/kb/{kb}\"")))
            .unwrap_or_else(|| panic!("{kind}: no line linking /kb/{kb}"));
        assert!(
            item.contains("class=\"antibody-guidance\""),
            "{kind}: {item}"
        );
        let expected = guidance(kb);
        assert!(expected.len() >= 2, "{kb}: {expected:?}");
        for (heading, words) in expected {
            assert!(!words.is_empty(), "{kb}: no plain words under {heading}");
            assert!(
                item.contains(&format!("<h3>{heading}</h3>")),
                "{kind}: {heading}"
            );
            assert!(item.contains(&words), "{kind}: '{words}' under {heading}");
        }
    }
    // A negative result carries none.
    let q = person(t, "negative@example.org").await;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/antibodies", q.id),
            r#"{"antibody":"jo1","outcome":"negative","date":"2025-02-01"}"#,
            Some(&q.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let page = t
        .get(&format!("/patients/{}/conditions", q.id), Some(&q.cookie))
        .await;
    assert!(!page.body.contains("class=\"antibody-guidance\""));
}

on_both_apps!(
    a_red_flag_shows_on_the_carers_view,
    a_red_flag_a_carer_enters_shows_to_the_patient,
    every_positive_antibody_carries_its_guidance,
);
