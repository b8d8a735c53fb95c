//! EULAR/ACR 2017 cases scored per CPU-second on one thread, for a loaded machine where the
//! criterion benchmark's wall-clock times are not to be trusted: run it under `/usr/bin/time`
//! (CPU seconds) or `valgrind --tool=callgrind` (instructions per case).
//!
//! ```sh
//! cargo build --release -p myo-instruments --example eular_rate
//! /usr/bin/time -f '%U %S' target/release/examples/eular_rate explained 20000000
//! ```
//! Arguments: the path (`explained`: `score` with contributions, missing items and warnings;
//! `summary`: the allocation-free summary) and the number of cases (default 10 000 000).

use std::hint::black_box;

use myo_instruments::eular_acr::{self, Def};

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map_or("explained", String::as_str);
    let n: usize = args.get(1).map_or(Ok(10_000_000), |a| a.parse())?;
    let def = Def::parse(eular_acr::DEF_TOML)?;
    let inputs = common::cases(4096);
    let started = std::time::Instant::now();
    let mut acc = 0usize;
    for input in inputs.iter().cycle().take(n) {
        acc += match path {
            "explained" => {
                let outcome = eular_acr::score(&def, black_box(input))?;
                outcome.explanation.contributions.len() + outcome.explanation.warnings.len()
            }
            "summary" => eular_acr::summary(&def, black_box(input))?.assessed as usize,
            other => return Err(format!("unknown path {other}: explained or summary").into()),
        };
    }
    let secs = started.elapsed().as_secs_f64();
    black_box(acc);
    println!(
        "{path}: {n} cases in {secs:.3} s wall = {:.2} M cases/s (wall; CPU time from the caller)",
        n as f64 / secs / 1e6
    );
    Ok(())
}
