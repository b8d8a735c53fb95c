//! Generates `builtin_kb.rs`: an `include_str!` table of `kb/<section>/*.md` and `kb/sources.toml`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let kb = manifest.join("../../kb");
    println!("cargo:rerun-if-changed={}", kb.display());
    let mut files = entry_files(&kb);
    files.sort();
    let mut out = String::new();
    out.push_str(
        "/// Every entry file as `(\"kb/<section>/<id>.md\", contents)`, sorted by path.\n",
    );
    out.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        writeln!(out, "    ({rel:?}, include_str!({abs:?})),").expect("write");
    }
    out.push_str("];\n\n/// The source registry, `kb/sources.toml`.\n");
    let sources = kb.join("sources.toml");
    writeln!(
        out,
        "pub const SOURCES_TOML: &str = include_str!({:?});",
        sources.display().to_string()
    )
    .expect("write");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_kb.rs");
    fs::write(dest, out).expect("write builtin_kb.rs");
}

/// Folders of entries in another language than English: `kb/<lang>/<section>/*.md`.
const LANGUAGE_DIRS: &[&str] = &["es"];

/// `(relative path, absolute path)` of every `kb/<dir>/*.md` and `kb/<lang>/<dir>/*.md`.
fn entry_files(kb: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(kb, "kb", &mut out);
    for lang in LANGUAGE_DIRS {
        collect(&kb.join(lang), &format!("kb/{lang}"), &mut out);
    }
    out
}

/// The `*.md` files one folder below `root`, with paths relative to `prefix`.
fn collect(root: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(dirs) = fs::read_dir(root) else {
        return;
    };
    println!("cargo:rerun-if-changed={}", root.display());
    for dir in dirs.flatten().map(|d| d.path()).filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", dir.display());
        let section = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        for file in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = file.path();
            if path.extension().and_then(|e| e.to_str()) == Some("md") {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                out.push((
                    format!("{prefix}/{section}/{name}"),
                    path.display().to_string(),
                ));
            }
        }
    }
}
