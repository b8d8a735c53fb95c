//! Server-rendered pages: content, accessibility hooks, security headers, calculators.

mod common;

use axum::http::StatusCode;
use common::TestApp;

/// Every HTML page carries the security headers and no inline script.
fn assert_safe_page(r: &common::Resp) {
    assert!(
        r.header("content-type").starts_with("text/html"),
        "{:?}",
        r.headers
    );
    let csp = r.header("content-security-policy");
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("x-frame-options"), "DENY");
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert_eq!(r.header("cache-control"), "no-store");
    assert!(
        !r.body.contains("<script>") && !r.body.contains("style=\""),
        "no inline script or style"
    );
    for s in r.body.match_indices("<script").map(|(i, _)| &r.body[i..]) {
        assert!(
            s.starts_with("<script src=\"/static/"),
            "only vendored scripts: {}",
            &s[..40.min(s.len())]
        );
    }
    assert!(
        r.body.contains("href=\"#main\"") && r.body.contains("<main id=\"main\""),
        "skip link and main landmark"
    );
    assert!(r.body.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn home_and_browsing() {
    let t = TestApp::sqlite().await;
    let home = t.get("/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_safe_page(&home);
    assert!(home.body.contains("role=\"search\"") && home.body.contains("id=\"home-q\""));
    assert!(home.body.contains("href=\"/kb/section/drugs\""));
    let kb = t.get("/kb", None).await;
    assert_eq!(kb.status, StatusCode::OK);
    assert_safe_page(&kb);
    let drugs = t.get("/kb/section/drugs", None).await;
    assert_eq!(drugs.status, StatusCode::OK);
    assert!(drugs.body.contains("href=\"/kb/methotrexate\""));
    let r = t.get("/kb/section/potions", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_safe_page(&r);
    t.cleanup().await;
}

#[tokio::test]
async fn entry_page_has_everything_a_reader_needs() {
    let t = TestApp::sqlite().await;
    let r = t.get("/kb/methotrexate", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_safe_page(&r);
    for needle in [
        "id=\"tldr\"",
        "id=\"entry-body\"",
        "<h2 id=\"sources-title\">Sources</h2>",
        "Where: ",
        "id=\"review-date\"",
        "id=\"cite-apa\"",
        "id=\"cite-mla\"",
        "id=\"cite-chicago\"",
        "id=\"cite-harvard\"",
        "id=\"related-title\"",
        "href=\"/kb/folic-acid\"",
        "does not diagnose",
        "Key facts",
    ] {
        assert!(r.body.contains(needle), "missing {needle}");
    }
    // Markdown rendered, not shown raw.
    assert!(r.body.contains("<h2 id=\"s-") && !r.body.contains("\n## "));
    let r = t.get("/kb/methotrexat", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("methotrexate"), "suggests the near id");
    t.cleanup().await;
}

#[tokio::test]
async fn search_page() {
    let t = TestApp::sqlite().await;
    let r = t.get("/search?q=purple+eyelids", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"results\""));
    let r = t
        .get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", None)
        .await;
    assert!(!r.body.contains("<script>alert"), "query is escaped");
    t.cleanup().await;
}

#[tokio::test]
async fn ask_page_shows_an_unmissable_emergency_banner() {
    let t = TestApp::sqlite().await;
    let form = t.get("/ask", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<label for=\"question\">"));
    let r = t
        .post_form(
            "/ask",
            &[("question", "I can't breathe and my lips are turning blue")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_safe_page(&r);
    let banner = r.body.find("id=\"triage-banner\"").expect("banner");
    let h1 = r.body.find("<h1>").expect("h1");
    assert!(banner < h1, "banner comes first");
    assert!(r.body.contains("role=\"alert\"") && r.body.contains("triage-emergency"));
    let r = t
        .post_form("/ask", &[("question", "What is a heliotrope rash?")], None)
        .await;
    assert!(
        r.body.contains("id=\"citations\"") && !r.body.contains("id=\"triage-banner\""),
        "{}",
        r.body
    );
    let r = t.post_form("/ask", &[("question", "  ")], None).await;
    assert!(r.body.contains("id=\"question-error\""));
    // The browser's language picks the country of the help lines: en-GB gets 999 as a tel:
    // link and not 911; no region falls back to the default countries, 911 among them.
    let crisis = [("question", "I can't breathe and my lips are turning blue")];
    let mut req = common::form_request("/ask", &crisis, None);
    req.headers_mut().insert(
        axum::http::header::ACCEPT_LANGUAGE,
        axum::http::HeaderValue::from_static("en-GB,en;q=0.8"),
    );
    let r = t.send(req).await;
    assert!(
        r.body.contains("href=\"tel:999\"") && !r.body.contains("tel:911"),
        "{}",
        r.body
    );
    let mut req = common::form_request("/ask", &crisis, None);
    req.headers_mut().insert(
        axum::http::header::ACCEPT_LANGUAGE,
        axum::http::HeaderValue::from_static("en"),
    );
    let r = t.send(req).await;
    assert!(r.body.contains("href=\"tel:911\""), "{}", r.body);
    t.cleanup().await;
}

#[tokio::test]
async fn eular_calculator_explains_item_by_item() {
    let t = TestApp::sqlite().await;
    let index = t.get("/calculators", None).await;
    assert!(
        index.body.contains("href=\"/calculators/eular-acr-2017\"")
            && index.body.contains("href=\"/calculators/tis-2016\"")
    );
    let form = t.get("/calculators/eular-acr-2017", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_safe_page(&form);
    assert!(
        form.body.contains("id=\"not-diagnostic\"") && form.body.contains("id=\"partial-note\"")
    );
    assert!(
        form.body.contains("name=\"heliotrope_rash\"")
            && form.body.contains("name=\"muscle_biopsy.rimmed_vacuoles\"")
    );
    let fields = [
        ("age_at_onset_years", "45"),
        ("proximal_upper_weakness", "true"),
        ("proximal_lower_weakness", "true"),
        ("heliotrope_rash", "true"),
        ("gottrons_papules", "true"),
        ("elevated_muscle_enzymes", "true"),
        ("dysphagia", "false"),
    ];
    let r = t
        .post_form("/calculators/eular-acr-2017", &fields, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for needle in [
        "id=\"result\"",
        "definite",
        "id=\"items\"",
        "Heliotrope rash",
        "id=\"missing\"",
        "id=\"warnings\"",
        "not diagnostic",
    ] {
        assert!(r.body.contains(needle), "missing {needle}");
    }
    // Bad input: named, values kept, 422.
    let r = t
        .post_form(
            "/calculators/eular-acr-2017",
            &[("age_at_onset_years", "abc"), ("heliotrope_rash", "true")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"error-summary\"")
            && r.body.contains("href=\"#f-age_at_onset_years\""),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"abc\"") && r.body.contains("value=\"true\" checked"),
        "values kept"
    );
    let r = t
        .post_form(
            "/calculators/eular-acr-2017",
            &[("age_at_onset_years", "-4")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("aria-invalid=\"true\""));
    // No skin sign and no biopsy: the page leads with "not classifiable" in plain words, before
    // the score-based category, and heads the missing list with the instrument's own rule.
    let r = t
        .post_form(
            "/calculators/eular-acr-2017",
            &[
                ("age_at_onset_years", "50"),
                ("anti_jo1", "true"),
                ("elevated_muscle_enzymes", "true"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let headline = r.body.find("Not classifiable: with no heliotrope rash");
    let category = r.body.find("probable");
    assert!(
        headline.is_some() && category.is_some() && headline < category,
        "outcome first: {}",
        r.body
    );
    assert!(r.body.contains("each counts as 0 points"), "{}", r.body);
    // Exactly 5.5 without a biopsy: borderline, with the probability-based category named.
    let r = t
        .post_form(
            "/calculators/eular-acr-2017",
            &[
                ("age_at_onset_years", "45"),
                ("gottrons_papules", "true"),
                ("elevated_muscle_enzymes", "true"),
            ],
            None,
        )
        .await;
    assert!(
        r.body.contains("borderline: the score 5.5") && !r.body.contains("issue "),
        "{}",
        r.body
    );
    t.cleanup().await;
}

#[tokio::test]
async fn tis_calculator_and_generic_forms() {
    let t = TestApp::sqlite().await;
    let fields = [
        ("population", "adult"),
        ("mmt_max", "80"),
        ("baseline.physician_global", "6"),
        ("baseline.patient_global", "7"),
        ("baseline.extramuscular", "4"),
        ("baseline.haq", "1.5"),
        ("baseline.mmt", "60"),
        ("baseline.enzymes.ck.value", "3000"),
        ("baseline.enzymes.ck.uln", "200"),
        ("followup.physician_global", "3"),
        ("followup.patient_global", "5"),
        ("followup.extramuscular", "2"),
        ("followup.haq", "1"),
        ("followup.mmt", "66"),
        ("followup.enzymes.ck.value", "1000"),
        ("followup.enzymes.ck.uln", "200"),
    ];
    let r = t.post_form("/calculators/tis-2016", &fields, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("major") && r.body.contains("60"),
        "{}",
        r.body
    );
    // Every instrument gets a working form.
    let list = t.get("/api/v1/instruments", None).await.json();
    for i in list["instruments"].as_array().expect("list") {
        let id = i["id"].as_str().expect("id");
        let r = t.get(&format!("/calculators/{id}"), None).await;
        assert_eq!(r.status, StatusCode::OK, "{id}");
        assert!(r.body.contains("id=\"calc-form\""), "{id}");
    }
    assert_eq!(
        t.get("/calculators/nope", None).await.status,
        StatusCode::NOT_FOUND
    );
    t.cleanup().await;
}

#[tokio::test]
async fn static_assets_are_embedded_and_cacheable() {
    let t = TestApp::sqlite().await;
    let css = t.get("/static/style.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.header("content-type").starts_with("text/css") && css.body.contains("@media print")
    );
    assert!(css.header("cache-control").contains("max-age"));
    let js = t.get("/static/htmx.min.js", None).await;
    assert!(
        js.header("content-type").starts_with("text/javascript")
            && js.body.starts_with("var htmx=")
    );
    let lic = t.get("/static/htmx.LICENSE.txt", None).await;
    assert!(lic.body.contains("Zero-Clause BSD"));
    t.cleanup().await;
}

#[tokio::test]
async fn oversized_forms_are_refused_and_input_is_escaped() {
    let t = TestApp::sqlite().await;
    let big = "x".repeat(70 * 1024);
    let r = t.post_form("/ask", &[("question", &big)], None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let cookie = t.signup("big@example.org", "a long enough pw").await;
    let r = t
        .post_form("/account/tokens", &[("name", &big)], Some(&cookie))
        .await;
    assert_eq!(
        r.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "also when the CSRF layer reads the body"
    );
    let r = t
        .post_form(
            "/ask",
            &[("question", "<img src=x onerror=alert(1)> rash")],
            None,
        )
        .await;
    assert!(
        !r.body.contains("<img src=x") && r.body.contains("&#60;img src=x"),
        "question is escaped"
    );
    t.cleanup().await;
}

/// The warning-signs page lists emergencies first, and a search for "red flags" links to it.
#[tokio::test]
async fn warning_signs_page_is_grouped_by_urgency_and_found_by_search() {
    let t = TestApp::sqlite().await;
    let page = t.get("/kb/section/red-flags", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let at = |needle: &str| page.body.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("Emergency: get help now") < at("Same day: contact your care team today"));
    assert!(at("Same day: contact your care team today") < at("Discuss: raise it soon"));
    assert!(at("/kb/low-oxygen-reading") < at("Same day: contact your care team today"));
    for q in ["red+flags", "warning+signs", "when+to+call"] {
        let r = t.get(&format!("/search?q={q}"), None).await;
        assert!(r.body.contains("href=\"/kb/section/red-flags\""), "{q}");
    }
    t.cleanup().await;
}
