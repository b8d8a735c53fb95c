//! Terminology codes → knowledge-base entries, for code-driven look-ups such as an HL7
//! Infobutton (context-aware knowledge retrieval) request from an electronic health record.
//!
//! An entry is about a code when its front matter names it: `drug.rxnorm`, `antibody.loinc`,
//! `test.loinc`, or the optional `codes` table (`codes = { icd10cm = ["M33.10"], snomed =
//! ["396230008"] }`) that any entry may carry. Pure data mapping: no web or FHIR types here.

use serde::Deserialize;

use crate::Kb;
use crate::model::{Entry, Structured};

/// A code system an Infobutton request may name, with its HL7 OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeSystem {
    /// ICD-10-CM (US clinical modification of ICD-10), OID 2.16.840.1.113883.6.90.
    Icd10Cm,
    /// SNOMED CT, OID 2.16.840.1.113883.6.96.
    Snomed,
    /// RxNorm, OID 2.16.840.1.113883.6.88.
    RxNorm,
    /// LOINC, OID 2.16.840.1.113883.6.1.
    Loinc,
}

impl CodeSystem {
    /// Every supported system.
    pub const ALL: [CodeSystem; 4] = [
        CodeSystem::Icd10Cm,
        CodeSystem::Snomed,
        CodeSystem::RxNorm,
        CodeSystem::Loinc,
    ];

    /// The HL7 OID of the system.
    pub fn oid(self) -> &'static str {
        match self {
            CodeSystem::Icd10Cm => "2.16.840.1.113883.6.90",
            CodeSystem::Snomed => "2.16.840.1.113883.6.96",
            CodeSystem::RxNorm => "2.16.840.1.113883.6.88",
            CodeSystem::Loinc => "2.16.840.1.113883.6.1",
        }
    }

    /// The FHIR canonical URI of the system.
    pub fn uri(self) -> &'static str {
        match self {
            CodeSystem::Icd10Cm => "http://hl7.org/fhir/sid/icd-10-cm",
            CodeSystem::Snomed => "http://snomed.info/sct",
            CodeSystem::RxNorm => "http://www.nlm.nih.gov/research/umls/rxnorm",
            CodeSystem::Loinc => "http://loinc.org",
        }
    }

    /// Short human name (`ICD-10-CM`, `SNOMED CT`, `RxNorm`, `LOINC`).
    pub fn name(self) -> &'static str {
        match self {
            CodeSystem::Icd10Cm => "ICD-10-CM",
            CodeSystem::Snomed => "SNOMED CT",
            CodeSystem::RxNorm => "RxNorm",
            CodeSystem::Loinc => "LOINC",
        }
    }

    /// The system named by an OID (optionally `urn:oid:`-prefixed) or a FHIR URI; surrounding
    /// white space is ignored. `None` for anything else.
    pub fn parse(text: &str) -> Option<CodeSystem> {
        let text = text.trim();
        let oid = text.strip_prefix("urn:oid:").unwrap_or(text);
        CodeSystem::ALL
            .into_iter()
            .find(|s| s.oid() == oid || s.uri() == text)
    }

    /// The code in the form entries store it: ICD-10-CM upper-cased with its dot, the others
    /// trimmed. `None` when the text cannot be a code of this system (so it matches nothing).
    pub fn normalise(self, code: &str) -> Option<String> {
        let code = code.trim();
        let ok = match self {
            CodeSystem::Icd10Cm => valid_icd10cm(code),
            CodeSystem::Snomed => {
                (6..=18).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
            }
            CodeSystem::RxNorm => {
                (1..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
            }
            CodeSystem::Loinc => crate::check::valid_loinc(code),
        };
        if !ok {
            return None;
        }
        Some(match self {
            CodeSystem::Icd10Cm => {
                let upper = code.to_ascii_uppercase().replace('.', "");
                if upper.len() > 3 {
                    format!("{}.{}", &upper[..3], &upper[3..])
                } else {
                    upper
                }
            }
            _ => code.to_owned(),
        })
    }
}

/// ICD-10-CM shape: a letter, two characters, then optionally a dot (may be omitted) and one
/// to four more characters (`M33`, `M33.1`, `M33.10`, `m3310`).
fn valid_icd10cm(code: &str) -> bool {
    let flat: String = code.chars().filter(|&c| c != '.').collect();
    let dots = code.matches('.').count();
    let bytes = flat.as_bytes();
    (3..=7).contains(&bytes.len())
        && dots <= 1
        && (dots == 0 || code.find('.') == Some(3))
        && bytes[0].is_ascii_alphabetic()
        && bytes[1].is_ascii_digit()
        && bytes[2..].iter().all(u8::is_ascii_alphanumeric)
}

/// The optional `codes` table of an entry's front matter: codes of systems that have no
/// structured table of their own (diagnoses), each checked for shape by `myo kb check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// ICD-10-CM codes the entry is about, with their dot (`M33.10`).
    #[serde(default)]
    pub icd10cm: Vec<String>,
    /// SNOMED CT concept ids the entry is about.
    #[serde(default)]
    pub snomed: Vec<String>,
}

impl Codes {
    /// Problems with the codes' shapes, as `codes.<system>: …` messages.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for code in &self.icd10cm {
            if CodeSystem::Icd10Cm.normalise(code).as_deref() != Some(code.as_str()) {
                out.push(format!(
                    "codes.icd10cm: `{code}` is not an ICD-10-CM code written with its dot"
                ));
            }
        }
        for code in &self.snomed {
            if CodeSystem::Snomed.normalise(code).is_none() {
                out.push(format!(
                    "codes.snomed: `{code}` is not a SNOMED CT id (6-18 digits)"
                ));
            }
        }
        out
    }
}

impl Entry {
    /// Every code of `system` the entry's front matter names, in the order written.
    pub fn codes_of(&self, system: CodeSystem) -> Vec<&str> {
        let structured: Vec<&str> = match (&self.structured, system) {
            (Some(Structured::Drug(d)), CodeSystem::RxNorm) => {
                d.rxnorm.iter().map(String::as_str).collect()
            }
            (Some(Structured::Antibody(a)), CodeSystem::Loinc) => {
                a.loinc.iter().map(String::as_str).collect()
            }
            (Some(Structured::Test(t)), CodeSystem::Loinc) => {
                t.loinc.iter().map(String::as_str).collect()
            }
            _ => Vec::new(),
        };
        let own = match system {
            CodeSystem::Icd10Cm => &self.codes.icd10cm,
            CodeSystem::Snomed => &self.codes.snomed,
            _ => return structured,
        };
        structured
            .into_iter()
            .chain(own.iter().map(String::as_str))
            .collect()
    }
}

impl Kb {
    /// Entries about `code` in `system`, in knowledge-base order. Exact matches win; for
    /// ICD-10-CM only, when nothing matches exactly, the hierarchy is used: a request for a
    /// broader code (`M33.1`) finds entries coded below it (`M33.12`), and a more specific one
    /// (`M33.129` style) finds the closest coded ancestor. A code that is not of the system's
    /// shape, or that no entry names, gives an empty list (never an error).
    pub fn entries_for_code(&self, system: CodeSystem, code: &str) -> Vec<&Entry> {
        let Some(code) = system.normalise(code) else {
            return Vec::new();
        };
        let exact: Vec<&Entry> = self
            .entries()
            .iter()
            .filter(|e| e.codes_of(system).contains(&code.as_str()))
            .collect();
        if !exact.is_empty() || system != CodeSystem::Icd10Cm {
            return exact;
        }
        let flat = |c: &str| c.replace('.', "");
        let wanted = flat(&code);
        let below: Vec<&Entry> = self
            .entries()
            .iter()
            .filter(|e| {
                e.codes_of(system)
                    .iter()
                    .any(|c| flat(c).starts_with(&wanted))
            })
            .collect();
        if !below.is_empty() {
            return below;
        }
        // The closest ancestor that some entry names.
        (3..wanted.len())
            .rev()
            .map(|n| &wanted[..n])
            .map(|prefix| {
                self.entries()
                    .iter()
                    .filter(|e| e.codes_of(system).iter().any(|c| flat(c) == prefix))
                    .collect::<Vec<_>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systems_parse_from_oids_and_uris() {
        for s in CodeSystem::ALL {
            assert_eq!(CodeSystem::parse(s.oid()), Some(s));
            assert_eq!(CodeSystem::parse(&format!("urn:oid:{}", s.oid())), Some(s));
            assert_eq!(CodeSystem::parse(&format!(" {} ", s.uri())), Some(s));
        }
        assert_eq!(CodeSystem::parse("2.16.840.1.113883.6.9"), None);
        assert_eq!(CodeSystem::parse("2.16.840.1.113883.6.900"), None);
        assert_eq!(CodeSystem::parse(""), None);
        assert_eq!(CodeSystem::parse("2.16.840.1.113883.6.88\0"), None);
    }

    #[test]
    fn codes_are_normalised_or_refused() {
        let icd = CodeSystem::Icd10Cm;
        assert_eq!(icd.normalise("m33.10").as_deref(), Some("M33.10"));
        assert_eq!(icd.normalise("M3310").as_deref(), Some("M33.10"));
        assert_eq!(icd.normalise("M33").as_deref(), Some("M33"));
        for bad in [
            "",
            "M3",
            "33.10",
            "M33..1",
            "M3.310",
            "M33.10;",
            "M33.1\0",
            "M33.10000",
        ] {
            assert_eq!(icd.normalise(bad), None, "{bad:?}");
        }
        assert_eq!(
            CodeSystem::RxNorm.normalise(" 6851 ").as_deref(),
            Some("6851")
        );
        for bad in ["", "6851a", "123456789", "-6851", "6 851"] {
            assert_eq!(CodeSystem::RxNorm.normalise(bad), None, "{bad:?}");
        }
        assert_eq!(
            CodeSystem::Loinc.normalise("2157-6").as_deref(),
            Some("2157-6")
        );
        assert_eq!(CodeSystem::Loinc.normalise("2157-7"), None);
        assert_eq!(CodeSystem::Snomed.normalise("12345"), None);
    }

    #[test]
    fn front_matter_code_shapes_are_checked() {
        let codes = Codes {
            icd10cm: vec!["M33.10".into(), "m33.10".into(), "M3310".into()],
            snomed: vec!["396230008".into(), "abc".into()],
        };
        assert_eq!(codes.problems().len(), 3);
    }
}
