//! No product file names a working note or an issue number: the knowledge base, the tracker's
//! rule files and the instrument definitions cite the guideline, label or paper; source code,
//! templates, documentation and scripts state the rule, not the note or ticket it came from.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file below `dir` whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        panic!("{} is missing", dir.display());
    };
    for p in read.flatten().map(|d| d.path()) {
        if p.is_dir() {
            files(&p, exts, out);
        } else if exts.iter().any(|e| p.extension().is_some_and(|x| x == *e)) {
            out.push(p);
        }
    }
}

#[test]
fn no_product_data_file_names_a_working_note() {
    let root = repo();
    let mut all = Vec::new();
    files(&root.join("kb"), &["md", "toml"], &mut all);
    files(&root.join("crates/tracker/rules"), &["toml"], &mut all);
    files(&root.join("crates/instruments/defs"), &["toml"], &mut all);
    assert!(
        all.len() > 200,
        "expected the KB and rule files, found {}",
        all.len()
    );
    let mut hits = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if let Some(note) = myo_kb::names_working_note(line) {
                hits.push(format!("{}:{}: {note}", f.display(), n + 1));
            }
        }
    }
    assert!(hits.is_empty(), "working notes named:\n{}", hits.join("\n"));
}

/// Files that must mention note names or issue references to do their job: the checker's own
/// tests and fixtures, the list itself, and the two first migrations, whose text is fixed by
/// the checksums recorded in every existing database.
fn exempt(rel: &str) -> bool {
    rel.starts_with("crates/kb/tests/")
        || rel == "crates/kb/data/working-notes.txt"
        || rel == "crates/kb/src/check/sources.rs"
        || ["0001_accounts.sql", "0002_tracker.sql"].iter().any(|m| {
            rel.ends_with(&format!("/migrations/sqlite/{m}"))
                || rel.ends_with(&format!("/migrations/postgres/{m}"))
        })
}

#[test]
fn no_source_template_doc_or_script_names_a_working_note() {
    let root = repo();
    let mut all = Vec::new();
    for top in [
        "crates",
        "scripts",
        "tests/browser",
        "tests/interop",
        "tests/mail",
        ".ci",
    ] {
        let dir = root.join(top);
        if dir.is_dir() {
            walk(&dir, &mut all);
        }
    }
    for f in ["README.md", "ARCHITECTURE.md", "Cargo.toml"] {
        all.push(root.join(f));
    }
    assert!(all.len() > 300, "expected the sources, found {}", all.len());
    let mut hits = Vec::new();
    for f in &all {
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        if exempt(&rel) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(f) else {
            continue; // binary files (fonts, models) hold no prose
        };
        for (n, line) in text.lines().enumerate() {
            if let Some(note) = myo_kb::names_working_note(line) {
                hits.push(format!("{rel}:{}: {note}", n + 1));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "working notes or issues named:\n{}",
        hits.join("\n")
    );
}

/// Every file below `dir`, skipping build output, installed packages and virtual environments.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for p in std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| d.path())
    {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "target" | "node_modules" | "__pycache__") && !name.starts_with('.')
            {
                walk(&p, out);
            }
        } else {
            out.push(p);
        }
    }
}
