//! The tracker's record kinds, declared once. Each [`KindDecl`] says how a kind is written in
//! addresses (`/patients/{id}/records/{slug}/{record}/…`), what one record is called, which page
//! lists it (and so where a change returns to), and its CSV file. The delete and edit pages, the
//! API's `records/{kind}` routes and their OpenAPI enum, the CSV list and the history all read
//! this table: adding a kind is one entry here plus its store `Spec` and its page's
//! [`super::pages::RecordPage`].

use myo_store::{Record, RecordKind};
use myo_tracker::{Date, Invalid};

use super::assessments::Assessments;
use super::pages::{Conditions, Diary, FormData, Labs, RecordPage, Strength, Visits};
use crate::AppState;

/// How one form field is shown on the edit page.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    /// Free text.
    Text,
    /// A number as people write it (`inputmode="decimal"`).
    Number,
    /// A calendar date.
    Date,
    /// Yes, no or not answered (a stored `true`/`false`).
    YesNo,
    /// One of a fixed list: `(value, label)` pairs.
    Choice(fn() -> Vec<(&'static str, String)>),
    /// Carried unchanged from the stored record (not shown).
    Hidden,
}

/// One field of a kind's edit form: its form name, the stored column it is filled from, the
/// label a person sees, and how it is entered.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Form name (what the kind's parser reads).
    pub name: &'static str,
    /// Stored column it is filled from (see `myo_store::record_fields`).
    pub column: &'static str,
    /// Label.
    pub label: &'static str,
    /// How it is entered.
    pub input: Input,
}

/// A record's parser: the same one its page's "add" form uses, so an edit passes every check
/// a new entry passes (methotrexate guard, plausible values, dates not in the future).
pub type Parse = fn(&AppState, &FormData, Date) -> Result<Record, Invalid>;

/// How a kind is edited: its fields, fixed hidden values, and its parser.
#[derive(Debug, Clone, Copy)]
pub struct EditForm {
    /// Fields in display order.
    pub fields: &'static [Field],
    /// Fixed form values the parser needs (`form=antibody`).
    pub fixed: &'static [(&'static str, &'static str)],
    /// The parser.
    pub parse: Parse,
}

const fn field(
    name: &'static str,
    column: &'static str,
    label: &'static str,
    input: Input,
) -> Field {
    Field {
        name,
        column,
        label,
        input,
    }
}

fn analytes() -> Vec<(&'static str, String)> {
    myo_tracker::labs::Analyte::ALL
        .iter()
        .map(|a| (a.id(), a.id().to_uppercase()))
        .collect()
}

fn units() -> Vec<(&'static str, String)> {
    super::pages::lab_units()
        .into_iter()
        .map(|(code, shown)| (code, shown.to_owned()))
        .collect()
}

fn conditions() -> Vec<(&'static str, String)> {
    myo_tracker::records::ConditionKind::ALL
        .iter()
        .map(|k| (k.id(), k.id().replace('_', " ")))
        .collect()
}

fn antibodies() -> Vec<(&'static str, String)> {
    myo_tracker::records::AntibodyKind::ALL
        .iter()
        .map(|k| match k.id() {
            "ana" => ("ana", "ANA".to_owned()),
            id => (id, format!("anti-{id}")),
        })
        .collect()
}

fn outcomes() -> Vec<(&'static str, String)> {
    vec![
        ("positive", "Positive".to_owned()),
        ("negative", "Negative".to_owned()),
        ("equivocal", "Borderline".to_owned()),
    ]
}

const DIARY_FIELDS: &[Field] = &[
    field("date", "date", "Date", Input::Date),
    field("weakness", "weakness", "Weakness (0–10)", Input::Number),
    field("fatigue", "fatigue", "Fatigue (0–10)", Input::Number),
    field("pain", "pain", "Pain (0–10)", Input::Number),
    field("rash", "rash", "Rash (0–10)", Input::Number),
    field("itch", "itch", "Itch (0–10)", Input::Number),
    field(
        "sleep_quality",
        "sleep_quality",
        "Sleep quality (0–10)",
        Input::Number,
    ),
    field("mood", "mood", "Mood (0–10)", Input::Number),
    field(
        "swallowing_trouble",
        "swallowing_trouble",
        "Trouble swallowing",
        Input::YesNo,
    ),
    field(
        "breathlessness",
        "breathlessness",
        "Short of breath",
        Input::YesNo,
    ),
    field("fever", "fever", "Fever", Input::YesNo),
    field(
        "new_skin_sores",
        "new_skin_sores",
        "New skin sores",
        Input::YesNo,
    ),
    field("note", "note", "Note", Input::Text),
];

const LAB_FIELDS: &[Field] = &[
    field("analyte", "analyte", "Test", Input::Choice(analytes)),
    field("value", "value", "Value", Input::Number),
    field("unit", "unit", "Unit", Input::Choice(units)),
    field(
        "low",
        "range_low",
        "Reference range, low (optional)",
        Input::Number,
    ),
    field(
        "high",
        "range_high",
        "Reference range, high (optional)",
        Input::Number,
    ),
    field(
        "uln",
        "uln",
        "Upper limit of normal only (optional)",
        Input::Number,
    ),
    field("date", "date", "Sample date", Input::Date),
];

const HOME_TEST_FIELDS: &[Field] = &[
    field("date", "date", "Date", Input::Date),
    field(
        "sit_to_stand_30s",
        "sit_to_stand_30s",
        "Sit-to-stand in 30 seconds",
        Input::Number,
    ),
    field(
        "timed_up_and_go_s",
        "timed_up_and_go_s",
        "Timed up-and-go (seconds)",
        Input::Number,
    ),
    field(
        "arm_raise_s",
        "arm_raise_s",
        "Arm raise (seconds)",
        Input::Number,
    ),
];

const CONDITION_FIELDS: &[Field] = &[
    field(
        "condition",
        "condition",
        "Condition",
        Input::Choice(conditions),
    ),
    field(
        "diagnosed",
        "diagnosed",
        "Diagnosed (optional)",
        Input::Date,
    ),
    field("resolved", "resolved", "Resolved (optional)", Input::Date),
];

const ANTIBODY_FIELDS: &[Field] = &[
    field(
        "antibody",
        "antibody",
        "Antibody",
        Input::Choice(antibodies),
    ),
    field("outcome", "outcome", "Result", Input::Choice(outcomes)),
    field("titre", "titre", "Titre or level (optional)", Input::Text),
    field("date", "date", "Sample date", Input::Date),
];

const VISIT_FIELDS: &[Field] = &[
    field("date", "date", "Visit date", Input::Date),
    field(
        "physician_global",
        "physician_global",
        "Physician global activity (0–10)",
        Input::Number,
    ),
    field(
        "patient_global",
        "patient_global",
        "Patient global activity (0–10)",
        Input::Number,
    ),
    field(
        "extramuscular",
        "extramuscular",
        "Extramuscular activity (0–10)",
        Input::Number,
    ),
];

const ASSESSMENT_FIELDS: &[Field] = &[
    field("date", "date", "Date", Input::Date),
    field("instrument", "instrument", "Instrument", Input::Hidden),
    field("input", "input_json", "Answers", Input::Hidden),
];

/// One record kind as the web layer knows it.
#[derive(Debug, Clone, Copy)]
pub struct KindDecl {
    /// The id in addresses (`labs`, `visits`, …).
    pub slug: &'static str,
    /// The store's kind (its table is the audit `resource_type`).
    pub kind: RecordKind,
    /// What one record is called, in words a person uses ("lab result").
    pub noun: &'static str,
    /// The page under `/patients/{id}/` that lists it (also its tab); `None` for a kind the
    /// pages do not list one by one (dose events are recorded again instead).
    pub page: Option<&'static str>,
    /// Its CSV export file and that file's label.
    pub csv: (&'static str, &'static str),
    /// How a record is edited on the generic edit page (`None`: edited on its own page, as a
    /// medicine's dose changes are, or recorded again, as a dose is).
    pub edit: Option<EditForm>,
}

impl KindDecl {
    /// What one record is called in `tr`'s language (`kind-noun-<slug>`; English is `noun`).
    pub fn noun_in(&self, tr: &crate::i18n::Tr) -> String {
        tr.t(&format!("kind-noun-{}", self.slug))
    }

    /// The CSV file's label in `tr`'s language (`kind-csv-<slug>`; English is `csv.1`).
    pub fn csv_label(&self, tr: &crate::i18n::Tr) -> String {
        tr.t(&format!("kind-csv-{}", self.slug))
    }

    /// The page's address for patient `pid`.
    pub fn page_href(&self, pid: &str) -> Option<String> {
        self.page.map(|p| format!("/patients/{pid}/{p}"))
    }

    /// The label a person sees for a stored column (from the edit form; else the column's
    /// words).
    pub fn label(&self, column: &str) -> String {
        self.edit
            .and_then(|e| e.fields.iter().find(|f| f.column == column))
            .map_or_else(|| column.replace('_', " "), |f| f.label.to_owned())
    }

    /// The address of one record's action (`delete`, `edit`, `history`).
    pub fn record_href(&self, pid: &str, id: &str, action: &str) -> String {
        format!("/patients/{pid}/records/{}/{id}/{action}", self.slug)
    }
}

/// Every record kind a person enters, in the order the export lists them.
pub const KINDS: [KindDecl; 9] = [
    KindDecl {
        slug: "diary",
        kind: RecordKind::Diary,
        noun: "diary entry",
        page: Some("diary"),
        csv: ("diary.csv", "Diary"),
        edit: Some(EditForm {
            fields: DIARY_FIELDS,
            fixed: &[],
            parse: <Diary as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "labs",
        kind: RecordKind::Lab,
        noun: "lab result",
        page: Some("labs"),
        csv: ("labs.csv", "Lab results"),
        edit: Some(EditForm {
            fields: LAB_FIELDS,
            fixed: &[],
            parse: <Labs as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "medicines",
        kind: RecordKind::Medicine,
        noun: "medicine",
        page: Some("medicines"),
        csv: ("medicines.csv", "Medicines"),
        edit: None,
    },
    KindDecl {
        slug: "doses",
        kind: RecordKind::DoseEvent,
        noun: "dose",
        page: None,
        csv: ("doses.csv", "Doses taken or missed"),
        edit: None,
    },
    KindDecl {
        slug: "home_tests",
        kind: RecordKind::HomeTest,
        noun: "home test entry",
        page: Some("strength"),
        csv: ("home_tests.csv", "Home tests"),
        edit: Some(EditForm {
            fields: HOME_TEST_FIELDS,
            fixed: &[],
            parse: <Strength as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "conditions",
        kind: RecordKind::Condition,
        noun: "condition",
        page: Some("conditions"),
        csv: ("conditions.csv", "Conditions"),
        edit: Some(EditForm {
            fields: CONDITION_FIELDS,
            fixed: &[("form", "condition")],
            parse: <Conditions as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "antibodies",
        kind: RecordKind::Antibody,
        noun: "antibody result",
        page: Some("conditions"),
        csv: ("antibodies.csv", "Antibody results"),
        edit: Some(EditForm {
            fields: ANTIBODY_FIELDS,
            fixed: &[("form", "antibody")],
            parse: <Conditions as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "visits",
        kind: RecordKind::Visit,
        noun: "visit",
        page: Some("visits"),
        csv: ("visits.csv", "Visits"),
        edit: Some(EditForm {
            fields: VISIT_FIELDS,
            fixed: &[],
            parse: <Visits as RecordPage>::parse,
        }),
    },
    KindDecl {
        slug: "assessments",
        kind: RecordKind::Assessment,
        noun: "assessment",
        page: Some("strength"),
        csv: ("assessments.csv", "Strength and function assessments"),
        edit: Some(EditForm {
            fields: ASSESSMENT_FIELDS,
            fixed: &[],
            parse: <Assessments as RecordPage>::parse,
        }),
    },
];

/// The declaration for an address id, or `None` for an unknown one.
pub fn by_slug(slug: &str) -> Option<&'static KindDecl> {
    KINDS.iter().find(|k| k.slug == slug)
}

/// The declaration of a store kind (monitoring tests are not entered by people: `None`).
pub fn of(kind: RecordKind) -> Option<&'static KindDecl> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// The address ids, for the OpenAPI enum.
pub fn slugs() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.slug).collect()
}

/// The CSV files on offer: (file name, label).
pub fn csv_files() -> Vec<(&'static str, &'static str)> {
    KINDS.iter().map(|k| k.csv).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entered_kind_is_declared_once() {
        for kind in RecordKind::ALL {
            let n = KINDS.iter().filter(|k| k.kind == kind).count();
            let expected = usize::from(kind != RecordKind::MonitoringTest);
            assert_eq!(n, expected, "{kind:?}");
        }
        let mut slugs = slugs();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), KINDS.len());
        for k in KINDS {
            assert_eq!(by_slug(k.slug).map(|d| d.kind), Some(k.kind));
            assert!(k.csv.0.ends_with(".csv"));
        }
    }
}
