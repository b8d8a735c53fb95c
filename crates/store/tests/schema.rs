//! Both migration trees, applied to empty databases, must produce the same logical schema, and
//! that schema must be the one written down in `tests/schema.expected` (so a change to either
//! tree shows up in review as a diff of that file).

mod common;

use myo_store::schema::describe;

const EXPECTED: &str = include_str!("schema.expected");

async fn migrated_description(db: &common::TestDb) -> String {
    db.open().await.close().await;
    describe(&db.location).await.expect("describe").to_string()
}

fn assert_expected(backend: &str, actual: &str) {
    assert!(
        actual == EXPECTED,
        "{backend} schema differs from tests/schema.expected; actual:\n{actual}"
    );
}

#[tokio::test]
async fn sqlite_schema_is_the_documented_one() {
    let db = common::sqlite();
    let actual = migrated_description(&db).await;
    db.cleanup().await;
    assert_expected("SQLite", &actual);
}

#[tokio::test]
async fn postgres_schema_is_the_documented_one() {
    let Some(db) = common::postgres("postgres_schema_is_the_documented_one").await else {
        return;
    };
    let actual = migrated_description(&db).await;
    db.cleanup().await;
    assert_expected("PostgreSQL", &actual);
}

#[tokio::test]
async fn describe_reports_every_table_of_both_migrations() {
    let db = common::sqlite();
    db.open().await.close().await;
    let schema = describe(&db.location).await.unwrap();
    db.cleanup().await;
    let names: Vec<&str> = schema.tables.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "antibody_results",
            "api_tokens",
            "assessments",
            "audit_events",
            "calendar_feeds",
            "cds_jti",
            "clinician_grants",
            "community_actions",
            "community_helped",
            "community_moderators",
            "community_posters",
            "community_posts",
            "community_rate",
            "community_reports",
            "conditions",
            "diary_entries",
            "dose_events",
            "grant_invitations",
            "home_tests",
            "lab_results",
            "login_attempts",
            "login_throttle",
            "medicines",
            "monitoring_tests",
            "password_resets",
            "patient_profiles",
            "profile_handovers",
            "record_versions",
            "red_flags",
            "refused_attempts",
            "reminder_outbox",
            "reminder_prefs",
            "reset_requests",
            "sessions",
            "share_links",
            "trial_saved_searches",
            "trial_search_emails",
            "trial_syncs",
            "trials",
            "users",
            "visits"
        ]
    );
    let order = schema.dependency_order();
    let users = order.iter().position(|t| t == "users").unwrap();
    let sessions = order.iter().position(|t| t == "sessions").unwrap();
    assert!(users < sessions, "{order:?}");
    let medicines = order.iter().position(|t| t == "medicines").unwrap();
    let doses = order.iter().position(|t| t == "dose_events").unwrap();
    assert!(users < medicines && medicines < doses, "{order:?}");
}

#[tokio::test]
async fn sqlite_file_is_in_wal_mode_with_foreign_keys_enforced() {
    use sqlx::{Connection, Row, SqliteConnection};
    let db = common::sqlite();
    db.open().await.close().await;
    let myo_store::Location::Sqlite(path) = &db.location else {
        unreachable!()
    };
    let mut raw = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let mode: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(&mut raw)
        .await
        .unwrap()
        .get(0);
    assert_eq!(mode, "wal");
    raw.close().await.unwrap();
    // Foreign keys are per connection; the store's own connections are checked by the
    // conformance case `session_for_missing_user_is_refused`.
    db.cleanup().await;
}
