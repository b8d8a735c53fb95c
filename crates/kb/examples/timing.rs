//! Quick, criterion-free timing of loading and checking the built-in KB:
//! `cargo run -p myo-kb --release --example timing [SEEDS_DIR]`.

use std::time::{Duration, Instant};

use myo_kb::{Date, Kb};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds").to_owned()
    });
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|f| f.path())
                .map(|p| {
                    (
                        p.display().to_string(),
                        std::fs::read_to_string(&p).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    seeds.sort();
    let seed_refs: Vec<(&str, &str)> = seeds
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let today = Date::new(2026, 11, 21).unwrap_or_else(|| Date::from_unix_days(0));
    let runs = 20u32;
    let (mut load, mut check) = (Duration::ZERO, Duration::ZERO);
    let mut entries = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let kb = match Kb::builtin() {
            Ok(kb) => kb,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        load += t.elapsed();
        let t = Instant::now();
        let report = kb.check(&seed_refs, today);
        check += t.elapsed();
        entries = report.entries.len();
    }
    let (load, check) = (load / runs, check / runs);
    println!(
        "{entries} entries, {} seed(s): load {:.2} ms, check {:.2} ms (check/load = {:.1}), {:.1} µs per entry",
        seeds.len(),
        load.as_secs_f64() * 1e3,
        check.as_secs_f64() * 1e3,
        check.as_secs_f64() / load.as_secs_f64(),
        (load + check).as_secs_f64() * 1e6 / entries.max(1) as f64
    );
}
