//! Runs the conformance round trip over every example of the unpacked npm package
//! `hl7.fhir.r4.examples@4.0.1` for the resource types Myo models, and prints a summary.
//!
//! `cargo run -p myo-fhir --example r4_examples -- /path/to/package`

use std::collections::BTreeMap;

use myo_fhir::Resource;
use myo_fhir::validate::Validate;
use serde_json::Value;

const TYPES: [&str; 8] = [
    "Patient",
    "Observation",
    "Condition",
    "MedicationStatement",
    "Questionnaire",
    "QuestionnaireResponse",
    "Bundle",
    "AuditEvent",
];

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: r4_examples <package dir>");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("package directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".json") && TYPES.contains(&name.split('-').next().unwrap_or_default())
        })
        .collect();
    paths.sort();
    let mut passed: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = 0;
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read");
        match check(&text) {
            Ok(()) => {
                *passed
                    .entry(name.split('-').next().unwrap().to_owned())
                    .or_default() += 1
            }
            Err(why) => {
                failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
    println!(
        "passed: {passed:?}; failed: {failed}; files: {}",
        paths.len()
    );
}

fn check(text: &str) -> Result<(), String> {
    let resource: Resource = myo_fhir::from_str(text).map_err(|e| e.to_string())?;
    if matches!(resource, Resource::Other(_)) {
        return Err("not typed".into());
    }
    let written = myo_fhir::to_string(&resource).map_err(|e| e.to_string())?;
    let before: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let after: Value = serde_json::from_str(&written).map_err(|e| e.to_string())?;
    if before != after {
        return Err("JSON differs".into());
    }
    let issues = resource.validate();
    if !issues.is_empty() {
        return Err(format!("{issues:?}"));
    }
    Ok(())
}
