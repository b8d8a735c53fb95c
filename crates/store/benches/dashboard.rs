//! Timing of the dashboard's storage load: one patient with 10 years of daily diary, 500 lab
//! results and 40 medicines (plus a year of dose events), read with `load_patient` on SQLite and,
//! when `MYO_TEST_POSTGRES_URL` is set, on PostgreSQL (in a throw-away schema).
//!
//! `cargo bench -p myo-store --bench dashboard`. A plain timing loop (median and 95th percentile
//! of 30 runs after 3 warm-ups) rather than criterion: criterion's async support needs another
//! feature and the number we need is milliseconds against a 50 ms budget, not nanosecond drift.

use std::sync::Arc;
use std::time::{Duration, Instant};

use myo_store::token::random_hex;
use myo_store::{
    AuditEntry, DateRange, DiaryRow, DoseEventRow, LabRow, Location, MedicineRow, NewUser,
    OpenOptions, Outcome, Record, RecordId, Role, Store, Timestamp, UserId,
};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

const DAYS: i64 = 3_653;
const LABS: usize = 500;
const MEDICINES: usize = 40;
const DOSE_DAYS: i64 = 365;

fn date(day: i64) -> String {
    // 2016-01-01 is day 16_801 since the epoch; civil conversion via the store's RFC 3339.
    Timestamp::from_millis((16_801 + day) * 86_400_000).to_rfc3339()[..10].to_owned()
}

fn audit(patient: &UserId) -> AuditEntry {
    AuditEntry::new(Timestamp::now(), "create", "bench", None, Outcome::Success)
        .by(Some(patient.as_str()), "patient")
}

async fn populate(store: &Arc<dyn Store>) -> UserId {
    let patient = UserId::random();
    let user = NewUser {
        id: patient.clone(),
        email: format!("{}@example.org", random_hex(4)),
        password_hash: "x".into(),
        role: Role::Patient,
        display_name: "Bench".into(),
        created_at: Timestamp::now(),
    };
    store.create_user(&user, &audit(&patient)).await.unwrap();
    let a = audit(&patient);
    for day in 0..DAYS {
        let n = |k: i64| Some(((day * k) % 11) as f64);
        let row = DiaryRow {
            id: RecordId::random(),
            date: date(day),
            weakness: n(3),
            fatigue: n(5),
            pain: n(7),
            rash: if day % 9 == 0 { None } else { n(2) },
            itch: n(1),
            sleep_quality: n(4),
            mood: n(6),
            swallowing_trouble: Some(day % 13 == 0),
            breathlessness: Some(false),
            fever: None,
            new_skin_sores: Some(false),
            note: (day % 7 == 0).then(|| "tired after the stairs".to_owned()),
            updated_at: Timestamp::now(),
        };
        store
            .create_record(&patient, &Record::Diary(row), &a)
            .await
            .unwrap();
    }
    let analytes = [
        "ck",
        "aldolase",
        "ast",
        "alt",
        "ldh",
        "crp",
        "esr",
        "creatinine",
    ];
    for i in 0..LABS {
        let row = LabRow {
            id: RecordId::random(),
            date: date(i as i64 * 7),
            analyte: analytes[i % analytes.len()].into(),
            value: format!("{}.{}", 100 + i * 3, i % 10),
            unit: "U/L".into(),
            range_low: Some("39".into()),
            range_high: Some("308".into()),
            uln: None,
            loinc: Some("2157-6".into()),
            updated_at: Timestamp::now(),
        };
        store
            .create_record(&patient, &Record::Lab(row), &a)
            .await
            .unwrap();
    }
    let mut first_medicine = None;
    for i in 0..MEDICINES {
        let start = i as i64 * 90;
        let row = MedicineRow {
            id: RecordId::random(),
            name: format!("Medicine {i}"),
            generic_name: Some("prednisone".into()),
            rxcui: None,
            dose_amount: 5.0,
            dose_unit: "mg".into(),
            route: "oral".into(),
            schedule_kind: "daily".into(),
            schedule_json: r#"{"kind":"daily","time":"08:00"}"#.into(),
            start_date: date(start),
            end_date: (i % 3 != 0).then(|| date(start + 180)),
            risk_factor: false,
            updated_at: Timestamp::now(),
            confirmation: None,
            stop_reason: None,
            follows: None,
        };
        let stored = store
            .create_record(&patient, &Record::Medicine(row), &a)
            .await
            .unwrap();
        first_medicine.get_or_insert(stored.id().clone());
    }
    let medicine = first_medicine.unwrap();
    for day in DAYS - DOSE_DAYS..DAYS {
        let row = DoseEventRow {
            id: RecordId::random(),
            medicine_id: medicine.clone(),
            date: date(day),
            time: "08:00".into(),
            outcome: if day % 10 == 0 { "missed" } else { "taken" }.into(),
            taken_at: None,
            updated_at: Timestamp::now(),
        };
        store
            .create_record(&patient, &Record::DoseEvent(row), &a)
            .await
            .unwrap();
    }
    patient
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    format!("median {:.2} ms, p95 {:.2} ms", ms(median), ms(p95))
}

async fn time<F, Fut>(runs: usize, mut f: F) -> String
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..3 {
        f().await;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f().await;
        times.push(start.elapsed());
    }
    summary(times)
}

async fn bench(name: &str, location: &Location) {
    let store = myo_store::open(location, OpenOptions::default())
        .await
        .unwrap();
    let started = Instant::now();
    let patient = populate(&store).await;
    eprintln!(
        "{name}: populated {DAYS} diary days, {LABS} labs, {MEDICINES} medicines, \
         {DOSE_DAYS} doses in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let all = DateRange::all();
    let data = store.load_patient(&patient, &all).await.unwrap();
    assert_eq!(data.diary.len(), DAYS as usize);
    assert_eq!(data.labs.len(), LABS);
    assert_eq!(data.medicines.len(), MEDICINES);
    let whole = time(30, || async {
        store.load_patient(&patient, &all).await.unwrap();
    })
    .await;
    let year = DateRange::between(&date(DAYS - 365), &date(DAYS));
    let last_year = time(30, || async {
        store.load_patient(&patient, &year).await.unwrap();
    })
    .await;
    let two = DateRange::between(&date(DAYS - 730), &date(DAYS));
    let two_years = time(30, || async {
        store.load_patient(&patient, &two).await.unwrap();
    })
    .await;
    let diary = time(30, || async {
        store
            .list_records(&patient, myo_store::RecordKind::Diary, &all)
            .await
            .unwrap();
    })
    .await;
    if let Location::Sqlite(path) = location {
        let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let sql = "SELECT id, date, weakness, fatigue, pain, rash, itch, sleep_quality, mood, \
                   swallowing_trouble, breathlessness, fever, new_skin_sores, note, updated_at \
                   FROM diary_entries WHERE patient_id = $1 ORDER BY date, id";
        let mut times = Vec::new();
        for _ in 0..30 {
            let start = Instant::now();
            let rows = sqlx::query(sql)
                .bind(patient.as_str())
                .fetch_all(&mut raw)
                .await
                .unwrap();
            assert_eq!(rows.len(), DAYS as usize);
            times.push(start.elapsed());
        }
        println!(
            "{name}: raw diary fetch, no decoding:        {}",
            summary(times)
        );
    }
    println!("{name}: load_patient (10 years, everything): {whole}");
    println!("{name}: load_patient (last 730 days):        {two_years}");
    println!("{name}: load_patient (last 365 days):        {last_year}");
    println!("{name}: list_records diary (10 years):       {diary}");
    store.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("myo-bench-{}", random_hex(6)));
        bench("SQLite", &Location::from_data_dir(&dir)).await;
        let _ = std::fs::remove_dir_all(&dir);
        match std::env::var("MYO_TEST_POSTGRES_URL") {
            Ok(base) => {
                let schema = format!("bench_{}", random_hex(6));
                let mut conn = PgConnection::connect(&base).await.unwrap();
                sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options[search_path]={schema}");
                bench("PostgreSQL", &Location::parse(&url).unwrap()).await;
                sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.ok();
            }
            Err(_) => println!("PostgreSQL: skipped (MYO_TEST_POSTGRES_URL not set)"),
        }
    });
}
