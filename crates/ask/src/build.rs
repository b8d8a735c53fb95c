//! Build script of `myo-ask`: analyses the built-in knowledge base once, at compile time, and
//! writes the snapshot that `builtin_engine` decodes at start-up (`OUT_DIR/engine.bin`).
//!
//! It compiles the crate's own corpus, text and index modules (the very code the library runs),
//! so the snapshot cannot drift from what `Engine::build` would produce.
#![allow(dead_code, unused_imports)]

mod bm25;
mod contacts;
mod corpus;
mod embed;
mod engine;
mod es;
mod eval;
mod guard;
mod intent;
mod lang;
mod lexicon;
mod passage;
mod snapshot;
mod spell;
mod stem;
mod text;
mod triage;

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed={}", manifest.join("src").display());
    // The concept and guardrail tables are data the snapshot's rules carry.
    println!("cargo:rerun-if-changed={}", manifest.join("data").display());
    println!(
        "cargo:rerun-if-changed={}",
        manifest.join("../../kb").display()
    );
    let kb = match myo_kb::Kb::builtin() {
        Ok(kb) => kb,
        Err(e) => panic!("the built-in knowledge base does not load: {e}"),
    };
    let bytes = snapshot::build(&corpus::Corpus::from_kb(&kb));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("engine.bin");
    fs::write(&out, bytes).expect("write the Ask snapshot");
}
