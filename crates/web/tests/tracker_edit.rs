//! Record kinds declared once, editing with history, medicines over time and guided
//! assessments, through the whole app in-process (SQLite, and PostgreSQL when
//! `MYO_TEST_POSTGRES_URL` is set).

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_web::tracker::kinds::KINDS;

/// Runs `case` on SQLite and, when configured, on PostgreSQL.
macro_rules! both_backends {
    ($name:ident, $case:ident) => {
        #[tokio::test]
        async fn $name() {
            let t = TestApp::sqlite().await;
            $case(&t).await;
            t.cleanup().await;
            if let Some(t) = TestApp::postgres(stringify!($name)).await {
                $case(&t).await;
                t.cleanup().await;
            }
        }
    };
}

fn today() -> String {
    myo_web::tracker::today()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

async fn post(t: &TestApp, p: &Person, path: &str, form: &[(&str, &str)]) -> common::Resp {
    let mut all = vec![("csrf", p.csrf.as_str())];
    all.extend_from_slice(form);
    t.post_form(&format!("/patients/{}/{path}", p.id), &all, Some(&p.cookie))
        .await
}

/// Every declared kind's page answers, and every record address is derived from the
/// declaration: an unknown record is the usual 404 (never a 500 or 405), a kind without a page
/// has no delete page, and an unknown kind is a 404 too.
async fn every_declared_kind_has_its_pages(t: &TestApp) {
    let p = person(t, "kinds@example.org").await;
    for k in KINDS {
        let missing = format!(
            "/patients/{}/records/{}/{}/delete",
            p.id,
            k.slug,
            "0".repeat(32)
        );
        let r = t.get(&missing, Some(&p.cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}: {}", k.slug, r.body);
        if let Some(href) = k.page_href(&p.id) {
            let r = t.get(&href, Some(&p.cookie)).await;
            assert_eq!(r.status, StatusCode::OK, "{href}: {}", r.body);
        }
    }
    let r = t
        .get(
            &format!(
                "/patients/{}/records/nonsense/{}/delete",
                p.id,
                "0".repeat(32)
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The diary is declared with a page, so a day can be deleted from it like any record.
    let r = post(t, &p, "diary", &[("date", &today()), ("weakness", "3")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let day = t
        .store()
        .get_diary_day(&myo_store::UserId(p.id.clone()), &today())
        .await
        .ok()
        .flatten()
        .map(|d| d.id.to_string())
        .unwrap_or_default();
    let confirm = format!("/patients/{}/records/diary/{day}/delete", p.id);
    let r = t.get(&confirm, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.to_lowercase().contains("weakness 3/10"),
        "{}",
        r.body
    );
    let r = t
        .post_form(&confirm, &[("csrf", p.csrf.as_str())], Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        format!("/patients/{}/diary?done=deleted", p.id)
    );
}
both_backends!(declared_kinds_have_pages, every_declared_kind_has_its_pages);
