//! Test databases: a temporary SQLite file, or a fresh PostgreSQL schema when
//! `MYO_TEST_POSTGRES_URL` is set. Shared by the conformance, schema and copy tests.

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod care;
pub mod fixtures;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use myo_store::schema::{ColumnType, describe};
use myo_store::{
    AuditEntry, Location, NewUser, OpenOptions, Outcome, Role, Store, Timestamp, User, UserId,
};
use sqlx::{AssertSqlSafe, Connection, PgConnection, Row, SqliteConnection};

/// A new account with a placeholder password hash (store tests never sign in).
pub async fn user(store: &dyn Store, email: &str, role: Role) -> User {
    let new = NewUser {
        id: UserId::random(),
        email: email.to_owned(),
        password_hash: "h".into(),
        role,
        display_name: String::new(),
        created_at: Timestamp::now(),
    };
    let entry = AuditEntry::new(Timestamp::now(), "create", "user", None, Outcome::Success);
    store.create_user(&new, &entry).await.expect("user")
}

/// Environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "MYO_TEST_POSTGRES_URL";

/// One isolated database for one test.
pub struct TestDb {
    pub location: Location,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Schema { base_url: String, schema: String },
}

/// A new SQLite database in its own temporary directory.
pub fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(format!("myo-store-{}", myo_store::token::random_hex(8)));
    TestDb {
        location: Location::from_data_dir(&dir),
        cleanup: Cleanup::Dir(dir),
    }
}

/// A new, empty PostgreSQL schema, or `None` (after saying so) when the server is not configured.
pub async fn postgres(test: &str) -> Option<TestDb> {
    let Ok(base_url) = std::env::var(PG_ENV) else {
        eprintln!("{test}: PostgreSQL half skipped: {PG_ENV} is not set");
        return None;
    };
    let schema = format!("t_{}", myo_store::token::random_hex(8));
    let mut conn = PgConnection::connect(&base_url)
        .await
        .expect("connect to test PostgreSQL");
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut conn)
        .await
        .expect("create test schema");
    conn.close().await.ok();
    let sep = if base_url.contains('?') { '&' } else { '?' };
    let url = format!("{base_url}{sep}options[search_path]={schema}");
    Some(TestDb {
        location: Location::parse(&url).expect("test URL parses"),
        cleanup: Cleanup::Schema { base_url, schema },
    })
}

impl TestDb {
    /// Opens (and migrates) the store.
    pub async fn open(&self) -> Arc<dyn Store> {
        myo_store::open(&self.location, OpenOptions::default())
            .await
            .expect("open store")
    }

    /// Runs one statement on a connection of its own, bypassing the store.
    pub async fn raw_exec(&self, sql: &str) -> Result<u64, String> {
        let sql = AssertSqlSafe(sql.to_owned());
        match &self.location {
            Location::Sqlite(path) => {
                let mut c = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .map_err(|e| e.to_string())?;
                let done = sqlx::query(sql)
                    .execute(&mut c)
                    .await
                    .map_err(|e| e.to_string());
                c.close().await.ok();
                done.map(|d| d.rows_affected())
            }
            Location::Postgres(url) => {
                let mut c = PgConnection::connect(url)
                    .await
                    .map_err(|e| e.to_string())?;
                let done = sqlx::query(sql)
                    .execute(&mut c)
                    .await
                    .map_err(|e| e.to_string());
                c.close().await.ok();
                done.map(|d| d.rows_affected())
            }
        }
    }

    /// Every row of every table as text, tables by name, rows in primary-key order.
    pub async fn dump(&self) -> BTreeMap<String, Vec<Vec<Option<String>>>> {
        let schema = describe(&self.location).await.expect("describe");
        let mut out = BTreeMap::new();
        for (name, table) in &schema.tables {
            let cols: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
            let sql = format!(
                "SELECT {} FROM {name} ORDER BY {}",
                cols.join(", "),
                table.primary_key.join(", ")
            );
            let types: Vec<ColumnType> = table.columns.iter().map(|c| c.ty.clone()).collect();
            out.insert(name.clone(), self.rows(&sql, &types).await);
        }
        out
    }

    async fn rows(&self, sql: &str, types: &[ColumnType]) -> Vec<Vec<Option<String>>> {
        let sql = AssertSqlSafe(sql.to_owned());
        match &self.location {
            Location::Sqlite(path) => {
                let mut c = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap();
                let rows = sqlx::query(sql).fetch_all(&mut c).await.unwrap();
                rows.iter()
                    .map(|r| text_row(types, |i, ty| cell(r, i, ty)))
                    .collect()
            }
            Location::Postgres(url) => {
                let mut c = PgConnection::connect(url).await.unwrap();
                let rows = sqlx::query(sql).fetch_all(&mut c).await.unwrap();
                rows.iter()
                    .map(|r| text_row(types, |i, ty| cell(r, i, ty)))
                    .collect()
            }
        }
    }

    /// Removes the database (directory or schema).
    pub async fn cleanup(self) {
        match self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Schema { base_url, schema } => {
                let mut conn = PgConnection::connect(&base_url).await.unwrap();
                sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.ok();
            }
        }
    }
}

fn text_row(
    types: &[ColumnType],
    get: impl Fn(usize, &ColumnType) -> Option<String>,
) -> Vec<Option<String>> {
    types.iter().enumerate().map(|(i, ty)| get(i, ty)).collect()
}

fn cell<R>(row: &R, i: usize, ty: &ColumnType) -> Option<String>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    match ty {
        ColumnType::Integer => row
            .try_get::<Option<i64>, _>(i)
            .unwrap()
            .map(|v| v.to_string()),
        ColumnType::Boolean => row
            .try_get::<Option<bool>, _>(i)
            .unwrap()
            .map(|v| v.to_string()),
        ColumnType::Text => row.try_get::<Option<String>, _>(i).unwrap(),
        ColumnType::Other(t) => panic!("unexpected column type {t}"),
    }
}

/// Runs `case` on `db`, then removes the database even if the case panicked (a panic inside a
/// spawned task comes back as an error), and only then re-raises the panic.
pub async fn with_db<F, Fut>(db: TestDb, case: F)
where
    F: FnOnce(Arc<TestDb>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let db = Arc::new(db);
    let outcome = tokio::spawn(case(Arc::clone(&db))).await;
    if let Some(db) = Arc::into_inner(db) {
        db.cleanup().await;
    }
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

/// Declares each listed `async fn case(db: &TestDb)` as two tests, `sqlite::case` and
/// `postgres::case`; the PostgreSQL one passes after printing "skipped" when not configured.
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let db = $crate::common::sqlite();
                    $crate::common::with_db(db, |db| async move { super::$case(&db).await }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(db) = $crate::common::postgres(stringify!($case)).await else {
                        return;
                    };
                    $crate::common::with_db(db, |db| async move { super::$case(&db).await }).await;
                }
            )*
        }
    };
}
