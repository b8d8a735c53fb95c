//! Benchmark: dashboard render time for a heavy record: 10 years of daily
//! diary, 500 lab results and 40 medicines, seeded straight into the store, then
//! `GET /patients/{id}` timed through the whole app (session, access check, audit, load, compute,
//! template). Prints the median of 5 on SQLite, and on PostgreSQL when `MYO_TEST_POSTGRES_URL`
//! is set. Target: <= 50 ms. Run: `cargo bench -p myo-web --bench dashboard`.
//! A benchmark, not a test: timings are reported, never asserted.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::TestApp;
use myo_store::{
    AuditEntry, DiaryRow, LabRow, MedicineRow, Outcome, Record, RecordId, Timestamp, UserId,
};

async fn seed(t: &TestApp, patient: &UserId) {
    let today = myo_web::tracker::today().expect("today");
    let now = Timestamp::now();
    let audit = AuditEntry::new(now, "create", "seed", None, Outcome::Success)
        .for_patient(patient.as_str());
    let store = t.store();
    for i in 0..3650 {
        let d = today.add_days(-i);
        let v = f64::from(i % 11);
        let row = DiaryRow {
            id: RecordId::random(),
            date: d.to_string(),
            weakness: Some(v),
            fatigue: Some(10.0 - v),
            pain: Some(3.0),
            mood: Some(6.0),
            fever: Some(false),
            updated_at: now,
            ..DiaryRow::default()
        };
        store
            .create_record(patient, &Record::Diary(row), &audit)
            .await
            .expect("diary");
    }
    let analytes = ["ck", "alt", "ast", "ldh", "crp"];
    for i in 0..500 {
        let row = LabRow {
            id: RecordId::random(),
            date: today.add_days(-(i * 7)).to_string(),
            analyte: analytes[usize::try_from(i).unwrap_or(0) % analytes.len()].to_owned(),
            value: format!("{}", 100 + i),
            unit: "U/L".to_owned(),
            uln: Some("200".to_owned()),
            updated_at: now,
            ..LabRow::default()
        };
        store
            .create_record(patient, &Record::Lab(row), &audit)
            .await
            .expect("lab");
    }
    let names = [
        "methotrexate",
        "azathioprine",
        "mycophenolate",
        "tacrolimus",
        "hydroxychloroquine",
    ];
    for i in 0..40 {
        let weekly = i == 0;
        let schedule = if weekly {
            r#"{"kind":"weekly","day":"friday","time":"08:00"}"#
        } else {
            r#"{"kind":"daily","time":"08:00"}"#
        };
        let row = MedicineRow {
            id: RecordId::random(),
            name: names
                .get(i)
                .map_or_else(|| format!("Medicine {i}"), |n| (*n).to_owned()),
            dose_amount: 10.0,
            dose_unit: "mg".to_owned(),
            route: "oral".to_owned(),
            schedule_kind: if weekly { "weekly" } else { "daily" }.to_owned(),
            schedule_json: schedule.to_owned(),
            start_date: today
                .add_days(-(i32::try_from(i).unwrap_or(0) * 60))
                .to_string(),
            updated_at: now,
            confirmation: None,
            stop_reason: None,
            follows: None,
            ..MedicineRow::default()
        };
        store
            .create_record(patient, &Record::Medicine(row), &audit)
            .await
            .expect("medicine");
    }
}

async fn measure(t: &TestApp, label: &str) -> Duration {
    let cookie = t.signup("bench@example.org", "correct horse battery").await;
    let me = t.get("/tracker", Some(&cookie)).await;
    let id = me
        .header("location")
        .trim_start_matches("/patients/")
        .to_owned();
    let patient = UserId(id.clone());
    seed(t, &patient).await;
    let path = format!("/patients/{id}");
    let warm = t.get(&path, Some(&cookie)).await;
    assert_eq!(warm.status, StatusCode::OK, "{}", warm.body);
    assert!(warm.body.contains("<svg"));
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let r = t.get(&path, Some(&cookie)).await;
        times.push(start.elapsed());
        assert_eq!(r.status, StatusCode::OK);
    }
    times.sort();
    let median = times[2];
    println!("dashboard {label}: median {median:?} of {times:?}");
    median
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let t = TestApp::sqlite().await;
        let sqlite = measure(&t, "sqlite").await;
        t.cleanup().await;
        let pg = match TestApp::postgres("dashboard_bench").await {
            Some(t) => {
                let pg = measure(&t, "postgres").await;
                t.cleanup().await;
                Some(pg)
            }
            None => None,
        };
        let target = Duration::from_millis(50);
        println!("target {target:?}");
        println!(
            "sqlite: {sqlite:?} ({:.2}x target)",
            sqlite.as_secs_f64() / target.as_secs_f64()
        );
        if let Some(pg) = pg {
            println!(
                "postgres: {pg:?} ({:.2}x target)",
                pg.as_secs_f64() / target.as_secs_f64()
            );
        }
    });
}
