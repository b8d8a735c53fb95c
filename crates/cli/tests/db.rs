//! End-to-end tests of `myo db migrate|copy` and `myo user add` on SQLite in temporary
//! directories (the PostgreSQL paths are covered by `myo-store`'s own tests).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("myo-cli-db-{}", unique_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A unique suffix without pulling a random crate into the binary's tests.
fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    format!("{}-{}", std::process::id(), nanos.as_nanos())
}

fn myo(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run myo");
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(stdin.unwrap_or_default().as_bytes())
        .unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn migrate_add_admin_and_copy() {
    let dir = temp_dir();
    let data = dir.join("data");
    let data = data.to_str().unwrap();

    let o = myo(&["db", "migrate", "--data-dir", data], None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("schema up to date"));

    let add = [
        "user",
        "add",
        "--email",
        "Admin@Example.org",
        "--role",
        "admin",
    ];
    let o = myo(
        &[&add[..], &["--password-stdin", "--data-dir", data]].concat(),
        Some("a long password\n"),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("created admin account admin@example.org"));

    let o = myo(
        &[&add[..], &["--password-stdin", "--data-dir", data]].concat(),
        Some("another one!\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--email: an account with this e-mail address already exists")
    );

    let o = myo(
        &[
            "user",
            "add",
            "--email",
            "p@example.org",
            "--role",
            "patient",
            "--data-dir",
            data,
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("password (shown once"),
        "a generated password is printed"
    );

    let o = myo(
        &[
            "user",
            "add",
            "--email",
            "q@example.org",
            "--role",
            "patient",
            "--password-stdin",
            "--data-dir",
            data,
        ],
        Some("short\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("password"), "{}", text(&o.stderr));

    let copy_to = format!("sqlite://{}/copy.sqlite3", dir.display());
    let o = myo(&["db", "copy", "--from", data, "--to", &copy_to], None);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("users: 2 rows") && out.contains("audit chain verified (2 events)"),
        "{out}"
    );

    let o = myo(&["db", "copy", "--from", data, "--to", &copy_to], None);
    assert_eq!(o.status.code(), Some(2), "a non-empty target is refused");
    assert!(text(&o.stderr).contains("not empty"));

    let o = myo(
        &["db", "migrate", "--database-url", "mysql://localhost/myo"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("unsupported scheme \"mysql\""));
    std::fs::remove_dir_all(dir).ok();
}
