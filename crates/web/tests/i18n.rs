//! The interface's languages: the catalogue is complete in every language, converted templates
//! take every visible word from it, and a request's language comes from the account setting,
//! else the `myo_lang` cookie, else `Accept-Language`, else English.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::TestApp;
use myo_web::i18n::{self, Lang};

/// A language's catalogue files (`myo_web::i18n::FILES`), joined.
macro_rules! catalogue {
    ($code:literal) => {
        concat!(
            include_str!(concat!("../locales/", $code, "/main.ftl")),
            include_str!(concat!("../locales/", $code, "/tracker.ftl")),
            include_str!(concat!("../locales/", $code, "/records.ftl")),
            include_str!(concat!("../locales/", $code, "/pages.ftl")),
            include_str!(concat!("../locales/", $code, "/mail.ftl")),
        )
    };
}
const EN: &str = catalogue!("en");
const ES: &str = catalogue!("es");

/// Templates allowed to hold typed words. Every other template in `templates/` (a new one
/// included) must take every visible word from the catalogue. The list is empty: keep it so.
const EXCEPTIONS: &[&str] = &[];

/// Words that are names, the same in every language.
const NAMES: &[&str] = &["Myo", "API"];

/// Attributes whose text people read or hear.
const VISIBLE_ATTRIBUTES: &[&str] = &["aria-label", "placeholder", "title", "alt", "value"];

fn template(name: &str) -> String {
    let path = format!("{}/templates/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `text` without askama's `{{ … }}`, `{% … %}` and `{# … #}` (each replaced by a space).
fn without_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min_by_key(|(i, _)| *i);
        let Some((i, open)) = next else {
            out.push_str(rest);
            return out;
        };
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        out.push_str(&rest[..i]);
        out.push(' ');
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => return out,
        }
    }
}

/// The words a person would read in a template that are typed in it rather than taken from the
/// catalogue: text between tags and the values of visible attributes, outside askama code.
fn typed_words(text: &str) -> Vec<String> {
    let plain = without_code(text);
    let mut shown = String::new();
    let mut rest = plain.as_str();
    while let Some(i) = rest.find('<') {
        shown.push_str(&rest[..i]);
        shown.push(' ');
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i..i + j];
        for attr in VISIBLE_ATTRIBUTES {
            for quote in ['"', '\''] {
                let marker = format!(" {attr}={quote}");
                let mut from = 0;
                while let Some(k) = tag[from..].find(&marker) {
                    let start = from + k + marker.len();
                    let end = tag[start..].find(quote).map_or(tag.len(), |e| start + e);
                    // A value is shown only on `<input>` buttons; elsewhere (hidden fields,
                    // radio buttons, check boxes, and `<button>`, which shows its content) it
                    // is data sent back, not words.
                    let shown_value = tag.starts_with("<input")
                        && ["submit", "button", "reset"]
                            .iter()
                            .any(|t| tag.contains(&format!("type=\"{t}\"")));
                    if *attr != "value" || shown_value {
                        shown.push_str(&tag[start..end]);
                        shown.push(' ');
                    }
                    from = end;
                }
            }
        }
        rest = &rest[i + j + 1..];
    }
    shown.push_str(rest);
    shown
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1 && !NAMES.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_checker_finds_typed_words_wherever_they_hide() {
    // Each way English can bypass the catalogue is caught.
    let bypasses = [
        "<p>Saved.</p>",
        "<a href=\"/x\">{{ l.t(\"nav-learn\") }} more</a>",
        "<nav aria-label=\"Main\">",
        "<input placeholder='for example: rash'>",
        "<input value=\"Go\" type=\"button\">",
        "<input type=\"submit\" value=\"Send\">",
        "<img alt=\"A chart\">",
        "{% if x %}Yes{% endif %}",
        "{# a comment #}Note",
    ];
    for b in bypasses {
        assert!(!typed_words(b).is_empty(), "not caught: {b}");
    }
    // What a converted template looks like passes.
    let fine = "<h1 id=\"t\" class=\"big\">{{ l.t(\"title\") }}</h1>\
                <input type=\"hidden\" name=\"next\" value=\"{{ l.here }}\">\
                <input type=\"hidden\" name=\"mode\" value=\"plain\">\
                <input type=\"radio\" name=\"fever\" value=\"yes\">\
                <button type=\"submit\" name=\"outcome\" value=\"taken\">\
                <p>{% if a > b %}{{ l.t1(\"k\", \"n\", 3) }}{% endif %} · Myo (API)</p>";
    assert_eq!(typed_words(fine), Vec::<String>::new());
}

/// Every template's file name.
fn templates() -> Vec<String> {
    let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_template_takes_every_word_from_the_catalogue() {
    let names = templates();
    assert!(names.len() > 50, "found only {} templates", names.len());
    let mut problems = Vec::new();
    for name in names.iter().filter(|n| !EXCEPTIONS.contains(&n.as_str())) {
        let words = typed_words(&template(name));
        if !words.is_empty() {
            problems.push(format!("{name}: {}", words.join(" ")));
        }
    }
    assert!(
        problems.is_empty(),
        "words typed in templates (put them in locales/*/*.ftl):\n{}",
        problems.join("\n")
    );
    // An exception names a template that exists.
    for e in EXCEPTIONS {
        assert!(names.iter().any(|n| n == e), "no template {e}");
    }
}

/// Every message key named in a template or in the web crate's code (`t("key"`, `t1("key"`, …).
fn used_keys() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    let mut dirs = vec![format!("{root}/templates"), format!("{root}/src")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = e.expect("entry").path();
            if path.is_dir() {
                dirs.push(path.to_string_lossy().into_owned());
            } else {
                files.push(path);
            }
        }
    }
    let mut keys = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for call in [".t(\"", ".t1(\"", ".t2(\"", ".t3(\"", ".ta(\""] {
            for (i, _) in text.match_indices(call) {
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                if text[line_start..i].trim_start().starts_with("//") {
                    continue; // documentation
                }
                let start = i + call.len();
                let key: String = text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if text[start + key.len()..].starts_with('"') && !key.is_empty() {
                    keys.push((key, path.display().to_string()));
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_and_templates_use_exists_in_every_language() {
    let catalog = i18n::Catalog::builtin().expect("catalogue loads");
    let used = used_keys();
    assert!(used.len() > 150, "found only {} uses", used.len());
    let mut missing = Vec::new();
    for (key, file) in &used {
        for lang in Lang::ALL {
            if !catalog.has(lang, key) {
                missing.push(format!("{key} ({}) in {file}", lang.code()));
            }
        }
    }
    // Keys made from ids: every rating, symptom, monitoring test, summary section and
    // knowledge-base section.
    let mut made: Vec<String> = Vec::new();
    made.extend(
        myo_tracker::records::Rating::ALL
            .iter()
            .map(|r| format!("rating-{}", r.id())),
    );
    made.extend(
        myo_tracker::records::Symptom::ALL
            .iter()
            .map(|s| format!("symptom-{}", s.id())),
    );
    made.extend(
        myo_tracker::monitoring::TestKind::ALL
            .iter()
            .map(|t| format!("monitor-test-{}", t.id())),
    );
    made.extend(
        myo_web::tracker::SECTIONS
            .iter()
            .map(|(s, _)| format!("section-{s}")),
    );
    made.extend(
        myo_kb::Section::ALL
            .iter()
            .map(|s| format!("kb-section-{}", s.as_str())),
    );
    made.extend(
        myo_tracker::Weekday::ALL
            .iter()
            .map(|d| format!("weekday-{}", d.as_str())),
    );
    made.extend(
        myo_api::tracker::ROUTES
            .iter()
            .map(|(r, _)| format!("route-{r}")),
    );
    made.extend(
        myo_store::reminders::KINDS
            .iter()
            .map(|k| format!("reminder-kind-{k}")),
    );
    for k in myo_web::tracker::kinds::KINDS {
        made.push(format!("kind-noun-{}", k.slug));
        made.push(format!("kind-csv-{}", k.slug));
        // The English words are the kind's declared ones (the JSON API and exports use those).
        let en = |key: String| catalog.format(Lang::En, &key, None);
        assert_eq!(en(format!("kind-noun-{}", k.slug)), k.noun);
        assert_eq!(en(format!("kind-csv-{}", k.slug)), k.csv.1);
    }
    for key in &made {
        for lang in Lang::ALL {
            if !catalog.has(lang, key) {
                missing.push(format!("{key} ({})", lang.code()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing messages:\n{}",
        missing.join("\n")
    );
    // Every fixed `?done=` notice has its message, found by its English words.
    for (code, english) in [
        myo_web::tracker::delete::DONE,
        myo_web::tracker::edit::EDITED,
        myo_web::tracker::guided::SAVED,
    ] {
        assert_eq!(
            catalog.key_of_english(english, "notice-").as_deref(),
            Some(format!("notice-{code}").as_str()),
            "{english}"
        );
    }
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let en = i18n::messages(EN);
    let es = i18n::messages(ES);
    assert!(en.len() > 150, "{} English messages", en.len());
    let mut problems = Vec::new();
    for (key, vars) in &en {
        match es.iter().find(|(k, _)| k == key) {
            None => problems.push(format!("es lacks {key}")),
            Some((_, v)) if v != vars => {
                problems.push(format!("{key}: en uses {vars:?}, es uses {v:?}"));
            }
            Some(_) => {}
        }
    }
    for (key, _) in &es {
        if !en.iter().any(|(k, _)| k == key) {
            problems.push(format!("en lacks {key}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // A Spanish message that is the English one word for word was not translated (except
    // where the words are the same in both: "Error", "token", a unit, or code and names that
    // are typed as they are: an HTTP header, an address, a command, a registry's name).
    let same_in_both = [
        "error-title",
        "error-code",
        "visits-ck-u-l",
        "account-token",
        "account-authorization-bearer-myo",
        "kbs-api-v1-kb-section",
        "trials-clinicaltrials-gov",
        "trials-myo-trials-sync",
        // Only values, and instruments' names.
        "phrase-join",
        "dose-amount",
        "visit-of-ten",
        "visit-mmt-total",
        "tis-measure-chaq",
        "tis-measure-cmas",
    ];
    let catalog = i18n::Catalog::builtin().expect("catalogue loads");
    let same: Vec<&str> = en
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !same_in_both.contains(k))
        .filter(|k| {
            let a = catalog.format(Lang::En, k, None);
            a.chars().filter(|c| c.is_alphabetic()).count() > 3
                && a == catalog.format(Lang::Es, k, None)
        })
        .collect();
    assert!(
        same.is_empty(),
        "Spanish messages identical to English: {same:?}"
    );
}

#[test]
fn the_variable_reader_sees_selectors_and_placeables() {
    let ftl = "a = { $n ->\n    [one] one { $thing }\n   *[other] many\n} after { $date }\n\
               # a comment with { $nothing }\nb = plain\n";
    assert_eq!(
        i18n::messages(ftl),
        vec![
            (
                "a".to_owned(),
                vec!["date".to_owned(), "n".to_owned(), "thing".to_owned()]
            ),
            ("b".to_owned(), Vec::new())
        ]
    );
}

#[test]
fn the_english_disclaimer_is_the_knowledge_bases() {
    let catalog = i18n::Catalog::builtin().expect("catalogue loads");
    assert_eq!(
        catalog.format(Lang::En, "disclaimer", None),
        myo_kb::DISCLAIMER
    );
    let es = catalog.format(Lang::Es, "disclaimer", None);
    assert!(
        es.contains("911") && es.contains("112") && es.contains("no diagnostica"),
        "{es}"
    );
}

#[test]
fn language_comes_from_account_then_cookie_then_browser_then_english() {
    use i18n::choose;
    assert_eq!(choose(Some("es"), Some("en"), Some("en")), Lang::Es);
    assert_eq!(choose(Some("en"), Some("es"), Some("es")), Lang::En);
    assert_eq!(choose(None, Some("es"), Some("en")), Lang::Es);
    assert_eq!(choose(None, None, Some("es-MX,en;q=0.5")), Lang::Es);
    assert_eq!(choose(None, None, None), Lang::En);
    // Unknown values at a step fall through to the next, never fail.
    assert_eq!(choose(Some("fr"), Some("xx"), Some("es")), Lang::Es);
    assert_eq!(choose(None, Some(""), Some("de, fr;q=0.9")), Lang::En);
}

#[test]
fn accept_language_is_read_by_quality() {
    use i18n::from_accept_language as accept;
    assert_eq!(accept("es"), Some(Lang::Es));
    assert_eq!(accept("ES-419"), Some(Lang::Es));
    assert_eq!(accept("en-GB,es;q=0.8"), Some(Lang::En));
    assert_eq!(accept("en;q=0.4, es;q=0.9"), Some(Lang::Es));
    assert_eq!(accept("fr-FR, es;q=0.5, en;q=0.4"), Some(Lang::Es));
    // q=0 means "not this one"; a malformed q is skipped.
    assert_eq!(accept("es;q=0, en;q=0.1"), Some(Lang::En));
    assert_eq!(accept("es;q=abc, en;q=0.1"), Some(Lang::En));
    assert_eq!(accept("es;q=2"), None);
    assert_eq!(accept("*"), None);
    assert_eq!(accept(""), None);
}

async fn page(t: &TestApp, path: &str, headers: &[(&str, &str)]) -> common::Resp {
    let mut b = Request::get(path);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    t.send(b.body(Body::empty()).expect("request")).await
}

fn html_lang(body: &str) -> &str {
    body.split("<html lang=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("")
}

#[tokio::test]
async fn pages_follow_the_browser_and_the_cookie() {
    let t = TestApp::sqlite().await;
    let r = page(&t, "/", &[]).await;
    assert_eq!(html_lang(&r.body), "en");
    assert!(r.body.contains("Start here"));

    let r = page(&t, "/", &[("accept-language", "es-ES,es;q=0.9")]).await;
    assert_eq!(html_lang(&r.body), "es");
    assert!(r.body.contains("Empiece aquí"), "{}", r.body);
    assert!(r.body.contains("id=\"lang-switch\""));
    assert!(
        r.body
            .contains("lang=\"es\" id=\"lang-es\" class=\"link-button\" aria-pressed=\"true\"")
    );

    // The cookie wins over the browser.
    let r = page(
        &t,
        "/signin",
        &[("accept-language", "es"), ("cookie", "myo_lang=en")],
    )
    .await;
    assert_eq!(html_lang(&r.body), "en");
    let r = page(&t, "/signup", &[("cookie", "myo_lang=es")]).await;
    assert_eq!(html_lang(&r.body), "es");
    assert!(r.body.contains("Crear una cuenta"));

    // Error pages, made before any language is known, are shown in it.
    let r = page(&t, "/no/such/page", &[("accept-language", "es")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(html_lang(&r.body), "es");
    assert!(
        r.body.contains("No hay ninguna página en esta dirección."),
        "{}",
        r.body
    );
    let r = page(&t, "/no/such/page", &[]).await;
    assert!(r.body.contains("There is no page at this address."));
    t.cleanup().await;
}

#[tokio::test]
async fn the_switch_sets_the_cookie_and_comes_back() {
    let t = TestApp::sqlite().await;
    let r = t
        .post_form("/lang", &[("lang", "es"), ("next", "/signup")], None)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), "/signup");
    let cookie = r.header("set-cookie");
    assert!(cookie.starts_with("myo_lang=es;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));

    // Only a path on this site is gone back to.
    for next in ["https://evil.example/", "//evil.example/", ""] {
        let r = t
            .post_form("/lang", &[("lang", "es"), ("next", next)], None)
            .await;
        assert_eq!(r.header("location"), "/", "{next}");
    }
    // A language Myo does not speak is refused, naming the field, in words.
    for bad in ["fr", "ES", "es-MX", ""] {
        let r = t
            .post_form("/lang", &[("lang", bad), ("next", "/")], None)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(r.body.contains("Language"), "{bad}: {}", r.body);
        assert!(r.header("set-cookie").is_empty());
    }
    t.cleanup().await;
}

async fn account_setting_wins(t: &TestApp) {
    let cookie = t.signup("lucia@example.org", "correct horse battery").await;
    let csrf = t.csrf(&cookie).await;
    let r = t
        .post_form(
            "/lang",
            &[("lang", "es"), ("next", "/account"), ("csrf", &csrf)],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let user = t
        .store()
        .find_user_by_email("lucia@example.org")
        .await
        .expect("store")
        .expect("user");
    assert_eq!(user.language.as_deref(), Some("es"));
    // The account's setting wins over the cookie and the browser.
    let r = page(
        t,
        "/tracker",
        &[
            ("cookie", &format!("{cookie}; myo_lang=en")),
            ("accept-language", "en"),
        ],
    )
    .await;
    let r = if r.status == StatusCode::SEE_OTHER {
        page(
            t,
            r.header("location"),
            &[
                ("cookie", &format!("{cookie}; myo_lang=en")),
                ("accept-language", "en"),
            ],
        )
        .await
    } else {
        r
    };
    assert_eq!(html_lang(&r.body), "es", "{}", r.body);
    assert!(r.body.contains("Mi seguimiento"));
    // The change is in the audit log, by the person.
    let events = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            actor_id: Some(user.id.as_str().to_owned()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(
        events
            .iter()
            .any(|e| e.entry.action == "update" && e.entry.resource_type == "user"),
        "{events:?}"
    );
    // A signed-in switch without the form's token is refused.
    let r = t
        .post_form("/lang", &[("lang", "en"), ("next", "/")], Some(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        html_lang(&r.body),
        "es",
        "the refusal is in the person's language"
    );
}

#[tokio::test]
async fn the_account_setting_wins_sqlite() {
    let t = TestApp::sqlite().await;
    account_setting_wins(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn the_account_setting_wins_postgres() {
    let Some(t) = TestApp::postgres("the_account_setting_wins_postgres").await else {
        return;
    };
    account_setting_wins(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn a_spanish_diary_dashboard_and_summary() {
    let t = TestApp::sqlite().await;
    let cookie = t.signup("ana@example.org", "correct horse battery").await;
    let es = format!("{cookie}; myo_lang=es");
    let r = t.get("/tracker", Some(&es)).await;
    let home = r.header("location").to_owned();
    assert!(home.starts_with("/patients/"), "{home}");
    let diary = format!("{home}/diary");
    let r = t.get(&diary, Some(&es)).await;
    assert_eq!(html_lang(&r.body), "es");
    assert!(r.body.contains("¿Cómo se encuentra hoy?"), "{}", r.body);
    assert!(r.body.contains("¿Tiene fiebre?"));
    let csrf = r.csrf();
    let today = r
        .body
        .split("id=\"diary-date\" name=\"date\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("date")
        .to_owned();
    // A bad rating is refused in Spanish, naming the field.
    let r = t
        .post_form(
            &diary,
            &[("csrf", &csrf), ("date", &today), ("weakness", "12")],
            Some(&es),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("No se guardó."), "{}", r.body);
    // A good entry, with a decimal, and a Spanish warning sign in the note.
    let r = t
        .post_form(
            &diary,
            &[
                ("csrf", &csrf),
                ("date", &today),
                ("weakness", "4.5"),
                ("fatigue", "6"),
                ("breathlessness", "yes"),
                ("note", "no puedo respirar y tengo los labios azules"),
            ],
            Some(&es),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Guardado."));
    assert!(
        r.body
            .contains("Señal de alarma de emergencia en la entrada de hoy"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Dificultad grave para respirar"),
        "{}",
        r.body
    );
    assert!(r.body.contains("4,5"), "decimal comma in the list");

    let r = t.get(&home, Some(&es)).await;
    assert_eq!(html_lang(&r.body), "es");
    assert!(r.body.contains("Señales de alarma todavía sin atender"));
    assert!(r.body.contains("Llame ya al 911"), "{}", r.body);
    assert!(r.body.contains("4,5/10"), "{}", r.body);

    let r = t.get(&format!("{home}/summary"), Some(&es)).await;
    assert_eq!(html_lang(&r.body), "es");
    assert!(r.body.contains("Resumen para la consulta"));
    assert!(r.body.contains("Puntuaciones del diario en el periodo"));
    assert!(r.body.contains("debilidad"));

    let pdf = t.get(&format!("{home}/summary.pdf"), Some(&es)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header(header::CONTENT_TYPE.as_str()), "application/pdf");
    t.cleanup().await;
}

/// Each language's folder holds exactly the catalogue files the application loads, so a message
/// put in a new file is never silently left out.
#[test]
fn every_language_folder_holds_exactly_the_loaded_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in myo_web::i18n::Lang::ALL {
        let mut found: Vec<String> = std::fs::read_dir(root.join(lang.code()))
            .expect("locale folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        let mut want: Vec<String> = myo_web::i18n::FILES
            .iter()
            .map(|f| (*f).to_owned())
            .collect();
        want.sort();
        assert_eq!(found, want, "locales/{}", lang.code());
    }
}
