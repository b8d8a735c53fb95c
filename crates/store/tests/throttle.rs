//! Sign-in throttling under concurrency, on both backends: the attempt is reserved in the
//! transaction that checks the limit, so parallel wrong passwords get exactly the budget.
//! Also: NUL bytes left by older versions are removed at open, so `db copy` to PostgreSQL works.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::TestDb;
use myo_store::Timestamp;
use myo_store::throttle::{Attempt, Reservation, ThrottlePolicy};

on_both_backends!(
    parallel_attempts_get_exactly_the_budget,
    another_address_is_not_locked_out_and_success_forgets,
    an_address_has_one_budget_across_accounts,
    sign_ups_are_limited_per_address,
);

const POLICY: ThrottlePolicy = ThrottlePolicy {
    free_failures: 5,
    base_delay: Duration::from_secs(30),
    max_delay: Duration::from_secs(3600),
    address_max: 20,
    window: Duration::from_secs(900),
};

fn sign_in<'a>(account: &'a str, address: &'a str) -> Attempt<'a> {
    Attempt::SignIn { account, address }
}

async fn parallel_attempts_get_exactly_the_budget(db: &TestDb) {
    let store = db.open().await;
    let now = Timestamp::now();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .reserve_attempt(sign_in("victim@x.test", "192.0.2.7"), &POLICY, now)
                    .await
                    .expect("reserve")
            })
        })
        .collect();
    let mut allowed = 0;
    let mut first = 0;
    for t in tasks {
        match t.await.expect("task") {
            Reservation::Allowed => allowed += 1,
            Reservation::Refused {
                retry_after,
                first_in_minute,
            } => {
                assert!(retry_after > Duration::ZERO);
                first += usize::from(first_in_minute);
            }
        }
    }
    assert_eq!(allowed, 5, "exactly the configured number of checks");
    assert_eq!(
        first, 1,
        "one refusal per minute is flagged for the audit log"
    );
    let since = Timestamp::from_millis(now.as_millis() - 120_000);
    assert_eq!(
        store.count_refused("victim@x.test", since).await.unwrap(),
        95
    );
    store.close().await;
}

async fn another_address_is_not_locked_out_and_success_forgets(db: &TestDb) {
    let store = db.open().await;
    let now = Timestamp::now();
    for _ in 0..5 {
        let r = store
            .reserve_attempt(sign_in("a@x.test", "198.51.100.1"), &POLICY, now)
            .await
            .unwrap();
        assert_eq!(r, Reservation::Allowed);
    }
    let refused = store
        .reserve_attempt(sign_in("a@x.test", "198.51.100.1"), &POLICY, now)
        .await
        .unwrap();
    assert!(
        matches!(refused, Reservation::Refused { retry_after, .. } if retry_after == Duration::from_secs(30)),
        "{refused:?}"
    );
    // The owner, elsewhere, is not locked out by someone else's guesses.
    let owner = sign_in("a@x.test", "203.0.113.9");
    assert_eq!(
        store.reserve_attempt(owner, &POLICY, now).await.unwrap(),
        Reservation::Allowed
    );
    store.attempt_succeeded(owner).await.unwrap();
    // Back-off doubles: after the 30 s wait, one more failure blocks for 60 s.
    let later = now.add_millis(30_000);
    let pair = sign_in("a@x.test", "198.51.100.1");
    assert_eq!(
        store.reserve_attempt(pair, &POLICY, later).await.unwrap(),
        Reservation::Allowed
    );
    assert!(matches!(
        store.reserve_attempt(pair, &POLICY, later.add_millis(59_000)).await.unwrap(),
        Reservation::Refused { retry_after, .. } if retry_after == Duration::from_secs(1)
    ));
    // A success forgets the pair's failures.
    let after = later.add_millis(60_000);
    assert_eq!(
        store.reserve_attempt(pair, &POLICY, after).await.unwrap(),
        Reservation::Allowed
    );
    store.attempt_succeeded(pair).await.unwrap();
    for _ in 0..4 {
        assert_eq!(
            store.reserve_attempt(pair, &POLICY, after).await.unwrap(),
            Reservation::Allowed
        );
    }
    assert_eq!(store.prune_throttle(after, &POLICY).await.unwrap(), 0);
    store.close().await;
}

async fn an_address_has_one_budget_across_accounts(db: &TestDb) {
    let store = db.open().await;
    let now = Timestamp::now();
    let emails: Vec<String> = (0..21).map(|i| format!("u{i}@x.test")).collect();
    for email in &emails[..20] {
        let r = store
            .reserve_attempt(sign_in(email, "192.0.2.50"), &POLICY, now)
            .await
            .unwrap();
        assert_eq!(r, Reservation::Allowed, "{email}");
    }
    let r = store
        .reserve_attempt(sign_in(&emails[20], "192.0.2.50"), &POLICY, now)
        .await
        .unwrap();
    assert!(matches!(r, Reservation::Refused { .. }), "{r:?}");
    // The refused attempt did not consume the new account's pair budget.
    let elsewhere = store
        .reserve_attempt(sign_in(&emails[20], "192.0.2.51"), &POLICY, now)
        .await
        .unwrap();
    assert_eq!(elsewhere, Reservation::Allowed);
    // The window ends: the address may try again; quiet counters are pruned.
    let later = now.add_millis(900_000);
    let again = store
        .reserve_attempt(sign_in(&emails[20], "192.0.2.50"), &POLICY, later)
        .await
        .unwrap();
    assert_eq!(again, Reservation::Allowed);
    assert!(
        store
            .prune_throttle(later.add_millis(3_600_000), &POLICY)
            .await
            .unwrap()
            > 0
    );
    store.close().await;
}

async fn sign_ups_are_limited_per_address(db: &TestDb) {
    let store = db.open().await;
    let now = Timestamp::now();
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .reserve_attempt(
                        Attempt::SignUp {
                            address: "192.0.2.99",
                        },
                        &POLICY,
                        now,
                    )
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tasks {
        allowed += usize::from(t.await.unwrap() == Reservation::Allowed);
    }
    assert_eq!(allowed, 20);
    store.close().await;
}

/// Older versions stored NUL bytes on SQLite; PostgreSQL refuses them, so one such value made
/// `db copy` fail for the whole database. Opening the store removes them.
#[tokio::test]
async fn nul_bytes_are_removed_at_open_so_copy_to_postgres_works() {
    let src = common::sqlite();
    let store = src.open().await;
    store.close().await;
    src.raw_exec(
        "INSERT INTO users (id, email, password_hash, role, display_name, created_at) \
         VALUES ('u1', 'n' || char(0) || '@x.test', 'h', 'patient', 'A' || char(0) || 'B', 1)",
    )
    .await
    .expect("insert with NUL");
    let store = src.open().await;
    let user = store
        .get_user(&myo_store::UserId("u1".into()))
        .await
        .unwrap()
        .expect("user");
    assert_eq!(user.display_name, "AB");
    assert_eq!(user.email, "n@x.test");
    store.close().await;
    if let Some(dst) =
        common::postgres("nul_bytes_are_removed_at_open_so_copy_to_postgres_works").await
    {
        let report = myo_store::copy(&src.location, &dst.location).await;
        dst.cleanup().await;
        report.expect("copy to PostgreSQL");
    }
    src.cleanup().await;
}

/// The data directory is created 0700 and the database, WAL and shared-memory files are 0600,
/// whatever the umask: they hold health data and password hashes.
#[cfg(unix)]
#[tokio::test]
async fn database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = common::sqlite();
    let myo_store::Location::Sqlite(path) = db.location.clone() else {
        unreachable!("sqlite")
    };
    let store = db.open().await;
    store
        .reserve_attempt(
            Attempt::SignUp {
                address: "192.0.2.1",
            },
            &POLICY,
            Timestamp::now(),
        )
        .await
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().unwrap()), 0o700, "data directory");
    assert_eq!(mode(&path), 0o600, "database");
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let extra = std::path::PathBuf::from(name);
        assert!(extra.exists(), "{suffix}");
        assert_eq!(mode(&extra), 0o600, "{suffix}");
    }
    store.close().await;
    db.cleanup().await;
}
