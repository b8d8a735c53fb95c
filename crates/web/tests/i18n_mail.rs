//! What Myo writes outside its pages speaks the recipient's language: reminders, the password
//! reset and invitation e-mails, and the calendar feed are worded from the catalogue in the
//! account's language (English keeps its exact words); and a tracker form's error on a Spanish
//! page is Spanish, with the value that was refused.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_store::Timestamp;
use myo_web::i18n::{Catalog, Lang, Tr};

fn tr(lang: Lang) -> Tr {
    Tr::new(Arc::new(Catalog::builtin().expect("catalogue loads")), lang)
}

async fn speak_spanish(t: &TestApp, p: &Person) {
    let r = t
        .post_form(
            "/lang",
            &[("lang", "es"), ("next", "/"), ("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

async fn methotrexate_and_a_gap(t: &TestApp, p: &Person) {
    let today = myo_web::tracker::today().expect("clock");
    let med = format!(
        r#"{{"name":"Methotrexate","dose":{{"amount":15,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"friday","time":"08:00"}},"start":"{}"}}"#,
        today.add_days(-30)
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            &med,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let day = today.add_days(-5).to_string();
    let r = t
        .post_form(
            &format!("/patients/{}/diary", p.id),
            &[("csrf", &p.csrf), ("date", &day), ("weakness", "4")],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/reminders", p.id),
            &[
                ("csrf", &p.csrf),
                ("kind", "monitoring_due"),
                ("kind", "missed_diary"),
            ],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn reminders_in_the_account_language(t: &TestApp) {
    let es = person(t, "recordatorio@example.org").await;
    let en = person(t, "reminder@example.org").await;
    speak_spanish(t, &es).await;
    methotrexate_and_a_gap(t, &es).await;
    methotrexate_and_a_gap(t, &en).await;
    let planned = myo_web::reminders::plan(&t.state).await.expect("plan");
    assert!(planned >= 4, "{planned}");
    let now = Timestamp::now();
    let claimed = t
        .store()
        .claim_reminders("test", now, now.add_millis(-1), 100)
        .await
        .expect("claim");
    let of = |p: &Person| -> Vec<_> {
        claimed
            .iter()
            .filter(|r| r.patient_id.as_str() == p.id)
            .collect()
    };
    let (mine, theirs) = (of(&es), of(&en));
    assert!(mine.len() >= 2 && theirs.len() >= 2, "{claimed:?}");
    assert!(
        mine.iter().any(|r| r.subject == "Myo: su diario le espera"
            && r.body.contains("Su última entrada del diario fue el")),
        "{mine:?}"
    );
    assert!(
        mine.iter().any(|r| r.subject.starts_with("Myo: toca ")),
        "{mine:?}"
    );
    for r in &mine {
        assert!(r.body.contains("no diagnostica ni receta"), "{}", r.body);
        assert!(!r.body.contains("does not diagnose"), "{}", r.body);
        assert!(r.body.ends_with("\r\n"));
    }
    assert!(
        theirs
            .iter()
            .any(|r| r.subject == "Myo: your diary is waiting"),
        "{theirs:?}"
    );
    assert!(
        theirs
            .iter()
            .all(|r| r.body.contains("does not diagnose or prescribe")),
        "{theirs:?}"
    );
}

#[tokio::test]
async fn reminders_in_the_account_language_sqlite() {
    let t = TestApp::sqlite().await;
    reminders_in_the_account_language(&t).await;
    t.cleanup().await;
}

#[tokio::test]
async fn reminders_in_the_account_language_postgres() {
    let Some(t) = TestApp::postgres("reminders_in_the_account_language_postgres").await else {
        return;
    };
    reminders_in_the_account_language(&t).await;
    t.cleanup().await;
}

#[test]
fn reset_and_invitation_mails_in_each_language() {
    let policy = myo_store::recovery::ResetPolicy::default();
    let url = "https://myo.test/reset/abc";
    let en = myo_web::pages::recovery::reset_mail(&tr(Lang::En), url, &policy);
    // The English words and their line breaks are the ones Myo always sent.
    assert_eq!(
        en,
        format!(
            "Someone asked to choose a new password for your Myo account.\r\n\r\n\
             To choose one, open this link within {} minutes. It works once:\r\n\r\n{url}\r\n\r\n\
             Choosing a new password signs you out everywhere and stops your API tokens.\r\n\
             If you did not ask for this, ignore this message: your password stays as it is.\r\n",
            policy.ttl_ms / 60_000
        )
    );
    let es = myo_web::pages::recovery::reset_mail(&tr(Lang::Es), url, &policy);
    assert!(
        es.contains("Alguien pidió elegir una nueva contraseña"),
        "{es}"
    );
    assert!(es.contains(&format!("\r\n\r\n{url}\r\n\r\n")), "{es}");

    let en = myo_web::care::invitation_mail(&tr(Lang::En), "Ana", true, "https://myo.test");
    assert_eq!(
        en,
        "Ana has given you access to read and change their records on Myo, a tracker for people \
         living with myositis.\r\n\r\nTo see them, sign in to Myo with this e-mail address, or \
         create an account with it:\r\n\r\nhttps://myo.test/signin\r\n\r\nIf you do not know \
         this person, ignore this message.\r\n"
    );
    let es = myo_web::care::invitation_mail(&tr(Lang::Es), "Ana", false, "https://myo.test");
    assert!(
        es.starts_with("Ana le ha dado acceso para leer sus registros"),
        "{es}"
    );
    assert!(es.contains("https://myo.test/signin"));
}

async fn calendar_in_the_account_language(t: &TestApp) {
    let p = person(t, "calendario@example.org").await;
    speak_spanish(t, &p).await;
    let today = myo_web::tracker::today().expect("clock");
    let med = format!(
        r#"{{"name":"Methotrexate","dose":{{"amount":15,"unit":"mg"}},"route":"oral","schedule":{{"kind":"weekly","day":"monday","time":"08:00"}},"start":"{}"}}"#,
        today.add_days(-30)
    );
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            &med,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = t
        .post_form(
            &format!("/patients/{}/calendar", p.id),
            &[("csrf", &p.csrf)],
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marker = "id=\"new-share-url\" value=\"";
    let start = r.body.find(marker).expect("link shown") + marker.len();
    let link = r.body[start..].split('"').next().expect("link").to_owned();
    let doc = t.get(&link, None).await.body;
    // iCalendar folds long lines; unfold before reading.
    let doc = doc.replace("\r\n ", "");
    assert!(
        doc.contains("X-WR-CALNAME:Myo: medicamentos y análisis"),
        "{doc}"
    );
    assert!(doc.contains("(semanal\\, el lunes)"), "{doc}");
    assert!(doc.contains("SUMMARY:Análisis pendiente: "), "{doc}");
    assert!(doc.contains("Myo no receta"), "{doc}");
    for english in [
        "Test due",
        "weekly",
        "does not prescribe",
        "OVERDUE",
        "From:",
    ] {
        assert!(!doc.contains(english), "{english} in {doc}");
    }
}

#[tokio::test]
async fn calendar_in_the_account_language_sqlite() {
    let t = TestApp::sqlite().await;
    calendar_in_the_account_language(&t).await;
    t.cleanup().await;
}

/// The error banner's text.
fn banner(body: &str) -> String {
    body.split("id=\"form-error\"><p>")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn spanish_form_errors_carry_the_value() {
    let t = TestApp::sqlite().await;
    let p = person(&t, "errores@example.org").await;
    let today = myo_web::tracker::today().expect("clock").to_string();
    let tomorrow = myo_web::tracker::today()
        .expect("clock")
        .add_days(2)
        .to_string();
    let diary = format!("/patients/{}/diary", p.id);
    let labs = format!("/patients/{}/labs", p.id);
    let es = format!("{}; myo_lang=es", p.cookie);
    // (page, form fields, the English error, the Spanish error)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: [Case; 4] = [
        (
            &diary,
            vec![("date", &today), ("weakness", "12")],
            "Weakness: 12 is out of range (allowed: 0 to 10)",
            "Debilidad: 12 está fuera del intervalo (se admite: de 0 a 10)",
        ),
        (
            &diary,
            vec![("date", &today), ("fatigue", "10,5")],
            "Fatigue: 10.5 is out of range (allowed: 0 to 10)",
            "Cansancio: 10,5 está fuera del intervalo (se admite: de 0 a 10)",
        ),
        (
            &labs,
            vec![
                ("analyte", "ck"),
                ("value", "mucho"),
                ("unit", "U/L"),
                ("date", &today),
            ],
            "is not a number (allowed: a number such as 1850 or 1.85)",
            "Valor: «mucho» no se puede leer como número",
        ),
        (
            &labs,
            vec![
                ("analyte", "ck"),
                ("value", "300"),
                ("unit", "U/L"),
                ("date", &tomorrow),
            ],
            "is in the future (allowed: today (",
            "es una fecha futura (se admite: hoy (",
        ),
    ];
    for (path, fields, english, spanish) in cases {
        let mut form = vec![("csrf", p.csrf.as_str())];
        form.extend(fields.iter().copied());
        let r = t.post_form(path, &form, Some(&p.cookie)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let shown = banner(&r.body);
        assert!(shown.contains(english), "{shown}");
        let r = t.post_form(path, &form, Some(&es)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let shown = banner(&r.body);
        assert!(shown.starts_with("No se guardó."), "{shown}");
        assert!(shown.contains(spanish), "{shown}");
    }
    // The future date is written the Spanish way.
    let mut form = vec![("csrf", p.csrf.as_str())];
    form.extend([
        ("analyte", "ck"),
        ("value", "300"),
        ("unit", "U/L"),
        ("date", tomorrow.as_str()),
    ]);
    let r = t.post_form(&labs, &form, Some(&es)).await;
    let shown = banner(&r.body);
    assert!(
        shown.contains(&myo_web::i18n::date(Lang::Es, &tomorrow)),
        "{shown}"
    );
    t.cleanup().await;
}
