//! The Rust embedding against the Python model it was distilled with.
//!
//! `data/embed/fixtures.json` holds fixed sentences (medical, lay, Spanish, typos, empty,
//! punctuation-only, control characters, over-long input) with the token ids and vectors that
//! model2vec gives them, written by `scripts/distill-embedding/distill.py`. CI runs only this
//! side: the Rust vector must reach a cosine of 0.99999 with the Python vector computed from the
//! same int8 table, and the token ids must be identical.

use std::collections::BTreeMap;

use myo_ask::embed::{DIMS, Embedder, Vector, cosine};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct Fixtures {
    dims: usize,
    fixtures: Vec<Fixture>,
}

#[derive(Deserialize)]
struct Fixture {
    text: String,
    ids: Vec<u32>,
    int8: Vec<f32>,
    float: Vec<f32>,
}

fn vector(values: &[f32]) -> Vector {
    let mut v = [0f32; DIMS];
    v.copy_from_slice(values);
    Vector(v)
}

fn fixtures() -> Fixtures {
    let text = include_str!("../data/embed/fixtures.json");
    serde_json::from_str(text).expect("fixtures parse")
}

#[test]
fn every_fixture_matches_python() {
    let set = fixtures();
    assert_eq!(set.dims, DIMS);
    assert!(set.fixtures.len() >= 40, "{} fixtures", set.fixtures.len());
    let e = Embedder::builtin().expect("embedding loads");
    let mut worst = 1f32;
    for f in &set.fixtures {
        let ids = e.token_ids(&f.text);
        assert_eq!(ids, f.ids, "token ids differ for {:?}", f.text);
        let rust = e.embed(&f.text);
        let python = vector(&f.int8);
        if python.is_zero() {
            assert!(rust.is_zero(), "{:?} should embed to zero", f.text);
            continue;
        }
        let c = cosine(&rust, &python);
        assert!(c >= 0.99999, "cosine {c} for {:?}", f.text);
        worst = worst.min(c);
        // And the int8 table stays close to the float model.
        let float = cosine(&rust, &vector(&f.float));
        assert!(
            float >= 0.999,
            "int8 vs float cosine {float} for {:?}",
            f.text
        );
    }
    println!("worst parity cosine {worst}");
}

#[test]
fn manifest_checksums_match_the_data() {
    let manifest: toml::Table =
        toml::from_str(include_str!("../data/embed/manifest.toml")).expect("manifest parses");
    let sums = manifest["sha256"].as_table().expect("sha256 table");
    let files: BTreeMap<&str, &[u8]> = BTreeMap::from([
        (
            "vectors.i8",
            include_bytes!("../data/embed/vectors.i8").as_slice(),
        ),
        (
            "scales.f32",
            include_bytes!("../data/embed/scales.f32").as_slice(),
        ),
        (
            "vocab.txt",
            include_bytes!("../data/embed/vocab.txt").as_slice(),
        ),
        (
            "fixtures.json",
            include_bytes!("../data/embed/fixtures.json").as_slice(),
        ),
    ]);
    for (name, bytes) in files {
        let want = sums[name].as_str().expect("hex digest");
        let got: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(got, want, "{name} differs from its manifest checksum");
    }
}
