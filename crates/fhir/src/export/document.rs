//! What every exported resource carries besides its data: a `urn:uuid:` full URL (there is no
//! FHIR endpoint to resolve `<base>/<Type>/<id>` yet), a generated narrative (`text`, R4
//! dom-6), and one Provenance saying the records were reported by the patient.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::datatypes::ValueX;
use crate::resource::Resource;

/// A stable `urn:uuid:` for `<Type>/<id>` inside the namespace `scope` (the patient's id): a
/// name-based UUID (RFC 9562 version 8, SHA-256 of the name), so the same record keeps the
/// same full URL from one export to the next and never collides with another patient's.
pub fn urn_uuid(scope: &str, kind: &str, id: &str) -> String {
    let digest = Sha256::digest(format!("myo:{scope}:{kind}/{id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Escapes text for the XHTML narrative.
fn xhtml(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n')
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

fn value_text(v: &ValueX) -> Option<String> {
    if let Some(q) = &v.value_quantity {
        let value = q
            .value
            .as_ref()
            .map(|d| d.as_str().to_owned())
            .unwrap_or_default();
        return Some(
            format!("{value} {}", q.unit.as_deref().unwrap_or(""))
                .trim()
                .to_owned(),
        );
    }
    if let Some(c) = &v.value_codeable_concept {
        return c
            .text
            .clone()
            .or_else(|| c.coding.first().and_then(|c| c.display.clone()));
    }
    if let Some(b) = v.value_boolean {
        return Some(if b { "yes" } else { "no" }.to_owned());
    }
    v.value_string.clone()
}

/// One plain-text line that says what the resource holds.
pub fn summary(resource: &Resource) -> String {
    match resource {
        Resource::Patient(p) => {
            let name = p
                .name
                .first()
                .and_then(|n| n.text.clone())
                .unwrap_or_else(|| "name not recorded".to_owned());
            let born = p
                .birth_date
                .as_deref()
                .map(|d| format!(", born {d}"))
                .unwrap_or_default();
            let sex = p
                .gender
                .as_deref()
                .map(|g| format!(", {g}"))
                .unwrap_or_default();
            format!("Patient: {name}{born}{sex}")
        }
        Resource::Observation(o) => {
            let what = o
                .code
                .text
                .clone()
                .or_else(|| o.code.coding.first().and_then(|c| c.display.clone()))
                .unwrap_or_else(|| "Observation".to_owned());
            let value = value_text(&o.value)
                .or_else(|| {
                    let parts: Vec<String> = o
                        .component
                        .iter()
                        .filter_map(|c| {
                            let label = c.code.coding.first().and_then(|c| c.display.clone())?;
                            Some(format!("{label}: {}", value_text(&c.value)?))
                        })
                        .collect();
                    (!parts.is_empty()).then(|| parts.join("; "))
                })
                .unwrap_or_else(|| "no value (see the note)".to_owned());
            let when = o
                .effective_date_time
                .as_deref()
                .unwrap_or("date not recorded");
            format!("{what} on {when}: {value}")
        }
        Resource::Condition(c) => {
            let what = c
                .code
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_else(|| "Condition".to_owned());
            let status = c
                .clinical_status
                .as_ref()
                .and_then(|s| s.coding.first())
                .and_then(|c| c.code.clone())
                .unwrap_or_else(|| "status not recorded".to_owned());
            let since = c
                .onset_date_time
                .as_deref()
                .map(|d| format!(", since {d}"))
                .unwrap_or_default();
            format!("{what} ({status}{since})")
        }
        Resource::MedicationStatement(m) => {
            let what = m
                .medication_codeable_concept
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_else(|| "Medicine".to_owned());
            let how: Vec<String> = m.dosage.iter().filter_map(|d| d.text.clone()).collect();
            format!("{what} ({}): {}", m.status, how.join("; "))
        }
        Resource::AuditEvent(a) => format!(
            "{} by {} at {}",
            a.subtype
                .first()
                .and_then(|c| c.code.clone())
                .unwrap_or_else(|| "access".to_owned()),
            a.agent
                .first()
                .and_then(|g| g.who.as_ref())
                .and_then(|w| w.identifier.as_ref())
                .and_then(|i| i.value.clone())
                .unwrap_or_default(),
            a.recorded
        ),
        other => other.resource_type().to_owned(),
    }
}

fn narrative(text: &str) -> Value {
    json!({
        "status": "generated",
        "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{}</p></div>", xhtml(text)),
    })
}

/// Adds the generated narrative to a resource (kept in its `extra` map, written as `text`).
pub fn add_narrative(resource: &mut Resource) {
    let text = narrative(&summary(resource));
    let extra: &mut Map<String, Value> = match resource {
        Resource::Patient(r) => &mut r.extra,
        Resource::Observation(r) => &mut r.extra,
        Resource::Condition(r) => &mut r.extra,
        Resource::MedicationStatement(r) => &mut r.extra,
        Resource::AuditEvent(r) => &mut r.extra,
        Resource::Questionnaire(r) => &mut r.extra,
        Resource::QuestionnaireResponse(r) => &mut r.extra,
        Resource::Bundle(r) => &mut r.extra,
        Resource::Other(Value::Object(map)) => map,
        Resource::Other(_) => return,
    };
    extra.insert("text".to_owned(), text);
}

/// The Provenance of an export: every target was reported by the patient (`author`) through
/// Myo, and assembled at `recorded`.
pub fn provenance(id: &str, targets: &[String], patient: &str, recorded: &str) -> Resource {
    let mut value = json!({
        "resourceType": "Provenance",
        "id": id,
        "target": targets.iter().map(|t| json!({"reference": t})).collect::<Vec<_>>(),
        "recorded": recorded,
        "agent": [{
            "type": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                "code": "author",
                "display": "Author"
            }]},
            "who": {"reference": patient, "display": "The patient (self-reported in Myo)"}
        }, {
            "type": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                "code": "assembler",
                "display": "Assembler"
            }]},
            "who": {"display": "Myo"}
        }],
    });
    if let Value::Object(map) = &mut value {
        map.insert(
            "text".to_owned(),
            narrative(&format!(
                "Reported by the patient in Myo (not verified by a clinician); {} records, exported {recorded}",
                targets.len()
            )),
        );
    }
    Resource::Other(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_versioned_and_scoped() {
        let a = urn_uuid("p1", "Observation", "lab-1");
        assert_eq!(a, urn_uuid("p1", "Observation", "lab-1"));
        assert_ne!(a, urn_uuid("p2", "Observation", "lab-1"));
        assert_ne!(a, urn_uuid("p1", "Observation", "lab-2"));
        let hex = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<&str> = hex.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('8'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn narrative_is_escaped_xhtml() {
        let n = narrative("a <b> & \"c\"\u{1}");
        let div = n["div"].as_str().unwrap();
        assert_eq!(
            div,
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &lt;b&gt; &amp; &quot;c&quot;</p></div>"
        );
    }
}
