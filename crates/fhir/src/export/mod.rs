//! Export: a patient's records ([`input::PatientRecords`]) → one R4 `collection` Bundle.
//!
//! Why `collection`: a `document` Bundle must start with a Composition and stands for one
//! attested clinical document; `transaction`/`batch` ask a server to write; `searchset` answers
//! a search. An export of everything a patient owns is "a set of resources collected for
//! distribution", which is what R4 defines `collection` for.
//!
//! Resources get ids `<kind>-<tracker id>` (kinds never share a FHIR id) and stable
//! `urn:uuid:` full URLs (no FHIR endpoint serves `<base>/<Type>/<id>` yet); references use
//! those URNs, so they resolve inside the Bundle. Each resource has a generated narrative, and a
//! Provenance says the records are patient-reported. The export computes nothing clinical: it writes what the tracker recorded, and an
//! item not recorded is absent, never zero.

mod document;
pub mod input;
mod medication;

use crate::datatypes::{
    Annotation, CodeableConcept, Coding, Extension, HumanName, Quantity, Reference, ValueX,
};
use crate::decimal::Decimal;
use crate::resource::Resource;
use crate::resources::{
    AuditAgent, AuditEntity, AuditEvent, AuditSource, Bundle, BundleEntry, Condition, Observation,
    ObservationComponent, Patient, ReferenceRange,
};
use crate::systems;
use input::{
    AntibodyResult, AntibodyValue, AuditAction, AuditRecord, ConditionRecord, ConditionStatus,
    DefinitionStatus, DiaryEntry, DiaryQuestion, DiaryRating, InstrumentResult, LabResult, Measure,
    MeasureKind, PatientRecords,
};

pub use document::urn_uuid;
pub use medication::{dose_statement, medication_statement};

/// Where and when the export is made (the crate has no clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// FHIR base URL the full URLs are built on, e.g. `https://myo.example.org/fhir`.
    pub base_url: String,
    /// `Bundle.timestamp`: when the export was assembled (FHIR instant).
    pub generated_at: String,
}

/// A record that cannot be written as valid FHIR; `field` names it, e.g. `labs[3].id`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The id cannot form a FHIR id (letters, digits, `-`, `.`; at most 64 with its prefix).
    #[error("{field}: `{id}` cannot be a FHIR id (letters, digits, '-' and '.', at most 64)")]
    InvalidId {
        /// Which record.
        field: String,
        /// The id.
        id: String,
    },
    /// A diary rating outside 0–10.
    #[error("{field}: rating {value} is outside 0-10")]
    RatingOutOfRange {
        /// Which rating.
        field: String,
        /// The value.
        value: Decimal,
    },
    /// A code that cannot belong to its code system (e.g. an RxCUI that is not a number).
    #[error("{field}: `{code}` is not a valid {system} code")]
    InvalidCode {
        /// Which record's code.
        field: String,
        /// The code.
        code: String,
        /// The code system's name.
        system: &'static str,
    },
    /// The base URL is not an absolute `http(s)` URL.
    #[error("base_url: `{0}` is not an absolute http(s) URL")]
    BaseUrl(String),
    /// A schedule FHIR cannot express as given (e.g. a taper with no steps).
    #[error("{field}: {reason}")]
    Schedule {
        /// Which medicine.
        field: String,
        /// Why.
        reason: String,
    },
}

/// Builds the `collection` Bundle of everything in `records`, Patient first.
pub fn patient_bundle(
    records: &PatientRecords,
    options: &ExportOptions,
) -> Result<Bundle, ExportError> {
    let base = base_url(&options.base_url)?;
    let pid = fhir_id("patient.id", "p", &records.patient.id)?;
    let scope = records.patient.id.as_str();
    let subject = Reference {
        reference: Some(urn_uuid(scope, "Patient", &pid)),
        ..Reference::default()
    };
    let mut resources = vec![Resource::Patient(Box::new(patient(records, &pid)))];
    for (i, entry) in records.diary.iter().enumerate() {
        let obs = diary_observation(entry, &subject, &format!("diary[{i}]"))?;
        resources.push(Resource::Observation(Box::new(obs)));
    }
    for (i, lab) in records.labs.iter().enumerate() {
        let obs = lab_observation(lab, &subject, &format!("labs[{i}]"))?;
        resources.push(Resource::Observation(Box::new(obs)));
    }
    for (i, result) in records.instruments.iter().enumerate() {
        let obs = instrument_observation(result, &subject, &format!("instruments[{i}]"))?;
        resources.push(Resource::Observation(Box::new(obs)));
    }
    for (i, measure) in records.measures.iter().enumerate() {
        let obs = measure_observation(measure, &subject, &format!("measures[{i}]"))?;
        resources.push(Resource::Observation(Box::new(obs)));
    }
    for (i, record) in records.conditions.iter().enumerate() {
        let condition = condition(record, &subject, &format!("conditions[{i}]"))?;
        resources.push(Resource::Condition(Box::new(condition)));
    }
    for (i, result) in records.antibodies.iter().enumerate() {
        let obs = antibody_observation(result, &subject, &format!("antibodies[{i}]"))?;
        resources.push(Resource::Observation(Box::new(obs)));
    }
    for (i, medicine) in records.medicines.iter().enumerate() {
        let statement = medication_statement(medicine, &subject, &format!("medicines[{i}]"))?;
        resources.push(Resource::MedicationStatement(Box::new(statement)));
    }
    for (i, event) in records.dose_events.iter().enumerate() {
        let field = format!("dose_events[{i}]");
        let (m, medicine) = records
            .medicines
            .iter()
            .enumerate()
            .find(|(_, m)| m.id == event.medicine_id)
            .ok_or_else(|| ExportError::Schedule {
                field: format!("{field}.medicine_id"),
                reason: "names no exported medicine".into(),
            })?;
        let med_id = fhir_id(&format!("medicines[{m}].id"), "med", &medicine.id)?;
        let urn = urn_uuid(scope, "MedicationStatement", &med_id);
        let statement = medication::dose_statement(event, medicine, &urn, &subject, &field)?;
        resources.push(Resource::MedicationStatement(Box::new(statement)));
    }
    let targets: Vec<String> = resources
        .iter()
        .map(|r| urn_uuid(scope, r.resource_type(), r.id().unwrap_or_default()))
        .collect();
    let patient_urn = targets[0].clone();
    resources.push(document::provenance(
        "provenance-export",
        &targets,
        &patient_urn,
        &options.generated_at,
    ));
    let mut bundle = collection(base, scope, resources);
    bundle.timestamp = Some(options.generated_at.clone());
    Ok(bundle)
}

/// Builds a `collection` Bundle of AuditEvents from Myo's audit log, for a patient's export.
pub fn audit_bundle(
    records: &[AuditRecord],
    options: &ExportOptions,
) -> Result<Bundle, ExportError> {
    let base = base_url(&options.base_url)?;
    let resources = records
        .iter()
        .enumerate()
        .map(|(i, record)| audit_event(record, &format!("audit[{i}]")).map(Box::new))
        .map(|event| event.map(Resource::AuditEvent))
        .collect::<Result<Vec<_>, _>>()?;
    let mut bundle = collection(base, "audit", resources);
    bundle.timestamp = Some(options.generated_at.clone());
    Ok(bundle)
}

/// The Bundle: each resource gets its narrative and a `urn:uuid:` full URL (stable within
/// `scope`); the site's FHIR base URL is kept in the Bundle's `meta.source`.
fn collection(base: &str, scope: &str, resources: Vec<Resource>) -> Bundle {
    let entry = resources
        .into_iter()
        .map(|mut resource| {
            document::add_narrative(&mut resource);
            BundleEntry {
                full_url: Some(urn_uuid(
                    scope,
                    resource.resource_type(),
                    resource.id().unwrap_or_default(),
                )),
                resource: Some(resource),
                ..BundleEntry::default()
            }
        })
        .collect();
    let mut bundle = Bundle {
        r#type: "collection".into(),
        entry,
        ..Bundle::default()
    };
    bundle
        .extra
        .insert("meta".to_owned(), serde_json::json!({ "source": base }));
    bundle
}

fn base_url(url: &str) -> Result<&str, ExportError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(char::is_whitespace) => {
            Ok(url.trim_end_matches('/'))
        }
        _ => Err(ExportError::BaseUrl(url.to_owned())),
    }
}

/// `<prefix>-<id>`, checked against the R4 id grammar `[A-Za-z0-9\-\.]{1,64}`.
fn fhir_id(field: &str, prefix: &str, id: &str) -> Result<String, ExportError> {
    let full = format!("{prefix}-{id}");
    let ok = !id.is_empty()
        && full.len() <= 64
        && full
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if ok {
        Ok(full)
    } else {
        Err(ExportError::InvalidId {
            field: field.to_owned(),
            id: id.to_owned(),
        })
    }
}

pub(crate) fn coding(system: &str, code: &str, display: Option<&str>) -> Coding {
    Coding {
        system: Some(system.to_owned()),
        code: Some(code.to_owned()),
        display: display.map(str::to_owned),
        ..Coding::default()
    }
}

pub(crate) fn concept(codings: Vec<Coding>, text: Option<&str>) -> CodeableConcept {
    CodeableConcept {
        coding: codings,
        text: text.map(str::to_owned),
        ..CodeableConcept::default()
    }
}

/// The UCUM code of a unit as Myo writes it for people: `mcg` is `ug` and `IU` is `[IU]` in
/// UCUM; every other unit Myo records is already its UCUM code.
pub fn ucum_code(unit: &str) -> &str {
    match unit {
        "mcg" => "ug",
        "IU" => "[IU]",
        other => other,
    }
}

/// A UCUM quantity: `unit` as shown to people, `code` in UCUM.
pub(crate) fn quantity(value: &Decimal, unit: &str) -> Quantity {
    Quantity {
        value: Some(value.clone()),
        unit: Some(unit.to_owned()),
        system: Some(systems::UCUM.to_owned()),
        code: Some(ucum_code(unit).to_owned()),
        ..Quantity::default()
    }
}

fn category(code: &str) -> Vec<CodeableConcept> {
    let display = match code {
        "laboratory" => "Laboratory",
        "survey" => "Survey",
        "exam" => "Exam",
        "activity" => "Activity",
        "vital-signs" => "Vital Signs",
        _ => code,
    };
    vec![concept(
        vec![coding(systems::OBSERVATION_CATEGORY, code, Some(display))],
        None,
    )]
}

fn patient(records: &PatientRecords, id: &str) -> Patient {
    let info = &records.patient;
    Patient {
        id: Some(id.to_owned()),
        name: info
            .name
            .iter()
            .map(|text| HumanName {
                text: Some(text.clone()),
                ..HumanName::default()
            })
            .collect(),
        gender: info.gender.clone(),
        birth_date: info.birth_date.clone(),
        ..Patient::default()
    }
}

/// The diary code (in [`systems::MYO_DIARY`]) and display of a rating.
pub fn rating_code(rating: DiaryRating) -> (&'static str, &'static str) {
    match rating {
        DiaryRating::Weakness => ("weakness", "Muscle weakness, 0-10"),
        DiaryRating::Fatigue => ("fatigue", "Fatigue, 0-10"),
        DiaryRating::Pain => ("pain", "Pain, 0-10"),
        DiaryRating::Rash => ("rash", "Rash, 0-10"),
        DiaryRating::Itch => ("itch", "Itch, 0-10"),
        DiaryRating::SleepQuality => ("sleep-quality", "Sleep quality, 0-10"),
        DiaryRating::Mood => ("mood", "Mood, 0-10"),
    }
}

/// The diary code (in [`systems::MYO_DIARY`]) and display of a yes/no question.
pub fn question_code(question: DiaryQuestion) -> (&'static str, &'static str) {
    match question {
        DiaryQuestion::SwallowingTrouble => ("swallowing-trouble", "Trouble swallowing"),
        DiaryQuestion::Breathlessness => ("breathlessness", "Breathlessness"),
        DiaryQuestion::Fever => ("fever", "Fever"),
        DiaryQuestion::NewSkinSores => ("new-skin-sores", "New skin sores"),
    }
}

fn diary_component(code: (&str, &str), value: ValueX) -> ObservationComponent {
    ObservationComponent {
        code: concept(vec![coding(systems::MYO_DIARY, code.0, Some(code.1))], None),
        value,
        ..ObservationComponent::default()
    }
}

/// One diary entry → one `survey` Observation (code `entry`) with a component per answered
/// item: a rating as a `{score}` quantity, a yes/no answer as a boolean.
pub fn diary_observation(
    entry: &DiaryEntry,
    subject: &Reference,
    field: &str,
) -> Result<Observation, ExportError> {
    let mut component = Vec::new();
    for (rating, value) in &entry.ratings {
        let rating = *rating;
        if !(0.0..=10.0).contains(&value.to_f64()) {
            let field = format!("{field}.ratings.{}", rating_code(rating).0);
            let value = value.clone();
            return Err(ExportError::RatingOutOfRange { field, value });
        }
        let value = ValueX {
            value_quantity: Some(quantity(value, "{score}")),
            ..ValueX::default()
        };
        component.push(diary_component(rating_code(rating), value));
    }
    for &(question, answer) in &entry.answers {
        let value = ValueX {
            value_boolean: Some(answer),
            ..ValueX::default()
        };
        component.push(diary_component(question_code(question), value));
    }
    Ok(Observation {
        id: Some(fhir_id(&format!("{field}.id"), "diary", &entry.id)?),
        status: "final".into(),
        category: category("survey"),
        code: concept(
            vec![coding(
                systems::MYO_DIARY,
                "entry",
                Some("Daily diary entry"),
            )],
            None,
        ),
        subject: Some(subject.clone()),
        effective_date_time: Some(entry.date.clone()),
        note: entry.note.iter().map(|text| annotation(text)).collect(),
        component,
        ..Observation::default()
    })
}

pub(crate) fn annotation(text: &str) -> Annotation {
    Annotation {
        text: text.to_owned(),
        ..Annotation::default()
    }
}

/// A lab result → a `laboratory` Observation: LOINC (where cited), UCUM `valueQuantity` and the
/// laboratory's reference range.
pub fn lab_observation(
    lab: &LabResult,
    subject: &Reference,
    field: &str,
) -> Result<Observation, ExportError> {
    let codings = lab
        .loinc
        .iter()
        .map(|code| coding(systems::LOINC, code, Some(&lab.name)))
        .collect();
    let range = (lab.low.is_some() || lab.high.is_some()).then(|| ReferenceRange {
        low: lab.low.as_ref().map(|v| quantity(v, &lab.unit)),
        high: lab.high.as_ref().map(|v| quantity(v, &lab.unit)),
        ..ReferenceRange::default()
    });
    Ok(Observation {
        id: Some(fhir_id(&format!("{field}.id"), "lab", &lab.id)?),
        status: "final".into(),
        category: category("laboratory"),
        code: concept(codings, Some(&lab.name)),
        subject: Some(subject.clone()),
        effective_date_time: Some(lab.date.clone()),
        value: ValueX {
            value_quantity: Some(quantity(&lab.value, &lab.unit)),
            ..ValueX::default()
        },
        reference_range: range.into_iter().collect(),
        ..Observation::default()
    })
}

fn extension(url: &str, value: ValueX) -> Extension {
    Extension {
        url: url.to_owned(),
        value,
        ..Extension::default()
    }
}

/// An instrument total → a `survey` Observation coded in [`systems::MYO_INSTRUMENT`], with the
/// definition `id@revision` and its status as extensions. Without a total, `dataAbsentReason`
/// says so and a note names the missing items.
pub fn instrument_observation(
    result: &InstrumentResult,
    subject: &Reference,
    field: &str,
) -> Result<Observation, ExportError> {
    let definition = format!("{}@{}", result.instrument_id, result.revision);
    let status = match result.status {
        DefinitionStatus::Verified => "verified",
        DefinitionStatus::Partial => "partial",
    };
    let extension = vec![
        extension(
            systems::EXT_INSTRUMENT_DEFINITION,
            ValueX {
                value_string: Some(definition),
                ..ValueX::default()
            },
        ),
        extension(
            systems::EXT_INSTRUMENT_STATUS,
            ValueX {
                value_code: Some(status.into()),
                ..ValueX::default()
            },
        ),
    ];
    let value = ValueX {
        value_quantity: result.total.as_ref().map(|t| quantity(t, &result.unit)),
        ..ValueX::default()
    };
    let absent = result.total.is_none().then(|| {
        concept(
            vec![coding(
                systems::DATA_ABSENT_REASON,
                "unknown",
                Some("Unknown"),
            )],
            Some("not scored: items were not assessed"),
        )
    });
    let note = (!result.missing_items.is_empty()).then(|| {
        annotation(&format!(
            "not assessed: {}",
            result.missing_items.join(", ")
        ))
    });
    Ok(Observation {
        id: Some(fhir_id(&format!("{field}.id"), "instr", &result.id)?),
        extension,
        status: "final".into(),
        category: category("survey"),
        code: concept(
            vec![coding(
                systems::MYO_INSTRUMENT,
                &result.instrument_id,
                Some(&result.title),
            )],
            Some(&result.title),
        ),
        subject: Some(subject.clone()),
        effective_date_time: Some(result.date.clone()),
        value,
        data_absent_reason: absent,
        note: note.into_iter().collect(),
        reference_range: result
            .scale
            .iter()
            .map(|s| ReferenceRange {
                low: Some(quantity(&s.low, &result.unit)),
                high: Some(quantity(&s.high, &result.unit)),
                text: Some(format!("scale {}", s.text)),
                ..ReferenceRange::default()
            })
            .collect(),
        ..Observation::default()
    })
}

/// The measure code (in [`systems::MYO_MEASURE`]), display and observation category.
pub fn measure_code(kind: MeasureKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        MeasureKind::PhysicianGlobalActivity => (
            "physician-global-activity",
            "Physician global activity",
            "exam",
        ),
        MeasureKind::PatientGlobalActivity => (
            "patient-global-activity",
            "Patient global activity",
            "survey",
        ),
        MeasureKind::ExtramuscularActivity => (
            "extramuscular-activity",
            "Extramuscular disease activity",
            "exam",
        ),
        MeasureKind::SitToStand30s => ("sit-to-stand-30s", "30-second sit-to-stand", "activity"),
        MeasureKind::TimedUpAndGo => ("timed-up-and-go", "Timed up-and-go", "activity"),
        MeasureKind::ArmRaise => ("arm-raise", "Arm-raise hold", "activity"),
    }
}

/// A single measure → an Observation coded in [`systems::MYO_MEASURE`].
pub fn measure_observation(
    measure: &Measure,
    subject: &Reference,
    field: &str,
) -> Result<Observation, ExportError> {
    let (code, display, cat) = measure_code(measure.kind);
    Ok(Observation {
        id: Some(fhir_id(&format!("{field}.id"), "measure", &measure.id)?),
        status: "final".into(),
        category: category(cat),
        code: concept(
            vec![coding(systems::MYO_MEASURE, code, Some(display))],
            None,
        ),
        subject: Some(subject.clone()),
        effective_date_time: Some(measure.date.clone()),
        value: ValueX {
            value_quantity: Some(quantity(&measure.value, &measure.unit)),
            ..ValueX::default()
        },
        ..Observation::default()
    })
}

/// A diagnosis → a `problem-list-item` Condition coded in ICD-10-CM and SNOMED CT.
pub fn condition(
    record: &ConditionRecord,
    subject: &Reference,
    field: &str,
) -> Result<Condition, ExportError> {
    let mut codings = Vec::new();
    if let Some(c) = &record.icd10cm {
        let display = c.display.as_deref().unwrap_or(&record.text);
        codings.push(coding(systems::ICD10CM, &c.code, Some(display)));
    }
    if let Some(c) = &record.snomed {
        let display = c.display.as_deref().unwrap_or(&record.text);
        codings.push(coding(systems::SNOMED, &c.code, Some(display)));
    }
    let (status, status_display) = match record.status {
        ConditionStatus::Active => ("active", "Active"),
        ConditionStatus::Remission => ("remission", "Remission"),
        ConditionStatus::Resolved => ("resolved", "Resolved"),
    };
    Ok(Condition {
        id: Some(fhir_id(&format!("{field}.id"), "cond", &record.id)?),
        clinical_status: Some(concept(
            vec![coding(
                systems::CONDITION_CLINICAL,
                status,
                Some(status_display),
            )],
            None,
        )),
        category: vec![concept(
            vec![coding(
                systems::CONDITION_CATEGORY,
                "problem-list-item",
                Some("Problem List Item"),
            )],
            None,
        )],
        code: Some(concept(codings, Some(&record.text))),
        subject: subject.clone(),
        onset_date_time: record.onset.clone(),
        abatement_date_time: record.abatement.clone(),
        ..Condition::default()
    })
}

/// An antibody result → a `laboratory` Observation: LOINC where cited; a qualitative result as
/// text with the HL7 interpretation `POS`/`NEG`/`IND`, a level as a UCUM quantity.
pub fn antibody_observation(
    result: &AntibodyResult,
    subject: &Reference,
    field: &str,
) -> Result<Observation, ExportError> {
    // LOINC answer codes: LA6576-8 Positive, LA6577-6 Negative, LA11884-6 Indeterminate.
    let qualitative = |code: &str, text: &str| {
        let answer = match code {
            "POS" => "LA6576-8",
            "NEG" => "LA6577-6",
            _ => "LA11884-6",
        };
        let value = ValueX {
            value_codeable_concept: Some(concept(
                vec![coding(systems::LOINC, answer, Some(text))],
                Some(text),
            )),
            ..ValueX::default()
        };
        let interpretation = concept(
            vec![coding(
                systems::OBSERVATION_INTERPRETATION,
                code,
                Some(text),
            )],
            None,
        );
        (value, vec![interpretation])
    };
    let (value, interpretation) = match &result.value {
        AntibodyValue::Positive => qualitative("POS", "Positive"),
        AntibodyValue::Negative => qualitative("NEG", "Negative"),
        AntibodyValue::Indeterminate => qualitative("IND", "Indeterminate"),
        AntibodyValue::Level { value, unit } => (
            ValueX {
                value_quantity: Some(quantity(value, unit)),
                ..ValueX::default()
            },
            Vec::new(),
        ),
    };
    let codings = result
        .loinc
        .iter()
        .map(|code| coding(systems::LOINC, code, Some(&result.antibody)))
        .collect();
    let component = result
        .titre
        .iter()
        .map(|titre| ObservationComponent {
            code: concept(Vec::new(), Some("Titre")),
            value: ValueX {
                value_string: Some(titre.clone()),
                ..ValueX::default()
            },
            ..ObservationComponent::default()
        })
        .collect();
    Ok(Observation {
        id: Some(fhir_id(&format!("{field}.id"), "ab", &result.id)?),
        component,
        status: "final".into(),
        category: category("laboratory"),
        code: concept(codings, Some(&result.antibody)),
        subject: Some(subject.clone()),
        effective_date_time: Some(result.date.clone()),
        value,
        interpretation,
        ..Observation::default()
    })
}

/// An audit log entry → an R4 AuditEvent (type `rest`, subtype the interaction).
pub fn audit_event(record: &AuditRecord, field: &str) -> Result<AuditEvent, ExportError> {
    let (action, interaction) = match record.action {
        AuditAction::Create => ("C", "create"),
        AuditAction::Read => ("R", "read"),
        AuditAction::Update => ("U", "update"),
        AuditAction::Delete => ("D", "delete"),
    };
    Ok(AuditEvent {
        id: Some(fhir_id(&format!("{field}.id"), "audit", &record.id)?),
        r#type: coding(systems::AUDIT_EVENT_TYPE, "rest", Some("Restful Operation")),
        subtype: vec![coding(
            systems::RESTFUL_INTERACTION,
            interaction,
            Some(interaction),
        )],
        action: Some(action.into()),
        recorded: record.recorded.clone(),
        // R4 AuditEvent.outcome: 0 success, 4 minor failure.
        outcome: Some(if record.success { "0" } else { "4" }.into()),
        agent: vec![AuditAgent {
            who: Some(Reference {
                display: record.actor_name.clone(),
                identifier: Some(crate::datatypes::Identifier {
                    value: Some(record.actor.clone()),
                    ..Default::default()
                }),
                ..Reference::default()
            }),
            requestor: true,
            ..AuditAgent::default()
        }],
        source: AuditSource {
            observer: Reference {
                display: Some("Myo".into()),
                ..Reference::default()
            },
            ..AuditSource::default()
        },
        entity: record
            .target
            .iter()
            .map(|target| AuditEntity {
                what: Some(Reference {
                    reference: Some(target.clone()),
                    ..Reference::default()
                }),
                ..AuditEntity::default()
            })
            .collect(),
        ..AuditEvent::default()
    })
}
