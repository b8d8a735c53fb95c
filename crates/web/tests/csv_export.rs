//! The CSV export, pinned byte for byte: every file, with a full and a mostly empty row of its
//! kind, numbers, yes/no values, empty cells, commas, quotes, new lines and formula-like text.
//! The pinned text is `fixtures/csv_export.txt`; a change to the export's columns or cell
//! format fails here. (To write the file anew after an intended change, run with
//! `MYO_PIN_CSV=write` and review the difference.) Through the whole app, on SQLite and, with
//! `MYO_TEST_POSTGRES_URL` set, PostgreSQL: a medicine's confirmation reason and the time a dose
//! was ticked reach the export, formula-guarded.

mod common;

use axum::http::StatusCode;
use common::{TestApp, person};
use myo_store::{
    AntibodyRow, AssessmentRow, ConditionRow, DiaryRow, DoseEventRow, HomeTestRow, LabRow,
    MedicineRow, PatientData, RecordId, Timestamp, VisitRow,
};
use myo_web::tracker::export::csv_file;
use myo_web::tracker::kinds::csv_files;

fn id(s: &str) -> RecordId {
    RecordId(s.to_owned())
}

fn data() -> PatientData {
    let t = Timestamp::from_millis(1_767_225_600_000);
    PatientData {
        diary: vec![
            DiaryRow {
                id: id("d1"),
                date: "2026-01-02".into(),
                weakness: Some(3.0),
                fatigue: Some(4.5),
                pain: Some(0.0),
                rash: Some(1.0),
                itch: Some(2.0),
                sleep_quality: Some(7.0),
                mood: Some(6.0),
                swallowing_trouble: Some(true),
                breathlessness: Some(false),
                fever: Some(false),
                new_skin_sores: Some(true),
                note: Some("tired, \"heavy\" legs\nbetter by noon".into()),
                updated_at: t,
            },
            DiaryRow {
                id: id("d2"),
                date: "2026-01-03".into(),
                note: Some("=HYPERLINK(\"x\")".into()),
                updated_at: t,
                ..DiaryRow::default()
            },
        ],
        home_tests: vec![HomeTestRow {
            id: id("h1"),
            date: "2026-01-04".into(),
            sit_to_stand_30s: Some(12.0),
            timed_up_and_go_s: Some(8.25),
            arm_raise_s: None,
            updated_at: t,
        }],
        assessments: vec![AssessmentRow {
            id: id("a1"),
            date: "2026-01-05".into(),
            instrument: "mmt8".into(),
            input_json: r#"{"grades":{"neck_flexors":9}}"#.into(),
            results_json: r#"{"total":null}"#.into(),
            updated_at: t,
        }],
        labs: vec![
            LabRow {
                id: id("l1"),
                date: "2026-01-06".into(),
                analyte: "ck".into(),
                value: "1850".into(),
                unit: "U/L".into(),
                range_low: Some("30".into()),
                range_high: Some("200".into()),
                uln: Some("200".into()),
                loinc: Some("2157-6".into()),
                updated_at: t,
            },
            LabRow {
                id: id("l2"),
                date: "2026-01-07".into(),
                analyte: "alt".into(),
                value: "-1".into(),
                unit: "U/L".into(),
                updated_at: t,
                ..LabRow::default()
            },
        ],
        conditions: vec![ConditionRow {
            id: id("c1"),
            condition: "dermatomyositis".into(),
            icd10cm: Some("M33.10".into()),
            snomed: None,
            diagnosed: Some("2025-11-01".into()),
            resolved: None,
            updated_at: t,
        }],
        antibodies: vec![AntibodyRow {
            id: id("b1"),
            date: "2025-11-02".into(),
            antibody: "anti-mda5".into(),
            outcome: "positive".into(),
            titre: Some("1:320".into()),
            loinc: None,
            updated_at: t,
        }],
        medicines: vec![
            MedicineRow {
                id: id("m1"),
                name: "Prednisolone, 5 mg".into(),
                generic_name: Some("prednisolone".into()),
                rxcui: None,
                dose_amount: 12.5,
                dose_unit: "mg".into(),
                route: "oral".into(),
                schedule_kind: "daily".into(),
                schedule_json: r#"{"kind":"daily","time":"08:00"}"#.into(),
                start_date: "2026-01-01".into(),
                end_date: Some("2026-02-01".into()),
                risk_factor: true,
                updated_at: t,
                confirmation: Some("prescribed".into()),
                stop_reason: Some("tapered".into()),
                follows: None,
            },
            MedicineRow {
                id: id("m2"),
                name: "Prednisolone".into(),
                dose_amount: 10.0,
                dose_unit: "mg".into(),
                route: "oral".into(),
                schedule_kind: "daily".into(),
                schedule_json: r#"{"kind":"daily","time":"08:00"}"#.into(),
                start_date: "2026-02-01".into(),
                updated_at: t,
                confirmation: Some("+10 mg on top, as my team said".into()),
                follows: Some(id("m1")),
                ..MedicineRow::default()
            },
        ],
        dose_events: vec![DoseEventRow {
            id: id("e1"),
            medicine_id: id("m1"),
            date: "2026-01-02".into(),
            time: "08:00".into(),
            outcome: "taken".into(),
            taken_at: Some(t),
            updated_at: t,
        }],
        visits: vec![VisitRow {
            id: id("v1"),
            date: "2026-01-08".into(),
            physician_global: Some(4.0),
            patient_global: Some(5.5),
            extramuscular: None,
            mmt8_json: Some(r#"{"total":140}"#.into()),
            haq_json: Some(r#"{"score":1.25}"#.into()),
            cmas_json: Some(r#"{"total":48,"missing":["neck"]}"#.into()),
            enzymes_json: "[]".into(),
            updated_at: t,
        }],
        ..PatientData::default()
    }
}

#[test]
fn every_csv_file_is_pinned_byte_for_byte() {
    let d = data();
    let mut all = String::new();
    for (name, _) in csv_files() {
        let body = csv_file(name, &d).unwrap_or_else(|| panic!("{name} is a CSV file"));
        all.push_str(&format!("== {name}\n{body}"));
    }
    assert!(csv_file("nothing.csv", &d).is_none());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/csv_export.txt");
    if std::env::var("MYO_PIN_CSV").as_deref() == Ok("write") {
        std::fs::write(path, &all).expect("write the pin");
    }
    let pinned = std::fs::read_to_string(path).expect("the pinned export");
    assert_eq!(all, pinned, "the CSV export changed");
}

/// A prednisolone dose above the usual range, kept with a reason that starts like a formula,
/// and a dose ticked through the API: both reach the CSV files a person downloads, the reason
/// guarded, the tick time as an RFC 3339 UTC time.
async fn confirmation_and_tick_time_are_exported(t: &TestApp) {
    let p = person(t, "csv-export@example.org").await;
    let body = r#"{"name":"Prednisolone","dose":{"amount":80,"unit":"mg"},"route":"oral","schedule":{"kind":"daily","time":"08:00"},"start":"2026-01-02","confirmation":"+20 mg for a flare, my team said"}"#;
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines", p.id),
            body,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let med = r.json()["id"].as_str().unwrap_or_default().to_owned();
    let r = t
        .post_json(
            &format!("/api/v1/patients/{}/medicines/{med}/doses", p.id),
            r#"{"date":"2026-01-03","time":"08:00","outcome":"taken"}"#,
            Some(&p.bearer),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let get = |name: &'static str| {
        let path = format!("/patients/{}/export/{name}", p.id);
        let cookie = p.cookie.clone();
        async move { t.get(&path, Some(&cookie)).await }
    };
    let meds = get("medicines.csv").await;
    assert_eq!(meds.status, StatusCode::OK, "{}", meds.body);
    let head = meds.body.lines().next().unwrap_or_default();
    assert!(
        head.contains(",risk_factor,confirmation,stop_reason,"),
        "{head}"
    );
    assert!(
        meds.body
            .contains(",\"'+20 mg for a flare, my team said\","),
        "the reason is kept and guarded: {}",
        meds.body
    );
    let doses = get("doses.csv").await;
    assert_eq!(doses.status, StatusCode::OK, "{}", doses.body);
    let mut lines = doses.body.lines();
    assert_eq!(
        lines.next(),
        Some("id,medicine_id,date,time,outcome,taken_at,ticked_at")
    );
    let row: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    assert_eq!(row[1..5], [med.as_str(), "2026-01-03", "08:00", "taken"]);
    let ticked = row[6];
    assert!(
        ticked.len() == 24 && ticked.ends_with('Z') && ticked.as_bytes()[10] == b'T',
        "{ticked}"
    );
    let visits = get("visits.csv").await;
    assert!(
        visits.body.starts_with(
            "id,date,physician_global,patient_global,extramuscular,mmt8,haq,cmas,enzymes\r\n"
        ),
        "{}",
        visits.body
    );
}

#[tokio::test]
async fn confirmation_and_tick_time_reach_the_export() {
    let t = TestApp::sqlite().await;
    confirmation_and_tick_time_are_exported(&t).await;
    t.cleanup().await;
    if let Some(t) = TestApp::postgres("csv_export_e2e").await {
        confirmation_and_tick_time_are_exported(&t).await;
        t.cleanup().await;
    }
}
