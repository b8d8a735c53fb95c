//! Rules for entries in another language than English (`kb/es/`): the language tag, the link
//! to the English counterpart, the Spanish reading ease, and the structured tables a
//! translation must keep in step with its English entry (red-flag tiers, drug numbers).

use crate::Kb;
use crate::check::{Problem, Rule};
use crate::model::{Audience, Entry, Structured};
use crate::text_es::{EASE_FLOOR, EASE_TARGET, SpanishReadability};

/// Language, counterpart and structured-table problems of one entry.
pub(crate) fn problems(kb: &Kb, entry: &Entry) -> Vec<Problem> {
    let mut out = Vec::new();
    if !crate::LANGUAGES.contains(&entry.language.as_str()) {
        out.push(Problem::error(
            Rule::Language,
            format!(
                "language '{}' is not one Myo has entries in ({})",
                entry.language,
                crate::LANGUAGES.join(", ")
            ),
        ));
    }
    match (&entry.translation_of, entry.language == "en") {
        (Some(_), true) => out.push(Problem::error(
            Rule::Counterpart,
            "translation_of: an English entry is the original; only translations name one",
        )),
        (None, false) => out.push(Problem::error(
            Rule::Counterpart,
            "translation_of: a translation must name its English entry (its counterpart)",
        )),
        (None, true) => {}
        (Some(of), false) => out.extend(counterpart_problems(kb, entry, of)),
    }
    out
}

fn counterpart_problems(kb: &Kb, entry: &Entry, of: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let want_id = format!("{of}-{}", entry.language);
    if entry.id != want_id {
        out.push(Problem::error(
            Rule::Counterpart,
            format!(
                "id '{}' must be the English id plus the language: '{want_id}'",
                entry.id
            ),
        ));
    }
    let Some(english) = kb.get(of) else {
        let near = kb.suggest(of, 1);
        let hint = near
            .first()
            .map(|n| format!(" (did you mean '{n}'?)"))
            .unwrap_or_default();
        out.push(Problem::error(
            Rule::Counterpart,
            format!("translation_of: '{of}' is not an entry id{hint}"),
        ));
        return out;
    };
    if english.language != "en" {
        out.push(Problem::error(
            Rule::Counterpart,
            format!(
                "translation_of: '{of}' is in '{}', not English; name the English entry",
                english.language
            ),
        ));
        return out;
    }
    if english.section != entry.section {
        out.push(Problem::error(
            Rule::Counterpart,
            format!(
                "section '{}' differs from its English entry's '{}'",
                entry.section, english.section
            ),
        ));
    }
    let twins = kb
        .translations()
        .iter()
        .filter(|t| t.language == entry.language && t.translation_of.as_deref() == Some(of))
        .count();
    if twins > 1 {
        out.push(Problem::error(
            Rule::Counterpart,
            format!(
                "'{of}' has {twins} '{}' translations; keep one",
                entry.language
            ),
        ));
    }
    if let (Some(mine), Some(theirs)) = (&entry.structured, &english.structured) {
        out.extend(
            table_problems(mine, theirs)
                .into_iter()
                .map(|m| Problem::error(Rule::Counterpart, format!("{m} (English entry '{of}')"))),
        );
    }
    if let Some(Structured::Drug(_)) = &english.structured {
        // The numbers of a drug table are the English entry's, so are their sources.
        for s in &english.sources {
            if !entry.sources.iter().any(|r| r.id == s.id) {
                out.push(Problem::error(
                    Rule::Counterpart,
                    format!(
                        "sources: the English drug guide cites '{}', which backs the numbers this table repeats; cite it too",
                        s.id
                    ),
                ));
            }
        }
    }
    out
}

/// What a translation's table must share with its English entry: a red flag's tier (and its
/// variants' tiers), a drug's numbers and codes. Texts are translated and differ.
fn table_problems(mine: &Structured, theirs: &Structured) -> Vec<String> {
    let mut out = Vec::new();
    match (mine, theirs) {
        (Structured::RedFlag(m), Structured::RedFlag(t)) => {
            if m.tier != t.tier {
                out.push(format!(
                    "red_flag.tier: '{}' differs from the English '{}'",
                    m.tier, t.tier
                ));
            }
            let mine: Vec<_> = m.variants.iter().map(|v| v.tier).collect();
            let theirs: Vec<_> = t.variants.iter().map(|v| v.tier).collect();
            if mine != theirs {
                out.push(format!(
                    "red_flag.variant: tiers {mine:?} differ from the English {theirs:?} (one variant per English variant, same order)"
                ));
            }
            if m.contacts != t.contacts {
                out.push("red_flag.contacts: must equal the English entry's".to_owned());
            }
        }
        (Structured::Drug(m), Structured::Drug(t)) => {
            let (md, td) = (&m.typical_adult_dose, &t.typical_adult_dose);
            if md != td {
                out.push(format!(
                    "drug.typical_adult_dose: {}–{} {} {} differs from the English {}–{} {} {}",
                    md.min, md.max, md.unit, md.basis, td.min, td.max, td.unit, td.basis
                ));
            }
            if m.rxnorm != t.rxnorm {
                out.push("drug.rxnorm: must equal the English entry's".to_owned());
            }
            if m.routes != t.routes {
                out.push("drug.routes: must equal the English entry's".to_owned());
            }
            if m.frequency != t.frequency {
                out.push("drug.frequency: must equal the English entry's".to_owned());
            }
            if m.brand_names != t.brand_names {
                out.push("drug.brand_names: must equal the English entry's".to_owned());
            }
        }
        (Structured::Antibody(m), Structured::Antibody(t)) if m.loinc != t.loinc => {
            out.push("antibody.loinc: must equal the English entry's".to_owned());
        }
        (Structured::Test(m), Structured::Test(t)) if m.loinc != t.loinc => {
            out.push("test.loinc: must equal the English entry's".to_owned());
        }
        _ => {}
    }
    out
}

/// Spanish patient text: an error below [`EASE_FLOOR`], a warning below [`EASE_TARGET`].
pub(crate) fn ease_problems(entry: &Entry, ease: &SpanishReadability) -> Vec<Problem> {
    if entry.audience != Audience::Patient {
        return Vec::new();
    }
    let message = |limit: f64| {
        format!(
            "Fernández-Huerta ease {:.1} ({}) is below {limit:.0} for Spanish patient text; use shorter sentences and everyday words",
            ease.ease,
            ease.band()
        )
    };
    if ease.ease < EASE_FLOOR {
        vec![Problem::error(Rule::Ease, message(EASE_FLOOR))]
    } else if ease.ease < EASE_TARGET {
        vec![Problem::warning(Rule::Ease, message(EASE_TARGET))]
    } else {
        Vec::new()
    }
}
