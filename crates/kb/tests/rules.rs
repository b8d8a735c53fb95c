//! Each rule of `kb/README.md`, one small fixture per broken rule (`tests/fixtures/invalid/<case>`),
//! loaded on top of a valid fixture KB (`tests/fixtures/valid`).

use std::path::{Path, PathBuf};

use myo_kb::{CitationStyle, Date, Kb, LoadErrors, Report, Rule, Section, Severity, Structured};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `(section/file.md, contents)` of every `.md` below `dir`.
fn md_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for section in std::fs::read_dir(dir).unwrap().flatten().map(|d| d.path()) {
        if !section.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&section)
            .unwrap()
            .flatten()
            .map(|f| f.path())
        {
            let rel = file
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&file).unwrap()));
        }
    }
    out.sort();
    out
}

fn load(case: Option<&str>) -> Result<Kb, LoadErrors> {
    let mut files = md_files(&fixtures().join("valid"));
    if let Some(case) = case {
        files.extend(md_files(&fixtures().join("invalid").join(case)));
    }
    let sources = std::fs::read_to_string(fixtures().join("valid/sources.toml")).unwrap();
    Kb::load(files, &sources)
}

fn seed() -> String {
    std::fs::read_to_string(fixtures().join("seeds/seed-one.txt")).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 21).unwrap()
}

fn check(case: Option<&str>) -> Report {
    let kb = load(case).unwrap_or_else(|e| panic!("{e}"));
    let seed = seed();
    kb.check(&[("seed-one.txt", seed.as_str())], today())
}

/// The rules broken, as errors, by any entry.
fn error_rules(report: &Report) -> Vec<Rule> {
    let mut rules: Vec<Rule> = report
        .problems()
        .filter(|(_, p)| p.severity == Severity::Error)
        .map(|(_, p)| p.rule)
        .collect();
    rules.dedup();
    rules
}

#[test]
fn the_valid_fixture_passes() {
    let report = check(None);
    assert!(
        report.passed(),
        "{:#?}",
        report.problems().collect::<Vec<_>>()
    );
    assert_eq!(report.entries.len(), 7);
    assert_eq!(report.warnings(), 0);
    assert!(!report.copy_check_skipped);
}

#[test]
fn each_broken_rule_is_reported() {
    let cases = [
        ("unknown-source", Rule::Sources),
        ("no-sources", Rule::Sources),
        ("unknown-related", Rule::Related),
        ("id-mismatch", Rule::Id),
        ("bad-id", Rule::Id),
        ("section-mismatch", Rule::Section),
        ("missing-structured", Rule::Structured),
        ("misplaced-structured", Rule::Structured),
        ("hard-grade", Rule::Grade),
        ("long-summary", Rule::Summary),
        ("dates-reversed", Rule::Dates),
        ("copied", Rule::Copy),
        ("html", Rule::Markdown),
        ("duplicate-id", Rule::DuplicateId),
        ("bad-dose", Rule::Structured),
        ("bad-loinc", Rule::Structured),
        ("background-only", Rule::PrimarySource),
        ("cited-twice", Rule::Sources),
        ("partial-without-note", Rule::Sources),
        ("working-note", Rule::WorkingNote),
    ];
    for (case, rule) in cases {
        let report = check(Some(case));
        assert!(!report.passed(), "{case} should fail");
        assert_eq!(error_rules(&report), [rule], "{case}");
    }
}

#[test]
fn clinician_entries_are_exempt_from_the_grade_limit() {
    let report = check(None);
    let ck = report
        .entries
        .iter()
        .find(|e| e.id == "creatine-kinase")
        .unwrap();
    assert!(
        ck.readability.grade > 8.0,
        "fixture should be hard: {}",
        ck.readability.grade
    );
    assert!(ck.passed());
}

#[test]
fn stale_entries_warn_but_do_not_fail() {
    let report = check(Some("stale"));
    assert!(report.passed());
    assert_eq!(report.stale(), 1);
    let stale = report.entries.iter().find(|e| e.id == "rash-l").unwrap();
    assert!(stale.stale);
    assert_eq!(stale.problems[0].rule, Rule::Stale);
    assert_eq!(stale.problems[0].severity, Severity::Warning);
}

#[test]
fn copy_check_names_the_run_and_the_seed() {
    let report = check(Some("copied"));
    let (_, p) = report
        .problems()
        .find(|(_, p)| p.rule == Rule::Copy)
        .unwrap();
    assert!(p.message.contains("body"), "{}", p.message);
    assert!(p.message.contains("seed-one.txt"), "{}", p.message);
    assert!(
        p.message
            .contains("a rare disease that causes muscle weakness"),
        "{}",
        p.message
    );
}

#[test]
fn seven_shared_words_are_not_a_copy() {
    let kb = load(None).unwrap();
    // The valid fixture shares short phrases with this seed, never 8 words in a row.
    let seed = "A rash can show up on the arm today.";
    assert!(kb.check(&[("s", seed)], today()).passed());
    let seed = "Yes a rash can show up on the upper eyelids.";
    assert!(!kb.check(&[("s", seed)], today()).passed());
}

#[test]
fn copy_check_is_skipped_without_seeds() {
    let kb = load(Some("copied")).unwrap();
    let report = kb.check(&[], today());
    assert!(report.copy_check_skipped);
    assert!(report.passed());
    assert!(
        report
            .general
            .iter()
            .any(|p| p.rule == Rule::CopyCheckSkipped)
    );
}

fn load_error(case: &str) -> String {
    match load(Some(case)) {
        Ok(_) => panic!("{case} should not load"),
        Err(e) => {
            assert_eq!(e.0.len(), 1, "{case}: {e}");
            e.0[0].to_string()
        }
    }
}

#[test]
fn parse_errors_name_the_file_and_field() {
    let bad_tier = load_error("parse-bad-tier");
    assert!(bad_tier.contains("red-flags/flag-x.md"), "{bad_tier}");
    assert!(bad_tier.contains("red_flag.tier"), "{bad_tier}");
    assert!(bad_tier.contains("panic"), "{bad_tier}");

    let missing = load_error("parse-missing-summary");
    assert!(missing.contains("summary"), "{missing}");

    let unknown = load_error("parse-unknown-field");
    assert!(unknown.contains("reviewer"), "{unknown}");

    let date = load_error("parse-string-date");
    assert!(date.contains("reviewed_on"), "{date}");

    let none = load_error("parse-no-front-matter");
    assert!(none.contains("+++"), "{none}");

    let two = load_error("parse-two-tables");
    assert!(two.contains("drug") && two.contains("supplement"), "{two}");

    let unit = load_error("parse-bad-unit");
    assert!(unit.contains("drug.typical_adult_dose.unit"), "{unit}");
    assert!(unit.contains("spoons"), "{unit}");
}

#[test]
fn every_bad_file_is_reported_not_just_the_first() {
    let mut files = md_files(&fixtures().join("valid"));
    for case in ["parse-bad-tier", "parse-missing-summary", "parse-bad-unit"] {
        files.extend(md_files(&fixtures().join("invalid").join(case)));
    }
    let err = Kb::load(files, "").unwrap_err();
    assert_eq!(err.0.len(), 3);
    let err = Kb::load(Vec::<(String, String)>::new(), "[[source]]\nid = 3\n").unwrap_err();
    assert!(
        err.0[0].to_string().contains("sources.toml"),
        "{}",
        err.0[0]
    );
}

#[test]
fn accessors_expose_the_model() {
    let kb = load(None).unwrap();
    assert_eq!(kb.get("methotrexate").unwrap().section, Section::Drugs);
    assert!(kb.get("nope").is_none());
    assert_eq!(kb.glossary_terms().len(), 1);
    assert_eq!(kb.glossary_terms()[0].1.medical, "myalgia");
    let flags = kb.red_flags();
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].1.number_checks[0].at_least, Some(38.0));
    assert_eq!(kb.source("seed-a").unwrap().authors, ["A. Writer"]);
    assert_eq!(kb.suggest("methotrexat", 3), ["methotrexate"]);
    let passages = kb.get("heliotrope-rash").unwrap().passages();
    let headings: Vec<Option<&str>> = passages.iter().map(|p| p.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [None, Some("What it looks like"), Some("What to do")]
    );
    assert_eq!(passages[1].text, "purple or pink skin\npuffy lids");
    match &kb.get("methotrexate").unwrap().structured {
        Some(Structured::Drug(d)) => assert!((d.typical_adult_dose.max - 25.0).abs() < 1e-9),
        other => panic!("{other:?}"),
    }
}

#[test]
fn citations_follow_each_style() {
    let kb = load(None).unwrap();
    let entry = kb.get("heliotrope-rash").unwrap();
    let accessed = Date::new(2026, 12, 3).unwrap();
    let base = "https://myo.example";
    let cite = |style| myo_kb::cite(entry, style, accessed, base);
    assert_eq!(
        cite(CitationStyle::Apa),
        "Myo contributors. (2026, November 21). Heliotrope rash. Myo knowledge base. \
         Retrieved December 3, 2026, from https://myo.example/kb/heliotrope-rash"
    );
    assert_eq!(
        cite(CitationStyle::Mla),
        "Myo contributors. \u{201c}Heliotrope rash.\u{201d} Myo knowledge base, 21 Nov. 2026, \
         myo.example/kb/heliotrope-rash. Accessed 3 Dec. 2026."
    );
    assert_eq!(
        cite(CitationStyle::Chicago),
        "Myo contributors. \u{201c}Heliotrope rash.\u{201d} Myo knowledge base. Last modified \
         November 21, 2026. Accessed December 3, 2026. https://myo.example/kb/heliotrope-rash."
    );
    assert_eq!(
        cite(CitationStyle::Harvard),
        "Myo contributors (2026) Heliotrope rash. Myo knowledge base. Available at: \
         https://myo.example/kb/heliotrope-rash (Accessed: 3 December 2026)."
    );
    assert_eq!("MLA".parse::<CitationStyle>(), Ok(CitationStyle::Mla));
    assert!("vancouver".parse::<CitationStyle>().is_err());
}

/// The valid fixture with its registry text changed by `edit`.
fn check_registry(edit: impl Fn(&str) -> String) -> Report {
    let files = md_files(&fixtures().join("valid"));
    let sources = edit(&std::fs::read_to_string(fixtures().join("valid/sources.toml")).unwrap());
    let kb = Kb::load(files, &sources).unwrap_or_else(|e| panic!("{e}"));
    kb.check(&[], today())
}

fn general_rules(report: &Report) -> Vec<Rule> {
    report
        .general
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.rule)
        .collect()
}

/// A source address must be the page that holds the fact: homepages, search pages and
/// placeholders fail, in every spelling.
#[test]
fn homepage_search_and_placeholder_addresses_fail_the_check() {
    let page = "https://medlineplus.gov/ency/article/000839.htm";
    for bad in [
        "https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=methotrexate",
        "https://DailyMed.nlm.nih.gov/dailymed/SEARCH.cfm?labeltype=all&query=x",
        "https://example.org/search?q=myositis",
        "https://example.org/site/search/",
        "https://example.org/page?term=dm",
        "https://rxharun.com/",
        "https://rxharun.com",
        "http://www.medlink.com//",
        "https://blog.invalid/dermatomyositis",
        "ftp://example.org/file",
    ] {
        let report = check_registry(|s| s.replace(page, bad));
        assert_eq!(general_rules(&report), [Rule::SourceUrl], "{bad}");
        assert!(
            report.general.iter().any(|p| p.message.contains("web-b")),
            "{bad}"
        );
    }
    // A specific page, including one whose path merely contains "research", passes.
    for good in [
        "https://www.niehs.nih.gov/research/resources/imacs/form-04",
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=2b61822e-b488-5eaf-e063-6394a90a2dcd",
    ] {
        let report = check_registry(|s| s.replace(page, good));
        assert!(general_rules(&report).is_empty(), "{good}");
    }
    // An organisation's own homepage may be cited for the organisation itself, never a search.
    let home = check_registry(|s| {
        s.replace(page, "https://www.myositis.org.uk/").replace(
            "kind = \"web\"\n",
            "kind = \"web\"\norganisation_home = true\n",
        )
    });
    assert!(general_rules(&home).is_empty());
    let search = check_registry(|s| {
        s.replace(page, "https://www.myositis.org.uk/search?q=x")
            .replace(
                "kind = \"web\"\n",
                "kind = \"web\"\norganisation_home = true\n",
            )
    });
    assert_eq!(general_rules(&search), [Rule::SourceUrl]);
}

/// Seeds are background only, and must say so.
#[test]
fn a_seed_not_marked_background_fails_the_check() {
    let report = check_registry(|s| s.replace("background = true\n", ""));
    assert_eq!(general_rules(&report), [Rule::Registry]);
}

/// Numbers in a structured table resting only on background sources fail, and the message
/// says which table.
#[test]
fn structured_numbers_on_background_sources_only_fail_the_check() {
    // Every valid entry cites web-b; demote it to background.
    let report =
        check_registry(|s| s.replace("kind = \"web\"\n", "kind = \"web\"\nbackground = true\n"));
    let messages: Vec<&str> = report
        .problems()
        .filter(|(_, p)| p.rule == Rule::PrimarySource)
        .map(|(_, p)| p.message.as_str())
        .collect();
    assert_eq!(messages.len(), 7, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("numbers in its [drug] table"))
    );
    // Without any address or DOI a source cannot pin a fact either.
    let report = check_registry(|s| {
        s.replace(
            "url = \"https://medlineplus.gov/ency/article/000839.htm\"\n",
            "",
        )
    });
    assert!(
        report
            .problems()
            .any(|(_, p)| p.rule == Rule::PrimarySource)
    );
}

/// Working notes and issue numbers are recognised in any case and spacing of the number.
#[test]
fn working_note_names_are_recognised() {
    // The names come from the checker's own list, so this file does not spell them.
    let notes: Vec<&str> = myo_kb::working_notes().collect();
    assert!(notes.len() >= 5, "{notes:?}");
    let mut texts = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        texts.push(match i % 3 {
            0 => format!("see {note}.md §5.2"),
            1 => format!("summarised in {}", note.to_uppercase()),
            _ => format!("/work/{note}/x.md"),
        });
    }
    texts.push("as fixed by issue 2".to_owned());
    texts.push("Issue 11".to_owned());
    for text in &texts {
        assert!(myo_kb::names_working_note(text).is_some(), "{text}");
    }
    for text in [
        "BSR 2017 Table 1",
        "no issue here",
        "issue with tissue",
        "reissue 5",
    ] {
        assert_eq!(myo_kb::names_working_note(text), None, "{text}");
    }
}

/// `kb stats` counts entries resting on primary sources, and partial flags take them out.
#[test]
fn sourcing_counts_primary_and_partial_entries() {
    let kb = load(None).unwrap();
    let s = kb.sourcing();
    assert_eq!(
        (
            s.entries,
            s.primary_sourced,
            s.with_partial,
            s.background_only
        ),
        (7, 7, 0, 0)
    );
    let kb = load(Some("background-only")).unwrap();
    let s = kb.sourcing();
    assert_eq!(
        (
            s.entries,
            s.primary_sourced,
            s.background_only,
            s.citing_background
        ),
        (8, 7, 1, 1)
    );
    let kb = load(Some("partial-without-note")).unwrap();
    let s = kb.sourcing();
    assert_eq!((s.primary_sourced, s.with_partial), (7, 1));
}
