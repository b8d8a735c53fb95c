//! The medicine form without JavaScript: every schedule field is shown (each marked with the
//! kinds it is for, which the page's script uses to hide the others), and the server uses only
//! the fields of the chosen kind. A field filled in for another kind is refused naming it,
//! never used or dropped silently; the menus and defaults that are always sent (day, time)
//! are ignored where not needed; a taper's dose comes from its steps.

mod common;

use axum::http::StatusCode;
use common::{Person, TestApp, person};
use myo_store::UserId;

on_both_apps!(
    the_form_marks_each_field_with_its_kinds,
    fields_of_another_kind_are_refused_by_name,
    defaults_for_other_kinds_are_ignored_and_the_right_schedule_is_saved,
);

fn form<'a>(p: &'a Person, kind: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("csrf", p.csrf.as_str()),
        ("name", "Hydroxychloroquine"),
        ("dose_amount", "200"),
        ("dose_unit", "mg"),
        ("route", "oral"),
        ("schedule_kind", kind),
        // What a browser without the script sends for the fields it shows: the menu's first
        // day and the default time, whatever the kind.
        ("time", "08:00"),
        ("day", "monday"),
        ("n", ""),
        ("times", ""),
        ("dates", ""),
        ("steps", ""),
        ("start", "2026-01-05"),
    ];
    for (k, v) in extra {
        f.retain(|(name, _)| name != k);
        f.push((k, v));
    }
    f
}

async fn saved(t: &TestApp, p: &Person) -> Vec<myo_store::MedicineRow> {
    t.store()
        .export_patient(&UserId(p.id.clone()))
        .await
        .expect("export")
        .medicines
}

async fn the_form_marks_each_field_with_its_kinds(t: &TestApp) {
    let p = person(t, "schedule-page@example.org").await;
    let r = t
        .get(&format!("/patients/{}/medicines", p.id), Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    for (id, kinds) in [
        ("med-day", "weekly"),
        ("med-n", "every_n_weeks"),
        ("med-times", "several_daily"),
        ("med-dates", "course"),
        ("med-steps", "taper"),
        ("med-time", "daily weekly every_n_weeks course taper"),
        (
            "med-dose",
            "daily several_daily weekly every_n_weeks course",
        ),
    ] {
        let at = r
            .body
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} is on the page"));
        let field = &r.body[..at];
        let start = field.rfind("<div class=\"field\"").expect("in a field");
        // Shown without the script: the tag ends right after its kinds (no `hidden`).
        assert!(
            field[start..].contains(&format!("data-kinds=\"{kinds}\">")),
            "{id}: {}",
            &field[start..]
        );
    }
    // The script that hides the other kinds' fields is served from this origin.
    assert!(
        r.body
            .contains("<script src=\"/static/schedule.js\" defer></script>")
    );
    let js = t.get("/static/schedule.js", None).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.body.contains("data-kinds"));
}

async fn fields_of_another_kind_are_refused_by_name(t: &TestApp) {
    let p = person(t, "schedule-refused@example.org").await;
    let page = format!("/patients/{}/medicines", p.id);
    for (kind, extra, label) in [
        (
            "daily",
            ("steps", "20 mg for 7 days, 10 mg for 7 days"),
            "Taper steps:",
        ),
        ("weekly", ("n", "2"), "Every N weeks:"),
        ("daily", ("times", "08:00, 20:00"), "Times:"),
        ("taper", ("dates", "2026-01-05"), "Dates:"),
        ("every_n_weeks", ("times", "08:00"), "Times:"),
    ] {
        let mut f = form(&p, kind, &[extra]);
        if kind == "every_n_weeks" {
            f.push(("n", "4"));
        }
        if kind == "taper" {
            f.push(("steps", "20 mg for 7 days"));
        }
        let r = t.post_form(&page, &f, Some(&p.cookie)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{kind} {extra:?}"
        );
        assert!(r.body.contains(label), "{kind} {extra:?}: {}", r.body);
        assert!(r.body.contains("How often is"), "{kind} {extra:?}");
        // What was typed is kept for the person to fix.
        assert!(r.body.contains(extra.1), "{kind} {extra:?}");
    }
    // A taper with a Dose other than its first step's is refused; nothing was saved.
    let f = form(
        &p,
        "taper",
        &[
            ("steps", "20 mg for 7 days, 10 mg for 7 days"),
            ("dose_amount", "40"),
        ],
    );
    let r = t.post_form(&page, &f, Some(&p.cookie)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Dose:"), "{}", r.body);
    assert!(r.body.contains("first taper step"), "{}", r.body);
    assert!(saved(t, &p).await.is_empty());
}

async fn defaults_for_other_kinds_are_ignored_and_the_right_schedule_is_saved(t: &TestApp) {
    let p = person(t, "schedule-saved@example.org").await;
    let page = format!("/patients/{}/medicines", p.id);
    // Daily with the day menu on Monday: saved daily, the day not used.
    let r = t
        .post_form(&page, &form(&p, "daily", &[]), Some(&p.cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Several a day with the default time: saved with the listed times.
    let r = t
        .post_form(
            &page,
            &form(
                &p,
                "several_daily",
                &[
                    ("name", "Prednisolone"),
                    ("dose_amount", "5"),
                    ("times", "08:00, 20:00"),
                ],
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A taper with no Dose: the dose is the first step's.
    let r = t
        .post_form(
            &page,
            &form(
                &p,
                "taper",
                &[
                    ("name", "Prednisone"),
                    ("dose_amount", ""),
                    ("steps", "20 mg for 7 days, 10 mg for 7 days"),
                ],
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rows = saved(t, &p).await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    let named = |n: &str| rows.iter().find(|m| m.name == n).expect("saved");
    let daily = named("Hydroxychloroquine");
    assert_eq!(daily.schedule_kind, "daily");
    assert!(
        !daily.schedule_json.contains("monday"),
        "{}",
        daily.schedule_json
    );
    let several = named("Prednisolone");
    assert_eq!(several.schedule_kind, "several_daily");
    assert!(
        several.schedule_json.contains("20:00"),
        "{}",
        several.schedule_json
    );
    let taper = named("Prednisone");
    assert_eq!(taper.schedule_kind, "taper");
    assert!((taper.dose_amount - 20.0).abs() < 1e-9);
    // The day is used when the kind is weekly.
    let r = t
        .post_form(
            &page,
            &form(
                &p,
                "weekly",
                &[
                    ("name", "Methotrexate"),
                    ("dose_amount", "15"),
                    ("day", "friday"),
                ],
            ),
            Some(&p.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rows = saved(t, &p).await;
    let mtx = rows
        .iter()
        .find(|m| m.name == "Methotrexate")
        .expect("saved");
    assert!(
        mtx.schedule_json.contains("friday"),
        "{}",
        mtx.schedule_json
    );
}
