//! Entry safety at the edge, shared by the pages and the JSON API: the ingredient table grown
//! with every KB drug guide's names, dose plausibility against the guide's cited usual range,
//! the same-ingredient check, possible lab values, dates not in the person's future, and field
//! labels a patient understands.

use myo_store::PatientProfile;
use myo_tracker::Date;
use myo_tracker::Rules;
use myo_tracker::ingredients::{Ingredient, KnownName, NameKind};
use myo_tracker::labs::LabResult;
use myo_tracker::medicines::{DoseUnit, Medicine, Zone, same_ingredient, weekly_only_match};
use myo_tracker::plausible::{
    DoseBasis, DoseVerdict, UsualDose, check_dose, check_not_future, check_possible,
};
use myo_tracker::{Invalid, Phrase, Worded};

/// Adds every KB drug guide's generic and brand names to the rules' ingredient table (a name
/// the cited table already gives to another ingredient is left with it). Brands are read as
/// [`guide_brands`] reads them.
pub fn add_kb_ingredients(rules: &mut Rules, kb: &myo_kb::Kb) {
    for e in kb.entries() {
        let Some(myo_kb::Structured::Drug(d)) = &e.structured else {
            continue;
        };
        let source = format!("kb/{}/{}.md [drug]", e.section.as_str(), e.id);
        let several = d.generic_name.contains(';');
        let mut names: Vec<(String, String, NameKind)> = Vec::new();
        if !several {
            let generic = d.generic_name.to_lowercase();
            names.push((generic.clone(), d.generic_name.clone(), NameKind::Generic));
        }
        for (brand, bracket) in guide_brands(&d.brand_names) {
            match (several, bracket) {
                // A guide of several ingredients names each brand's own in brackets.
                (true, Some(ingredient)) => {
                    let generic = ingredient.to_lowercase();
                    names.push((generic.clone(), ingredient, NameKind::Generic));
                    names.push((generic, brand, NameKind::Brand));
                }
                (true, None) => {}
                // One ingredient: the bracket is a note on the form (Myfortic is the guide's
                // mycophenolate as mycophenolic acid); the brand stays with the guide.
                (false, _) => names.push((d.generic_name.to_lowercase(), brand, NameKind::Brand)),
            }
        }
        for (generic, name, kind) in names {
            let one = Ingredient {
                generic_name: generic,
                rxcui: if several { None } else { d.rxnorm.clone() },
                names: vec![KnownName::new(
                    &name,
                    kind,
                    myo_tracker::Status::Verified,
                    &source,
                )],
            };
            if let Err(e) = rules.ingredients.add(one) {
                tracing::debug!(problem = %e, "KB drug name not added to the ingredient table");
            }
        }
    }
}

/// A drug guide's `brand_names` as people write them on a box, each with the ingredient the
/// guide names in brackets: `"Temovate and Clobex (clobetasol)"` is Temovate and Clobex, both
/// clobetasol; `"Myfortic (mycophenolic acid)"` is Myfortic.
pub fn guide_brands(listed: &[String]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for entry in listed {
        let (names, bracket) = match entry.split_once('(') {
            Some((names, rest)) => (
                names,
                Some(rest.trim_end().trim_end_matches(')').trim().to_owned())
                    .filter(|b| !b.is_empty()),
            ),
            None => (entry.as_str(), None),
        };
        for name in names
            .split(" and ")
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            out.push((name.to_owned(), bracket.clone()));
        }
    }
    out
}

/// The usual adult dose of a generic name taken by `route`, from its KB drug guide's cited
/// `[drug].typical_adult_dose`. A guide's range holds for the routes it lists only: tacrolimus
/// ointment is not measured against the tablets' milligrams.
pub fn usual_dose(kb: &myo_kb::Kb, generic: &str, route: &str) -> Option<UsualDose> {
    kb.entries().iter().find_map(|e| match &e.structured {
        Some(myo_kb::Structured::Drug(d))
            if d.generic_name.eq_ignore_ascii_case(generic)
                && (d.routes.is_empty() || d.routes.iter().any(|r| r.as_str() == route)) =>
        {
            let t = &d.typical_adult_dose;
            Some(UsualDose {
                generic_name: d.generic_name.clone(),
                min: t.min,
                max: t.max,
                unit: match t.unit.as_str() {
                    "mg" => DoseUnit::Mg,
                    "g" => DoseUnit::G,
                    "mcg" => DoseUnit::Mcg,
                    "IU" => DoseUnit::Iu,
                    _ => DoseUnit::Ml,
                },
                basis: DoseBasis::parse(t.basis.as_str())?,
                // A guide citing a source it has not fully matched says so wherever its
                // range is quoted.
                source: if e
                    .sources
                    .iter()
                    .any(|s| s.status == Some(myo_kb::FactStatus::Partial))
                {
                    Phrase::new(
                        format!("the {} guide; this range is not yet verified", e.title),
                        Worded::new("dose-source-guide-partial").text("guide", e.title.clone()),
                    )
                } else {
                    Phrase::new(
                        format!("the {} guide", e.title),
                        Worded::new("dose-source-guide").text("guide", e.title.clone()),
                    )
                },
            })
        }
        _ => None,
    })
}

/// What the checks say about a medicine about to be saved.
#[derive(Debug)]
pub enum MedicineCheck {
    /// Save it; `confirmation` is the reason to store when there were warnings.
    Save {
        /// The person's reason, when warnings were confirmed.
        confirmation: Option<String>,
    },
    /// Ask the person to confirm these warnings with a reason, then save.
    Confirm(Vec<Phrase>),
    /// Refused, naming the field.
    Refused(Invalid),
}

/// Longest confirmation reason, in characters.
pub const CONFIRMATION_MAX: usize = 2000;

/// Checks an accepted medicine against its drug's usual dose and the person's other active
/// medicines. A second active medicine with a weekly-only ingredient (methotrexate) is refused;
/// a dose above the usual maximum, or a second medicine with another shared ingredient, needs a
/// confirmation with a reason; a dose above the hard limit is refused.
pub fn check_medicine(
    rules: &Rules,
    kb: &myo_kb::Kb,
    m: &Medicine,
    active: &[Medicine],
    confirmation: Option<&str>,
) -> MedicineCheck {
    let reason = confirmation.map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = reason.filter(|r| r.chars().count() > CONFIRMATION_MAX) {
        return MedicineCheck::Refused(
            Invalid::new(
                "confirmation",
                format!("{} characters", r.chars().count()),
                format!("at most {CONFIRMATION_MAX} characters"),
            )
            .with(
                Worded::new("invalid-too-long")
                    .num("length", r.chars().count())
                    .num("max", CONFIRMATION_MAX),
            ),
        );
    }
    let mut warnings = Vec::new();
    let route = myo_api::tracker::ROUTES
        .iter()
        .find(|(_, r)| *r == m.input().route)
        .map_or("", |(n, _)| *n);
    if let Some(usual) = m.generic_key().and_then(|g| usual_dose(kb, g, route)) {
        match check_dose(rules, m.input(), &usual) {
            Err(e) => return MedicineCheck::Refused(e),
            Ok(DoseVerdict::AboveUsual { message }) => warnings.push(message),
            Ok(DoseVerdict::Usual | DoseVerdict::NotChecked) => {}
        }
    }
    let twins = same_ingredient(m, active);
    if let Some(first) = twins.first() {
        let generic = m.generic_key().unwrap_or_default();
        let since = first.input().start;
        if weekly_only_match(rules, m.input()).is_some() {
            return MedicineCheck::Refused(Invalid::new(
                "name",
                format!(
                    "you already have '{}' ({generic}) since {since}; a second {generic} entry at the same time could mean taking it twice",
                    first.input().name
                ),
                "one active entry per ingredient: stop or delete the other one first",
            )
            .with(
                Worded::new("invalid-same-weekly-ingredient")
                    .text("name", first.input().name.clone())
                    .text("generic", generic)
                    .date("since", since),
            ));
        }
        warnings.push(Phrase::new(
            format!(
                "You already have '{}' ({generic}) since {since}, with the same active ingredient. If both are right (for example two strengths), confirm and say why.",
                first.input().name
            ),
            Worded::new("warn-same-ingredient")
                .text("name", first.input().name.clone())
                .text("generic", generic)
                .date("since", since),
        ));
    }
    match (warnings.is_empty(), reason) {
        (true, _) => MedicineCheck::Save { confirmation: None },
        (false, Some(r)) => MedicineCheck::Save {
            confirmation: Some(r.to_owned()),
        },
        (false, None) => MedicineCheck::Confirm(warnings),
    }
}

/// Warnings one after another, as one phrase (`phrase-join` nests them).
pub fn joined(warnings: &[Phrase]) -> Phrase {
    let mut rest = warnings.iter().rev();
    let Some(last) = rest.next() else {
        return Phrase::new("", Worded::new("dose-for-anyone"));
    };
    rest.fold(last.clone(), |after, w| {
        Phrase::new(
            format!("{} {}", w.english, after.english),
            Worded::new("phrase-join")
                .part("first", w.worded.clone())
                .part("rest", after.worded),
        )
    })
}

/// The person's today in the time zone of their profile (UTC when none is saved).
pub fn person_today(profile: Option<&PatientProfile>) -> Option<Date> {
    let zone = profile
        .and_then(|p| Zone::named("time_zone", &p.time_zone).ok())
        .or_else(|| Zone::named("time_zone", "UTC").ok())?;
    zone.date_at(myo_store::Timestamp::now().as_millis().div_euclid(1000))
}

/// Whether the person has a time zone of their own: a saved profile whose zone the bundled
/// database knows. Until then "today" is UTC's, and the tracker asks them to confirm a zone.
pub fn zone_confirmed(profile: Option<&PatientProfile>) -> bool {
    profile.is_some_and(|p| Zone::named("time_zone", &p.time_zone).is_ok())
}

/// A lab result's value must be possible and its sample date not in the person's future.
pub fn check_lab(rules: &Rules, lab: &LabResult, today: Date) -> Result<(), Invalid> {
    check_possible(rules, lab.analyte, lab.value, lab.unit)?;
    check_not_future("date", lab.date, today).map(|_| ())
}

/// The label a person sees for a field path (`dose.amount` → `Dose`), for error messages.
pub fn field_label(field: &str) -> String {
    if let Some((_, l)) = FIELD_LABELS.iter().find(|(f, _)| *f == field) {
        return (*l).to_owned();
    }
    if let Some(r) = field.strip_prefix("ratings.") {
        return capitalise(&r.replace('_', " "));
    }
    if let Some(s) = field.strip_prefix("symptoms.") {
        return capitalise(&s.replace('_', " "));
    }
    if field.starts_with("schedule.steps[") {
        return "Taper step".to_owned();
    }
    // Otherwise the last part of the path, in words (`input.grades.neck_flexors` → `Neck flexors`).
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    capitalise(&last.replace('_', " "))
}

/// The catalogue key of a named field's label (`dose.amount` → `field-dose-amount`).
pub fn field_key(field: &str) -> String {
    format!("field-{}", field.replace(['.', '_'], "-"))
}

/// A field's label in `tr`'s language (English: [`field_label`]); a field the catalogue does
/// not name keeps its English words.
pub fn field_label_in(tr: &crate::i18n::Tr, field: &str) -> String {
    use crate::i18n::words;
    if words::is_source(tr) {
        return field_label(field);
    }
    if FIELD_LABELS.iter().any(|(f, _)| *f == field) {
        return tr.t(&field_key(field));
    }
    let rating = field.strip_prefix("ratings.").and_then(|r| {
        myo_tracker::records::Rating::ALL
            .into_iter()
            .find(|x| x.id() == r)
    });
    if let Some(r) = rating {
        return capitalise(&words::rating(tr, r));
    }
    let symptom = field.strip_prefix("symptoms.").and_then(|r| {
        myo_tracker::records::Symptom::ALL
            .into_iter()
            .find(|x| x.id() == r)
    });
    if let Some(s) = symptom {
        return capitalise(&words::symptom(tr, s));
    }
    if field.starts_with("schedule.steps[") {
        return tr.t("field-taper-step");
    }
    field_label(field)
}

/// The fields with a label of their own (field path, English label); their labels in other
/// languages are the catalogue's [`field_key`] messages.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("dose.amount", "Dose"),
    ("dose_amount", "Dose"),
    ("dose.unit", "Dose unit"),
    ("dose", "Dose"),
    ("name", "Name"),
    ("generic_name", "Generic name"),
    ("route", "How it is taken"),
    ("schedule.kind", "How often"),
    ("schedule.day", "Day of the week"),
    ("schedule.time", "Time"),
    ("schedule.times", "Times"),
    ("schedule.n", "Every N weeks"),
    ("schedule.dates", "Dates"),
    ("schedule.steps", "Taper steps"),
    ("start", "Start"),
    ("end", "End"),
    ("confirmation", "Reason"),
    ("time_zone", "Time zone"),
    ("value", "Value"),
    ("unit", "Unit"),
    ("analyte", "Test"),
    ("low", "Lower limit"),
    ("high", "Upper limit"),
    ("uln", "Upper limit of normal"),
    ("range", "Reference range"),
    ("range.uln", "Upper limit of normal"),
    ("date", "Date"),
    ("note", "Note"),
    ("titre", "Titre"),
    ("sit_to_stand_30s", "30-second sit-to-stand"),
    ("timed_up_and_go_s", "Timed up-and-go"),
    ("arm_raise_s", "Arm raise"),
    ("physician_global", "Physician global"),
    ("patient_global", "Patient global"),
    ("extramuscular", "Extramuscular"),
    ("birth_date", "Birth date"),
    ("from", "From"),
    ("to", "To"),
    ("reason", "Reason"),
    ("last_day", "Last day"),
    ("version", "Version"),
];

/// `s` with its first letter in upper case.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// What a positive antibody result means for the person, from its KB page: the sections on
/// what to watch for and what to do (an action plan's `Green, amber, red`, `When to call your
/// care team`, `What you can do`, `What usually happens next`, `What it does not mean`), as
/// (heading, lines of plain text).
pub fn antibody_guidance(kb: &myo_kb::Kb, entry_id: &str) -> Vec<(String, Vec<String>)> {
    const WANTED: [&str; 5] = [
        "Green, amber, red",
        "When to call your care team",
        "What you can do",
        "What usually happens next",
        "What it does not mean",
    ];
    let Some(entry) = kb.entries().iter().find(|e| e.id == entry_id) else {
        return Vec::new();
    };
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in entry.body.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            sections.extend(current.take());
            current = Some((h.trim().to_owned(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            let t = plain(
                line.trim()
                    .trim_start_matches("- ")
                    .trim_start_matches("* "),
            );
            if !t.is_empty() {
                lines.push(t);
            }
        }
    }
    sections.extend(current);
    WANTED
        .iter()
        .filter_map(|w| sections.iter().find(|(h, _)| h == w).cloned())
        .collect()
}

/// Markdown inline text as plain text: `**bold**` and `[text](link)` keep only the text.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(j), Some(k)) if j < k => {
                out.push_str(&after[..j]);
                rest = &after[k + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_from_a_partly_verified_guide_says_so() {
        let kb = myo_kb::Kb::builtin().expect("kb");
        let pred = usual_dose(&kb, "prednisolone", "oral").expect("prednisolone guide");
        assert!(
            pred.source.english.ends_with("not yet verified"),
            "{}",
            pred.source
        );
        assert_eq!(pred.source.worded.id, "dose-source-guide-partial");
    }

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain("See **your** [team](/kb/x) now."),
            "See your team now."
        );
        assert_eq!(plain("a [b c"), "a [b c");
    }

    #[test]
    fn guide_brands_read_brackets_and_pairs() {
        let listed = [
            "Temovate and Clobex (clobetasol)".to_owned(),
            "Myfortic (mycophenolic acid)".to_owned(),
            "Octagam 10%".to_owned(),
        ];
        assert_eq!(
            guide_brands(&listed),
            vec![
                ("Temovate".to_owned(), Some("clobetasol".to_owned())),
                ("Clobex".to_owned(), Some("clobetasol".to_owned())),
                ("Myfortic".to_owned(), Some("mycophenolic acid".to_owned())),
                ("Octagam 10%".to_owned(), None),
            ]
        );
    }

    #[test]
    fn labels_never_show_paths() {
        assert_eq!(field_label("dose.amount"), "Dose");
        assert_eq!(field_label("ratings.sleep_quality"), "Sleep quality");
        assert_eq!(field_label("schedule.steps[1].days"), "Taper step");
        assert_eq!(field_label("input.grades.neck_flexors"), "Neck flexors");
        for f in [
            "dose.amount",
            "schedule.kind",
            "ratings.weakness",
            "value",
            "x.y_z",
        ] {
            let l = field_label(f);
            assert!(
                !l.contains('.') && !l.contains('_') && !l.contains('['),
                "{l}"
            );
        }
    }
}
