//! The real, embedded knowledge base passes every rule and meets its coverage targets.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use myo_kb::{Date, FoodKind, Kb, Section, Severity, Structured, TestGroup};

fn kb() -> Kb {
    match Kb::builtin() {
        Ok(kb) => kb,
        Err(e) => panic!("the built-in KB does not load:\n{e}"),
    }
}

fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The seed pages, from `../shared/seeds` beside the repository (as in CI).
fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed folder {} is missing: {e}", dir.display()))
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (name.unwrap_or_default(), text)
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "expected the five seed pages");
    out
}

#[test]
fn builtin_kb_passes_every_check() {
    let kb = kb();
    let seeds = seeds();
    let seed_refs: Vec<(&str, &str)> = seeds
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let report = kb.check(&seed_refs, today());
    assert!(!report.copy_check_skipped);
    let errors: Vec<String> = report
        .problems()
        .filter(|(_, p)| p.severity == Severity::Error)
        .map(|(id, p)| format!("{}: [{}] {}", id.unwrap_or("-"), p.rule.as_str(), p.message))
        .collect();
    assert!(
        errors.is_empty(),
        "{} problem(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

fn count(kb: &Kb, section: Section) -> usize {
    kb.section(section).count()
}

fn ids(kb: &Kb, section: Section) -> BTreeSet<String> {
    kb.section(section).map(|e| e.id.clone()).collect()
}

/// Sections whose entries must number at least this many.
#[test]
fn sections_meet_minimum_counts() {
    let kb = kb();
    let minimums = [
        (Section::Overview, 1),
        (Section::Types, 8),
        (Section::Causes, 20),
        (Section::Symptoms, 15),
        (Section::Tests, 20),
        (Section::Treatments, 20),
        (Section::Drugs, 13),
        (Section::Supplements, 10),
        (Section::Advanced, 6),
        (Section::Procedures, 5),
        (Section::Prevention, 10),
        (Section::RedFlags, 10),
        (Section::Diet, 1),
        (Section::Faq, 15),
        (Section::Antibodies, 5),
        (Section::Living, 6),
        (Section::Organisations, 1),
        (Section::Trials, 1),
        (Section::Related, 4),
        (Section::Glossary, 1),
    ];
    let short: Vec<String> = minimums
        .iter()
        .filter(|(s, min)| count(&kb, *s) < *min)
        .map(|(s, min)| format!("{s}: {} < {min}", count(&kb, *s)))
        .collect();
    assert!(short.is_empty(), "sections below minimum: {short:?}");
}

#[test]
fn tests_cover_all_six_groups() {
    let kb = kb();
    let groups: BTreeSet<TestGroup> = kb
        .section(Section::Tests)
        .filter_map(|e| match &e.structured {
            Some(Structured::Test(t)) => Some(t.group),
            _ => None,
        })
        .collect();
    let missing: Vec<&str> = TestGroup::ALL
        .iter()
        .filter(|g| !groups.contains(g))
        .map(|g| g.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "test groups without an entry: {missing:?}"
    );
}

#[test]
fn required_drug_guides_exist() {
    let kb = kb();
    let have = ids(&kb, Section::Drugs);
    let required = [
        "prednisone",
        "iv-methylprednisolone",
        "methotrexate",
        "azathioprine",
        "mycophenolate",
        "tacrolimus",
        "ciclosporin",
        "cyclophosphamide",
        "ivig",
        "rituximab",
        "tofacitinib",
        "baricitinib",
        "hydroxychloroquine",
    ];
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|id| !have.contains(*id))
        .collect();
    assert!(missing.is_empty(), "missing drug guides: {missing:?}");
}

#[test]
fn diet_has_ten_foods_to_favour_and_ten_to_avoid() {
    let kb = kb();
    let foods: Vec<FoodKind> = kb
        .section(Section::Diet)
        .filter_map(|e| match &e.structured {
            Some(Structured::Foods(f)) => Some(f.iter().map(|f| f.kind)),
            _ => None,
        })
        .flatten()
        .collect();
    let favour = foods.iter().filter(|k| **k == FoodKind::Favour).count();
    let avoid = foods.iter().filter(|k| **k == FoodKind::Avoid).count();
    assert!(
        favour >= 10 && avoid >= 10,
        "favour {favour}, avoid {avoid}"
    );
}

/// Named topics must appear in some id or title of the section (lowercase substring).
fn missing_topics(kb: &Kb, section: Section, topics: &[&str]) -> Vec<String> {
    let haystack: Vec<String> = kb
        .section(section)
        .map(|e| format!("{} {}", e.id, e.title).to_lowercase())
        .collect();
    topics
        .iter()
        .filter(|t| !haystack.iter().any(|h| h.contains(*t)))
        .map(|t| format!("{section}: {t}"))
        .collect()
}

#[test]
fn named_topics_are_covered() {
    let kb = kb();
    let mut missing = Vec::new();
    missing.extend(missing_topics(
        &kb,
        Section::Types,
        &[
            "juvenile",
            "amyopathic",
            "cancer",
            "antibod",
            "polymyositis",
            "necrotizing",
            "inclusion",
        ],
    ));
    missing.extend(missing_topics(
        &kb,
        Section::Symptoms,
        &[
            "heliotrope",
            "gottron",
            "shawl",
            "v-sign",
            "mechanic",
            "nailfold",
            "calcinosis",
            "dysphagia",
        ],
    ));
    missing.extend(missing_topics(
        &kb,
        Section::Living,
        &["fatigue", "sun", "exercise", "pregnan", "vaccin", "mental"],
    ));
    missing.extend(missing_topics(
        &kb,
        Section::Related,
        &["lupus", "scleroderma", "overlap", "rosacea"],
    ));
    missing.extend(missing_topics(
        &kb,
        Section::Advanced,
        &["stem cell", "car-t", "il-2"],
    ));
    assert!(missing.is_empty(), "topics not found: {missing:?}");
}

#[test]
fn antibodies_cover_the_dm_specific_five() {
    let kb = kb();
    let names: Vec<String> = kb
        .section(Section::Antibodies)
        .filter_map(|e| match &e.structured {
            Some(Structured::Antibody(a)) => Some(a.name.to_lowercase()),
            _ => None,
        })
        .collect();
    let missing: Vec<&str> = ["mda5", "tif1", "nxp2", "mi-2", "sae"]
        .into_iter()
        .filter(|n| !names.iter().any(|have| have.contains(n)))
        .collect();
    assert!(missing.is_empty(), "antibody pages missing: {missing:?}");
}

#[test]
fn organisations_glossary_and_red_flags_have_content() {
    let kb = kb();
    let orgs: usize = kb
        .section(Section::Organisations)
        .map(|e| match &e.structured {
            Some(Structured::Organisations(o)) => o.len(),
            _ => 0,
        })
        .sum();
    assert!(orgs >= 2, "organisations with contact details: {orgs}");
    assert!(
        kb.glossary_terms().len() >= 30,
        "glossary terms: {}",
        kb.glossary_terms().len()
    );
    assert!(
        kb.red_flags().len() >= 10,
        "red flags: {}",
        kb.red_flags().len()
    );
    let tiers: BTreeSet<_> = kb.red_flags().iter().map(|(_, f)| f.tier).collect();
    assert_eq!(
        tiers.len(),
        3,
        "red flags should use all three tiers: {tiers:?}"
    );
}
