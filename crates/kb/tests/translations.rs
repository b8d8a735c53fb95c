//! Entries in Spanish (`kb/es/`): the counterpart link, the Fernández-Huerta ease check, the copy
//! check on Spanish text, and tables kept equal to the English entry (red-flag tiers, drug
//! numbers). Fixtures are inline: one English entry and its Spanish translation, varied per test.

use myo_kb::{
    Date, EASE_FLOOR, EASE_TARGET, Kb, Report, Rule, Severity, Structured, readability_es,
    syllables_es,
};

const SOURCES: &str = r#"
[[source]]
id = "mlp-dm"
kind = "web"
title = "Dermatomyositis"
publisher = "MedlinePlus"
url = "https://medlineplus.gov/ency/article/000839.htm"
"#;

fn front(id: &str, section: &str, language: &str, extra: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"T\"\nsection = \"{section}\"\nsummary = \"{summary}\"\naudience = \"patient\"\nlanguage = \"{language}\"\nreviewed_on = 2026-12-07\nnext_review_due = 2027-12-07\n{extra}\n[[sources]]\nid = \"mlp-dm\"\n",
        summary = if language == "es" {
            "La DM es una enfermedad rara."
        } else {
            "DM is a rare disease."
        }
    )
}

const EN_BODY: &str = "+++\n\nDM is rare. It hurts the skin and the muscles.\n";
const ES_BODY: &str =
    "+++\n\nLa DM es rara. Afecta a la piel y a los músculos. Tiene tratamiento.\n";

fn english() -> (String, String) {
    (
        "kb/faq/faq-x.md".into(),
        front("faq-x", "faq", "en", "") + EN_BODY,
    )
}

fn spanish(extra: &str, body: &str) -> (String, String) {
    (
        "kb/es/faq/faq-x-es.md".into(),
        front("faq-x-es", "faq", "es", extra) + body,
    )
}

fn check(files: Vec<(String, String)>, seeds: &[(&str, &str)]) -> (Kb, Report) {
    let kb = Kb::load(files, SOURCES).expect("fixtures load");
    let report = kb.check(seeds, "2026-12-07".parse::<Date>().unwrap());
    (kb, report)
}

fn problems(report: &Report, id: &str, rule: Rule) -> Vec<(Severity, String)> {
    report
        .entries
        .iter()
        .filter(|e| e.id == id)
        .flat_map(|e| &e.problems)
        .filter(|p| p.rule == rule)
        .map(|p| (p.severity, p.message.clone()))
        .collect()
}

#[test]
fn a_good_translation_passes_and_links_both_ways() {
    let (kb, report) = check(
        vec![english(), spanish("translation_of = \"faq-x\"", ES_BODY)],
        &[],
    );
    let errors: Vec<_> = report
        .problems()
        .filter(|(_, p)| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let es = kb.get("faq-x-es").expect("Spanish entry by id");
    let en = kb.get("faq-x").expect("English entry by id");
    assert_eq!(kb.counterpart(es).map(|e| e.id.as_str()), Some("faq-x"));
    assert_eq!(kb.counterpart(en).map(|e| e.id.as_str()), Some("faq-x-es"));
    assert_eq!(
        kb.translation("faq-x", "es").map(|e| e.id.as_str()),
        Some("faq-x-es")
    );
    // English readers see English entries only.
    assert!(kb.entries().iter().all(|e| e.language == "en"));
    assert_eq!(kb.translations().len(), 1);
    let r = report.entries.iter().find(|e| e.id == "faq-x-es").unwrap();
    assert!(r.ease_es.is_some_and(|e| e.ease >= EASE_TARGET));
}

#[test]
fn a_translation_without_its_counterpart_fails() {
    let (_, report) = check(vec![english(), spanish("", ES_BODY)], &[]);
    let p = problems(&report, "faq-x-es", Rule::Counterpart);
    assert!(
        p.iter()
            .any(|(s, m)| *s == Severity::Error && m.contains("translation_of")),
        "{p:?}"
    );

    let (_, report) = check(
        vec![english(), spanish("translation_of = \"faq-y\"", ES_BODY)],
        &[],
    );
    let p = problems(&report, "faq-x-es", Rule::Counterpart);
    assert!(
        p.iter()
            .any(|(_, m)| m.contains("'faq-y' is not an entry id")),
        "{p:?}"
    );
}

#[test]
fn a_counterpart_must_be_english_and_the_id_must_follow_it() {
    let other = (
        "kb/es/faq/faq-z-es.md".to_string(),
        front("faq-z-es", "faq", "es", "translation_of = \"faq-x-es\"") + ES_BODY,
    );
    let (_, report) = check(
        vec![
            english(),
            spanish("translation_of = \"faq-x\"", ES_BODY),
            other,
        ],
        &[],
    );
    let p = problems(&report, "faq-z-es", Rule::Counterpart);
    assert!(p.iter().any(|(_, m)| m.contains("not English")), "{p:?}");
    assert!(p.iter().any(|(_, m)| m.contains("'faq-x-es-es'")), "{p:?}");
    // An English entry never names a counterpart; a language Myo has no entries in is refused.
    let odd = (
        "kb/faq/faq-q.md".to_string(),
        front("faq-q", "faq", "en", "translation_of = \"faq-x\"") + EN_BODY,
    );
    let french = (
        "kb/faq/faq-x-fr.md".to_string(),
        front("faq-x-fr", "faq", "fr", "translation_of = \"faq-x\"") + ES_BODY,
    );
    let (_, report) = check(vec![english(), odd, french], &[]);
    assert!(!problems(&report, "faq-q", Rule::Counterpart).is_empty());
    assert!(!problems(&report, "faq-x-fr", Rule::Language).is_empty());
}

#[test]
fn hard_spanish_fails_and_middling_spanish_warns() {
    // Long words, one long sentence: far below the floor.
    let hard = "+++\n\nLa inmunosupresión farmacológica prolongada incrementa considerablemente la susceptibilidad a complicaciones infecciosas oportunistas potencialmente devastadoras en pacientes inmunocomprometidos.\n";
    let (_, report) = check(
        vec![english(), spanish("translation_of = \"faq-x\"", hard)],
        &[],
    );
    let p = problems(&report, "faq-x-es", Rule::Ease);
    assert!(p.iter().any(|(s, _)| *s == Severity::Error), "{p:?}");
    // The English grade limit does not apply to Spanish text.
    assert!(problems(&report, "faq-x-es", Rule::Grade).is_empty());

    let middling = "+++\n\nLa dermatomiositis puede afectar a los pulmones y al corazón de algunas personas. Su equipo médico revisará estos órganos con regularidad.\n";
    let (_, report) = check(
        vec![english(), spanish("translation_of = \"faq-x\"", middling)],
        &[],
    );
    let r = report.entries.iter().find(|e| e.id == "faq-x-es").unwrap();
    let ease = r.ease_es.unwrap().ease;
    let p = problems(&report, "faq-x-es", Rule::Ease);
    if ease < EASE_FLOOR {
        assert!(p.iter().any(|(s, _)| *s == Severity::Error));
    } else if ease < EASE_TARGET {
        assert!(
            p.iter().all(|(s, _)| *s == Severity::Warning) && !p.is_empty(),
            "{p:?}"
        );
    } else {
        assert!(p.is_empty());
    }
}

#[test]
fn a_run_of_eight_words_copied_in_spanish_fails() {
    let seed = "Texto de origen: la dermatomiositis es una enfermedad rara que afecta a la piel y a veces también a los músculos.";
    let copied = "+++\n\nLa dermatomiositis es una enfermedad rara que afecta a la piel. Tiene tratamiento.\n";
    let (_, report) = check(
        vec![english(), spanish("translation_of = \"faq-x\"", copied)],
        &[("seed-es", seed)],
    );
    let p = problems(&report, "faq-x-es", Rule::Copy);
    assert!(
        p.iter()
            .any(|(s, m)| *s == Severity::Error && m.contains("seed-es")),
        "{p:?}"
    );
    // Seven shared words in a row are not a copy.
    let (_, report) = check(
        vec![english(), spanish("translation_of = \"faq-x\"", ES_BODY)],
        &[("seed-es", seed)],
    );
    assert!(problems(&report, "faq-x-es", Rule::Copy).is_empty());
}

fn red_flag(id: &str, language: &str, tier: &str, extra: &str) -> (String, String) {
    let path = if language == "en" {
        format!("kb/red-flags/{id}.md")
    } else {
        format!("kb/es/red-flags/{id}.md")
    };
    let phrases = if language == "en" {
        "[\"chest pain\"]"
    } else {
        "[]"
    };
    let body = if language == "en" { EN_BODY } else { ES_BODY };
    (
        path,
        front(id, "red-flags", language, extra)
            + &format!(
                "\n[red_flag]\ntier = \"{tier}\"\naction = \"Llame ya.\"\nphrases = {phrases}\n"
            )
            + body,
    )
}

#[test]
fn a_spanish_red_flag_keeps_the_english_tier() {
    let en = red_flag("chest-pain", "en", "emergency", "");
    let same = red_flag(
        "chest-pain-es",
        "es",
        "emergency",
        "translation_of = \"chest-pain\"",
    );
    let (kb, report) = check(vec![en.clone(), same], &[]);
    assert!(problems(&report, "chest-pain-es", Rule::Counterpart).is_empty());
    assert!(problems(&report, "chest-pain-es", Rule::Structured).is_empty());
    // Only the English table feeds triage.
    assert_eq!(kb.red_flags().len(), 1);
    let lower = red_flag(
        "chest-pain-es",
        "es",
        "urgent",
        "translation_of = \"chest-pain\"",
    );
    let (_, report) = check(vec![en, lower], &[]);
    let p = problems(&report, "chest-pain-es", Rule::Counterpart);
    assert!(p.iter().any(|(_, m)| m.contains("red_flag.tier")), "{p:?}");
}

fn drug(id: &str, language: &str, max: f64, extra: &str) -> (String, String) {
    let path = if language == "en" {
        format!("kb/drugs/{id}.md")
    } else {
        format!("kb/es/drugs/{id}.md")
    };
    let body = if language == "en" { EN_BODY } else { ES_BODY };
    let table = format!(
        "\n[drug]\ngeneric_name = \"x\"\nclass = \"c\"\nroutes = [\"oral\"]\nfrequency = \"weekly\"\npurpose = \"p\"\nmechanism = \"m\"\npregnancy = \"p\"\nvaccines = \"v\"\ncommon_side_effects = []\nserious_side_effects = [\"s\"]\nmonitoring_before = []\nmonitoring_during = []\ncall_care_team_if = [\"c\"]\ninteractions = []\n[drug.typical_adult_dose]\nmin = 15.0\nmax = {max:?}\nunit = \"mg\"\nbasis = \"per_week\"\n"
    );
    (path, front(id, "drugs", language, extra) + &table + body)
}

#[test]
fn a_spanish_drug_table_repeats_the_english_numbers() {
    let en = drug("mtx", "en", 25.0, "");
    let (_, report) = check(
        vec![
            en.clone(),
            drug("mtx-es", "es", 25.0, "translation_of = \"mtx\""),
        ],
        &[],
    );
    assert!(problems(&report, "mtx-es", Rule::Counterpart).is_empty());
    let (_, report) = check(
        vec![en, drug("mtx-es", "es", 2.5, "translation_of = \"mtx\"")],
        &[],
    );
    let p = problems(&report, "mtx-es", Rule::Counterpart);
    assert!(
        p.iter().any(|(_, m)| m.contains("typical_adult_dose")),
        "{p:?}"
    );
}

/// Every built-in Spanish drug guide repeats its English entry's numbers, codes and sources, and
/// every Spanish red-flag page its entry's tiers and help lines.
#[test]
fn builtin_spanish_tables_equal_the_english_ones() {
    let kb = Kb::builtin().expect("built-in KB loads");
    let mut drugs = 0;
    for es in kb.translations() {
        let en = kb
            .counterpart(es)
            .expect("every translation has its English entry");
        match (&es.structured, &en.structured) {
            (Some(Structured::Drug(a)), Some(Structured::Drug(b))) => {
                drugs += 1;
                assert_eq!(a.typical_adult_dose, b.typical_adult_dose, "{}", es.id);
                assert_eq!(a.rxnorm, b.rxnorm, "{}", es.id);
                assert_eq!(a.routes, b.routes, "{}", es.id);
                assert_eq!(a.frequency, b.frequency, "{}", es.id);
                assert_eq!(a.brand_names, b.brand_names, "{}", es.id);
                for s in &en.sources {
                    assert!(
                        es.sources.iter().any(|r| r.id == s.id),
                        "{} cites {}",
                        es.id,
                        s.id
                    );
                }
            }
            (Some(Structured::RedFlag(a)), Some(Structured::RedFlag(b))) => {
                assert_eq!(a.tier, b.tier, "{}", es.id);
                assert_eq!(a.contacts, b.contacts, "{}", es.id);
                let tiers =
                    |f: &myo_kb::RedFlag| f.variants.iter().map(|v| v.tier).collect::<Vec<_>>();
                assert_eq!(tiers(a), tiers(b), "{}", es.id);
            }
            (a, b) => assert_eq!(
                a.as_ref().map(Structured::kind),
                b.as_ref().map(Structured::kind),
                "{}",
                es.id
            ),
        }
    }
    assert!(drugs >= 8, "Spanish drug guides found: {drugs}");
    // Every red flag has its Spanish page.
    for (e, _) in kb.red_flags() {
        assert!(
            kb.translation(&e.id, "es").is_some(),
            "no Spanish page for {}",
            e.id
        );
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn fernandez_huerta_of_hand_counted_texts() {
    // "El sol sale. La casa es roja." el(1) sol(1) sa-le(2) la(1) ca-sa(2) es(1) ro-ja(2):
    // 7 words, 10 syllables, 2 sentences. 206.84 − 60 × 10/7 − 1.02 × 7/2.
    let r = readability_es("El sol sale. La casa es roja.");
    assert_eq!((r.words, r.sentences, r.syllables), (7, 2, 10));
    assert!(close(r.ease, 206.84 - 60.0 * 10.0 / 7.0 - 1.02 * 3.5));
    assert_eq!(r.band(), "muy fácil");
    // "La dermatomiositis es una enfermedad rara." la(1) der-ma-to-mio-si-tis(6) es(1) u-na(2)
    // en-fer-me-dad(4) ra-ra(2): 6 words, 16 syllables, 1 sentence = 206.84 − 160 − 6.12 = 40.72.
    let r = readability_es("La dermatomiositis es una enfermedad rara.");
    assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 16));
    assert!(close(r.ease, 40.72));
    assert_eq!(r.band(), "difícil");
    // Hiatus and diphthongs: dí-a, pa-ís, le-er, ciu-dad, buey.
    for (w, n) in [
        ("día", 2),
        ("país", 2),
        ("leer", 2),
        ("ciudad", 2),
        ("buey", 1),
    ] {
        assert_eq!(syllables_es(w), n, "{w}");
    }
    assert!(close(readability_es("").ease, 0.0));
}
