//! No product data file names a working note or an issue number: the knowledge base, the
//! tracker's rule files and the instrument definitions cite the guideline, label or paper.

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
