//! R4 rules that serde cannot express: a choice element (`value[x]`, `effective[x]`, `onset[x]`,
//! `medication[x]`, `answer[x]`, …) has at most one of its typed forms, and exactly one where R4
//! requires it. Forms Myo does not type (e.g. `valueRatio`) sit in `extra` and are counted too.

use serde_json::{Map, Value};

use crate::datatypes::{Dosage, Extension, ValueX};
use crate::resource::Resource;
use crate::resources::{
    AuditEvent, Bundle, Condition, EnableWhen, MedicationStatement, Observation,
    ObservationComponent, Patient, Questionnaire, QuestionnaireItem, QuestionnaireResponse,
    ResponseItem,
};

/// One broken rule, with the JSON path of the element that breaks it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", if path.is_empty() { "(resource)" } else { path })]
pub struct Issue {
    /// JSON path, in the same form as [`crate::ParseError::path`].
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Checks of R4 rules beyond the types.
pub trait Validate {
    /// Appends the issues of `self`, found at JSON path `path`, to `issues`.
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>);

    /// All issues of `self` as a document root; empty when valid.
    fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        self.validate_at("", &mut issues);
        issues
    }
}

fn join(path: &str, element: &str) -> String {
    if path.is_empty() {
        element.to_owned()
    } else {
        format!("{path}.{element}")
    }
}

/// Whether `key` is a form of the choice element `prefix` (e.g. `valueRatio` for `value`).
fn is_form_of(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// Checks one choice element given its typed forms (`name`, `is set`) and the untyped `extra`.
fn choice(
    path: &str,
    prefix: &str,
    typed: &[(&str, bool)],
    extra: &Map<String, Value>,
    required: bool,
    issues: &mut Vec<Issue>,
) {
    let set: Vec<&str> = typed
        .iter()
        .filter(|(_, is_set)| *is_set)
        .map(|(name, _)| *name)
        .chain(
            extra
                .keys()
                .map(String::as_str)
                .filter(|k| is_form_of(k, prefix)),
        )
        .collect();
    if set.len() > 1 {
        issues.push(Issue {
            path: path.to_owned(),
            message: format!(
                "{prefix}[x] may have one form, found {}: {}",
                set.len(),
                set.join(", ")
            ),
        });
    } else if required && set.is_empty() {
        issues.push(Issue {
            path: path.to_owned(),
            message: format!("{prefix}[x] is required"),
        });
    }
}

impl ValueX {
    /// The JSON names of the forms that are set.
    fn forms(&self) -> [(&'static str, bool); 15] {
        [
            ("valueBoolean", self.value_boolean.is_some()),
            ("valueInteger", self.value_integer.is_some()),
            ("valueDecimal", self.value_decimal.is_some()),
            ("valueString", self.value_string.is_some()),
            ("valueCode", self.value_code.is_some()),
            ("valueUri", self.value_uri.is_some()),
            ("valueDate", self.value_date.is_some()),
            ("valueDateTime", self.value_date_time.is_some()),
            ("valueTime", self.value_time.is_some()),
            ("valueCoding", self.value_coding.is_some()),
            (
                "valueCodeableConcept",
                self.value_codeable_concept.is_some(),
            ),
            ("valueQuantity", self.value_quantity.is_some()),
            ("valueRange", self.value_range.is_some()),
            ("valuePeriod", self.value_period.is_some()),
            ("valueReference", self.value_reference.is_some()),
        ]
    }

    /// `true` if no form is set.
    pub fn is_empty(&self) -> bool {
        self.forms().iter().all(|(_, set)| !set)
    }
}

fn value_choice(
    path: &str,
    value: &ValueX,
    extra: &Map<String, Value>,
    required: bool,
    issues: &mut Vec<Issue>,
) {
    choice(path, "value", &value.forms(), extra, required, issues);
}

fn each<T: Validate>(path: &str, element: &str, items: &[T], issues: &mut Vec<Issue>) {
    for (i, item) in items.iter().enumerate() {
        item.validate_at(&join(path, &format!("{element}[{i}]")), issues);
    }
}

impl Validate for Extension {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        value_choice(path, &self.value, &self.extra, false, issues);
    }
}

impl Validate for Patient {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        let deceased = [
            ("deceasedBoolean", self.deceased_boolean.is_some()),
            ("deceasedDateTime", self.deceased_date_time.is_some()),
        ];
        choice(path, "deceased", &deceased, &self.extra, false, issues);
        let births = [
            (
                "multipleBirthBoolean",
                self.multiple_birth_boolean.is_some(),
            ),
            (
                "multipleBirthInteger",
                self.multiple_birth_integer.is_some(),
            ),
        ];
        choice(path, "multipleBirth", &births, &self.extra, false, issues);
    }
}

impl Validate for Observation {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        let effective = [
            ("effectiveDateTime", self.effective_date_time.is_some()),
            ("effectivePeriod", self.effective_period.is_some()),
            ("effectiveTiming", self.effective_timing.is_some()),
            ("effectiveInstant", self.effective_instant.is_some()),
        ];
        choice(path, "effective", &effective, &self.extra, false, issues);
        value_choice(path, &self.value, &self.extra, false, issues);
        if !self.value.is_empty() && self.data_absent_reason.is_some() {
            // R4 invariant obs-6: a reason for absence only when there is no value.
            issues.push(Issue {
                path: join(path, "dataAbsentReason"),
                message: "dataAbsentReason is allowed only when value[x] is absent (obs-6)".into(),
            });
        }
        each(path, "component", &self.component, issues);
    }
}

impl Validate for ObservationComponent {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        value_choice(path, &self.value, &self.extra, false, issues);
    }
}

impl Validate for Condition {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        let onset = [
            ("onsetDateTime", self.onset_date_time.is_some()),
            ("onsetAge", self.onset_age.is_some()),
            ("onsetPeriod", self.onset_period.is_some()),
            ("onsetRange", self.onset_range.is_some()),
            ("onsetString", self.onset_string.is_some()),
        ];
        choice(path, "onset", &onset, &self.extra, false, issues);
        let abatement = [
            ("abatementDateTime", self.abatement_date_time.is_some()),
            ("abatementAge", self.abatement_age.is_some()),
            ("abatementPeriod", self.abatement_period.is_some()),
            ("abatementRange", self.abatement_range.is_some()),
            ("abatementString", self.abatement_string.is_some()),
        ];
        choice(path, "abatement", &abatement, &self.extra, false, issues);
    }
}

impl Validate for MedicationStatement {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        let medication = [
            (
                "medicationCodeableConcept",
                self.medication_codeable_concept.is_some(),
            ),
            ("medicationReference", self.medication_reference.is_some()),
        ];
        choice(path, "medication", &medication, &self.extra, true, issues);
        let effective = [
            ("effectiveDateTime", self.effective_date_time.is_some()),
            ("effectivePeriod", self.effective_period.is_some()),
        ];
        choice(path, "effective", &effective, &self.extra, false, issues);
        each(path, "dosage", &self.dosage, issues);
    }
}

impl Validate for Dosage {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        let as_needed = [
            ("asNeededBoolean", self.as_needed_boolean.is_some()),
            (
                "asNeededCodeableConcept",
                self.as_needed_codeable_concept.is_some(),
            ),
        ];
        choice(path, "asNeeded", &as_needed, &self.extra, false, issues);
        for (i, rate) in self.dose_and_rate.iter().enumerate() {
            let at = join(path, &format!("doseAndRate[{i}]"));
            let dose = [
                ("doseRange", rate.dose_range.is_some()),
                ("doseQuantity", rate.dose_quantity.is_some()),
            ];
            choice(&at, "dose", &dose, &rate.extra, false, issues);
            let rates = [
                ("rateRange", rate.rate_range.is_some()),
                ("rateQuantity", rate.rate_quantity.is_some()),
            ];
            choice(&at, "rate", &rates, &rate.extra, false, issues);
        }
        if let Some(repeat) = self.timing.as_ref().and_then(|t| t.repeat.as_ref()) {
            let bounds = [
                ("boundsDuration", repeat.bounds_duration.is_some()),
                ("boundsRange", repeat.bounds_range.is_some()),
                ("boundsPeriod", repeat.bounds_period.is_some()),
            ];
            choice(
                &join(path, "timing.repeat"),
                "bounds",
                &bounds,
                &repeat.extra,
                false,
                issues,
            );
        }
    }
}

impl Validate for Questionnaire {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        each(path, "item", &self.item, issues);
    }
}

impl Validate for QuestionnaireItem {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "enableWhen", &self.enable_when, issues);
        for (i, option) in self.answer_option.iter().enumerate() {
            let at = join(path, &format!("answerOption[{i}]"));
            value_choice(&at, &option.value, &option.extra, true, issues);
        }
        for (i, initial) in self.initial.iter().enumerate() {
            let at = join(path, &format!("initial[{i}]"));
            value_choice(&at, &initial.value, &initial.extra, true, issues);
        }
        each(path, "item", &self.item, issues);
    }
}

impl Validate for EnableWhen {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        let answer = [
            ("answerBoolean", self.answer_boolean.is_some()),
            ("answerDecimal", self.answer_decimal.is_some()),
            ("answerInteger", self.answer_integer.is_some()),
            ("answerDate", self.answer_date.is_some()),
            ("answerDateTime", self.answer_date_time.is_some()),
            ("answerTime", self.answer_time.is_some()),
            ("answerString", self.answer_string.is_some()),
            ("answerCoding", self.answer_coding.is_some()),
            ("answerQuantity", self.answer_quantity.is_some()),
            ("answerReference", self.answer_reference.is_some()),
        ];
        choice(path, "answer", &answer, &self.extra, true, issues);
    }
}

impl Validate for QuestionnaireResponse {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        each(path, "item", &self.item, issues);
    }
}

impl Validate for ResponseItem {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        for (i, answer) in self.answer.iter().enumerate() {
            let at = join(path, &format!("answer[{i}]"));
            value_choice(&at, &answer.value, &answer.extra, false, issues);
            each(&at, "item", &answer.item, issues);
        }
        each(path, "item", &self.item, issues);
    }
}

impl Validate for AuditEvent {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        each(path, "extension", &self.extension, issues);
        if self.agent.is_empty() {
            issues.push(Issue {
                path: join(path, "agent"),
                message: "an AuditEvent needs at least one agent".into(),
            });
        }
    }
}

impl Validate for Bundle {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        for (i, entry) in self.entry.iter().enumerate() {
            if let Some(resource) = &entry.resource {
                resource.validate_at(&join(path, &format!("entry[{i}].resource")), issues);
            }
        }
    }
}

impl Validate for Resource {
    fn validate_at(&self, path: &str, issues: &mut Vec<Issue>) {
        match self {
            Resource::Patient(r) => r.validate_at(path, issues),
            Resource::Observation(r) => r.validate_at(path, issues),
            Resource::Condition(r) => r.validate_at(path, issues),
            Resource::MedicationStatement(r) => r.validate_at(path, issues),
            Resource::Questionnaire(r) => r.validate_at(path, issues),
            Resource::QuestionnaireResponse(r) => r.validate_at(path, issues),
            Resource::Bundle(r) => r.validate_at(path, issues),
            Resource::AuditEvent(r) => r.validate_at(path, issues),
            Resource::Other(_) => {}
        }
    }
}
