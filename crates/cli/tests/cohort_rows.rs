//! End-to-end tests of `myo cohort` on the rows themselves: bad rows and the exit code, messy
//! exports (BOM, `;`, CRLF, thousands separators, NUL), threads and input order, the progress
//! bar, and runs refused before any row.

mod cohort_common;

use std::path::Path;
use std::process::{Command, Stdio};

use cohort_common::*;

#[test]
fn bad_rows_get_their_error_and_the_run_completes_with_exit_2() {
    let tmp = Tmp::new("bad-rows");
    let rows = [
        ROWS[0],
        "D,45,maybe,,,,,,,,",
        "E,200,,,,,,,,,",
        ROWS[1],
        "F,45,,,,,,,,",
        "G,forty,,,,,,,,,",
        "H,46,,,,,,,,,nope",
        ROWS[2],
    ];
    let input = tmp.file("registry.csv", csv_text(&rows));
    let out = myo(&["cohort", "score", "eular-acr-2017", &input]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let t = Table::from_csv(&out.stdout);
    let ids: Vec<&str> = (0..t.rows.len()).map(|r| t.get(r, "id")).collect();
    assert_eq!(ids, ["A", "D", "E", "B", "F", "G", "H", "C"], "input order");
    let errors = [
        (
            1,
            "field proximal_upper_weakness: \"maybe\" is not true/false",
        ),
        (2, "field age_at_onset_years: 200 is out of range"),
        (4, "field row: has 10 fields but the header has 11"),
        (5, "field age_at_onset_years: \"forty\" is not a number"),
        (
            6,
            "field proximal_legs_weaker_than_distal: \"nope\" is not true/false",
        ),
    ];
    for (r, says) in errors {
        assert!(
            t.get(r, "error").starts_with(says),
            "{says}: {:?}",
            t.rows[r]
        );
        for c in ["score", "category", "status", "revision", "missing_count"] {
            assert_eq!(
                t.get(r, c),
                "",
                "a refused row has no result: {:?}",
                t.rows[r]
            );
        }
    }
    for r in [0, 3, 7] {
        assert_eq!(t.get(r, "error"), "", "{:?}", t.rows[r]);
        assert!(!t.get(r, "score").is_empty());
    }
    assert_eq!(t.get(0, "score"), "10.1");
    let err = text(&out.stderr);
    assert!(err.contains("8 rows, 3 scored, 5 failed"), "{err}");
    // One summary line per (field, kind), with its count and an example.
    for kind in [
        "1  proximal_upper_weakness: not true/false",
        "1  proximal_legs_weaker_than_distal: not true/false",
        "1  age_at_onset_years: not a number",
        "1  age_at_onset_years: refused by the instrument",
        "1  row: wrong number of fields",
    ] {
        assert!(err.contains(kind), "{kind:?} not in: {err}");
    }
    // Every good row scored: exit 0.
    let good = tmp.file("good.csv", csv_text(&ROWS));
    assert_eq!(
        myo(&["cohort", "score", "eular-acr-2017", &good])
            .status
            .code(),
        Some(0)
    );
}

/// The bar is drawn only on a terminal and never with --quiet; without a terminal stderr
/// carries only Myo's own lines.
#[test]
fn no_progress_bar_off_a_terminal_or_with_quiet() {
    let tmp = Tmp::new("progress");
    let rows: Vec<String> = (0..2000).map(|i| format!("P{i},45,true,,,,,,,,")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let input = tmp.file("registry.csv", csv_text(&rows));
    for quiet in [false, true] {
        let mut args = vec!["cohort", "score", "eular-acr-2017", input.as_str()];
        if quiet {
            args.push("--quiet");
        }
        let out = myo(&args);
        assert_eq!(out.status.code(), Some(0));
        let err = text(&out.stderr);
        assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
        for line in err.lines() {
            assert!(line.starts_with("myo: "), "only Myo's lines: {err:?}");
        }
        assert!(err.contains("2000 rows, 2000 scored, 0 failed"), "{err}");
    }
    // On a terminal (a pseudo-terminal from util-linux `script`) the bar is drawn, with rows/s
    // and ETA; with --quiet nothing is.
    for quiet in [false, true] {
        let scored = tmp.path("scored.csv");
        std::fs::remove_file(&scored).ok();
        let cmd = format!(
            "{} cohort score eular-acr-2017 {input} --out {scored}{}",
            env!("CARGO_BIN_EXE_myo"),
            if quiet { " --quiet" } else { "" }
        );
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .stdin(Stdio::null())
            .output()
            .expect("script (util-linux) runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        let tty = text(&out.stdout);
        assert!(tty.contains("2000 rows, 2000 scored"), "{tty:?}");
        assert_eq!(
            tty.contains("ETA") && tty.contains('\u{1b}') && tty.contains(" rows/s"),
            !quiet,
            "bar drawn only without --quiet: {tty:?}"
        );
    }
}

/// Several 4 MB chunks on two threads come back in input order, equal to one thread's output.
#[test]
fn two_threads_keep_input_order() {
    let tmp = Tmp::new("threads");
    let pad = "x".repeat(3000);
    let mut body = format!("{HEAD},notes\n");
    for i in 0..3000 {
        let age = 18 + i % 60;
        let helio = ["true", "false", ""][i % 3];
        let bad = if i % 97 == 0 { "maybe" } else { "" };
        body.push_str(&format!("R{i},{age},{bad},,{helio},,,,,,,{pad}\n"));
    }
    assert!(body.len() > 8 << 20, "more than two chunks");
    let input = tmp.file("wide.csv", body);
    let one = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--threads",
        "1",
    ]);
    let two = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--threads",
        "2",
    ]);
    assert_eq!(two.status.code(), Some(2), "{}", text(&two.stderr));
    let t = Table::from_csv(&two.stdout);
    assert_eq!(t.rows.len(), 3000);
    for (r, row) in t.rows.iter().enumerate() {
        assert_eq!(row[0], format!("R{r}"));
        assert_eq!(row[t.col("error")].is_empty(), r % 97 != 0, "{row:?}");
    }
    assert_eq!(two.stdout, one.stdout);
    assert!(text(&two.stderr).contains("3000 rows, 2969 scored, 31 failed"));
}

#[test]
fn unknown_instrument_and_missing_input_are_named() {
    let tmp = Tmp::new("unknown");
    let input = tmp.file("registry.csv", csv_text(&ROWS));
    let out = myo(&["cohort", "score", "eular-acr-2018", &input]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("eular-acr-2018") && err.contains("eular-acr-2017"),
        "names it and suggests: {err}"
    );
    let out = myo(&[
        "cohort",
        "template",
        "eular-acr-2018",
        "--dir",
        &tmp.path(""),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("eular-acr-2018"));

    let missing = tmp.path("nowhere.csv");
    let out = myo(&["cohort", "score", "eular-acr-2017", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains(&missing), "{err}");
    // No output is created for a run that never read a row.
    let scored = tmp.path("scored.csv");
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &missing,
        "--out",
        &scored,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new(&scored).exists());
    // An empty file names what is missing.
    let empty = tmp.file("empty.csv", "");
    let out = myo(&["cohort", "score", "eular-acr-2017", &empty]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("empty"), "{}", text(&out.stderr));
}

/// The input itself is never overwritten, even with --force.
#[test]
fn output_over_the_input_is_refused() {
    let tmp = Tmp::new("same-file");
    let input = tmp.file("registry.csv", csv_text(&ROWS));
    let out = myo(&[
        "cohort",
        "score",
        "eular-acr-2017",
        &input,
        "--out",
        &input,
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is the input"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        csv_text(&ROWS)
    );
}

/// BOM, `;`, tab and CRLF read as the plain file does; thousands separators, decimal commas
/// and NUL bytes are errors naming the field, never a rescaled number.
#[test]
fn messy_exports_read_as_the_readme_says() {
    let tmp = Tmp::new("messy");
    let plain = tmp.file("plain.csv", csv_text(&ROWS));
    let want = myo(&["cohort", "score", "eular-acr-2017", &plain]).stdout;
    let crlf = csv_text(&ROWS).replace('\n', "\r\n");
    let variants = [
        format!("\u{feff}{crlf}"),
        csv_text(&ROWS).replace(',', ";"),
        format!("\u{feff}{}", crlf.replace(',', ";")),
        csv_text(&ROWS).replace(',', "\t"),
    ];
    for (i, v) in variants.iter().enumerate() {
        let f = tmp.file(&format!("v{i}.csv"), v);
        let out = myo(&["cohort", "score", "eular-acr-2017", &f]);
        assert_eq!(out.status.code(), Some(0), "{v:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), text(&want), "{v:?}");
    }

    let head = HEAD.replace(',', ";");
    let age = |a: &str| format!("{head}\nA;{a};;;;true;;;;;\n");
    let cases = [
        ("1,000", "\"1,000\" is not a number"),
        ("45,5", "\"45,5\" is not a number"),
        (
            "1.000",
            "\"1.000\" is ambiguous in a file with ';' between columns",
        ),
        ("45.250", "write 45250 or 45.25"),
        ("1 000", "\"1 000\" is not a number"),
        ("1'000", "\"1'000\" is not a number"),
        ("4\u{0}5", "is text with a NUL byte"),
    ];
    for (value, says) in cases {
        let f = tmp.file("semicolon.csv", age(value));
        let out = myo(&["cohort", "score", "eular-acr-2017", &f]);
        assert_eq!(out.status.code(), Some(2), "{value:?}");
        let t = Table::from_csv(&out.stdout);
        let e = t.get(0, "error");
        assert!(
            e.starts_with("field age_at_onset_years: ") && e.contains(says),
            "{value:?}: {e:?}"
        );
        assert_eq!(t.get(0, "score"), "", "{value:?}");
    }
    // In a `;` file a decimal with other than three decimals is read as written.
    let f = tmp.file("semicolon.csv", age("45.5"));
    let out = myo(&["cohort", "score", "eular-acr-2017", &f]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(Table::from_csv(&out.stdout).get(0, "score"), "4.2");
    // In a `,` file, a quoted thousands separator is refused; an unquoted one splits the row.
    let quoted = tmp.file("quoted.csv", format!("{HEAD}\nA,\"1,000\",,,,true,,,,,\n"));
    let t = Table::from_csv(&myo(&["cohort", "score", "eular-acr-2017", &quoted]).stdout);
    assert!(
        t.get(0, "error")
            .starts_with("field age_at_onset_years: \"1,000\" is not a number"),
        "{:?}",
        t.rows[0]
    );
    let split = tmp.file("split.csv", format!("{HEAD}\nA,1,000,,,,true,,,,,\n"));
    let t = Table::from_csv(&myo(&["cohort", "score", "eular-acr-2017", &split]).stdout);
    assert!(
        t.get(0, "error").starts_with("field row: has 12 fields"),
        "{:?}",
        t.rows[0]
    );
}

/// A named pipe (or a shell's `<(...)`) can be read only once: the input is looked at through
/// the reader that reads the rows, so no byte is lost and the result equals a file's.
#[test]
fn a_named_pipe_is_read_once_and_whole() {
    let tmp = Tmp::new("fifo");
    let body = csv_text(&ROWS);
    let file = tmp.file("export.csv", &body);
    let want = myo(&["cohort", "score", "eular-acr-2017", &file, "--quiet"]);
    assert_eq!(want.status.code(), Some(0), "{}", text(&want.stderr));
    let fifo = tmp.path("pipe.csv");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(&fifo, body).expect("written into the pipe"))
    };
    let got = myo(&["cohort", "score", "eular-acr-2017", &fifo, "--quiet"]);
    if !writer.is_finished() {
        // myo never opened the pipe: open its reading end without waiting (O_NONBLOCK), so
        // the writer gets a reader and the test fails below instead of hanging.
        use std::os::unix::fs::OpenOptionsExt;
        let _reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(0o4000)
            .open(&fifo);
        writer.join().expect("writer");
    }
    assert_eq!(got.status.code(), Some(0), "{}", text(&got.stderr));
    assert_eq!(text(&got.stdout), text(&want.stdout));
    assert_abc(&Table::from_csv(&got.stdout));
}
