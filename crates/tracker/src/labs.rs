//! Laboratory results: analytes, UCUM units, reference ranges and cited unit conversion.

use crate::date::Date;
use crate::error::{Invalid, Worded};
use crate::rules::{CitedCode, Rules, Status};

/// Analytes the tracker knows (order = `rules/reference.toml` order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Analyte {
    /// Creatine kinase.
    Ck,
    /// Aldolase.
    Aldolase,
    /// Aspartate aminotransferase.
    Ast,
    /// Alanine aminotransferase.
    Alt,
    /// Lactate dehydrogenase.
    Ldh,
    /// C-reactive protein.
    Crp,
    /// Erythrocyte sedimentation rate.
    Esr,
    /// White blood cell count.
    Wbc,
    /// Neutrophil count.
    Neutrophils,
    /// Lymphocyte count.
    Lymphocytes,
    /// Haemoglobin.
    Haemoglobin,
    /// Platelet count.
    Platelets,
    /// Serum creatinine.
    Creatinine,
    /// Glucose.
    Glucose,
}

impl Analyte {
    /// All analytes in rule-file order.
    pub const ALL: [Analyte; 14] = [
        Analyte::Ck,
        Analyte::Aldolase,
        Analyte::Ast,
        Analyte::Alt,
        Analyte::Ldh,
        Analyte::Crp,
        Analyte::Esr,
        Analyte::Wbc,
        Analyte::Neutrophils,
        Analyte::Lymphocytes,
        Analyte::Haemoglobin,
        Analyte::Platelets,
        Analyte::Creatinine,
        Analyte::Glucose,
    ];

    /// Stable id (`ck`, `haemoglobin`, ...).
    pub fn id(self) -> &'static str {
        [
            "ck",
            "aldolase",
            "ast",
            "alt",
            "ldh",
            "crp",
            "esr",
            "wbc",
            "neutrophils",
            "lymphocytes",
            "haemoglobin",
            "platelets",
            "creatinine",
            "glucose",
        ][self as usize]
    }

    /// Parses an id.
    pub fn parse(field: &str, s: &str) -> Result<Analyte, Invalid> {
        Analyte::ALL
            .into_iter()
            .find(|a| a.id() == s)
            .ok_or_else(|| {
                Invalid::new(field, format!("unknown analyte '{s}'"), ids(&Analyte::ALL))
            })
    }
}

fn ids(all: &[Analyte]) -> String {
    all.iter().map(|a| a.id()).collect::<Vec<_>>().join(", ")
}

/// Units, spelled in UCUM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `U/L` enzyme activity.
    UPerL,
    /// `ukat/L` enzyme activity (SI).
    UkatPerL,
    /// `mg/L`.
    MgPerL,
    /// `mg/dL`.
    MgPerDl,
    /// `umol/L`.
    UmolPerL,
    /// `mmol/L`.
    MmolPerL,
    /// `mm/h` (ESR).
    MmPerH,
    /// `10*9/L` (cell counts).
    GigaPerL,
    /// `g/L`.
    GPerL,
    /// `g/dL`.
    GPerDl,
}

impl Unit {
    const TABLE: [(Unit, &'static str, &'static str); 10] = [
        (Unit::UPerL, "U/L", "U/L"),
        (Unit::UkatPerL, "ukat/L", "µkat/L"),
        (Unit::MgPerL, "mg/L", "mg/L"),
        (Unit::MgPerDl, "mg/dL", "mg/dL"),
        (Unit::UmolPerL, "umol/L", "µmol/L"),
        (Unit::MmolPerL, "mmol/L", "mmol/L"),
        (Unit::MmPerH, "mm/h", "mm/h"),
        (Unit::GigaPerL, "10*9/L", "×10⁹/L"),
        (Unit::GPerL, "g/L", "g/L"),
        (Unit::GPerDl, "g/dL", "g/dL"),
    ];

    /// UCUM code.
    pub fn ucum(self) -> &'static str {
        Unit::TABLE[self as usize].1
    }

    /// Human spelling (µ, ×10⁹).
    pub fn display(self) -> &'static str {
        Unit::TABLE[self as usize].2
    }

    /// Parses a UCUM code or its human spelling (`µkat/L` and `ukat/L` both work).
    pub fn parse(s: &str) -> Option<Unit> {
        let s = s.trim();
        Unit::TABLE
            .iter()
            .find(|(_, ucum, human)| *ucum == s || *human == s || s.replace('μ', "µ") == *human)
            .map(|(u, _, _)| *u)
    }
}

/// The laboratory's reference interval for a result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefRange {
    /// Lower and upper limits.
    Interval {
        /// Lower limit.
        low: f64,
        /// Upper limit.
        high: f64,
    },
    /// Upper limit of normal only.
    Uln(f64),
    /// Not reported by the lab.
    NotGiven,
}

impl RefRange {
    /// Upper limit, if any.
    pub fn upper(self) -> Option<f64> {
        match self {
            RefRange::Interval { high, .. } => Some(high),
            RefRange::Uln(u) => Some(u),
            RefRange::NotGiven => None,
        }
    }

    /// Lower limit, if any.
    pub fn lower(self) -> Option<f64> {
        match self {
            RefRange::Interval { low, .. } => Some(low),
            _ => None,
        }
    }

    fn scaled(self, k: f64) -> RefRange {
        match self {
            RefRange::Interval { low, high } => RefRange::Interval {
                low: low * k,
                high: high * k,
            },
            RefRange::Uln(u) => RefRange::Uln(u * k),
            RefRange::NotGiven => RefRange::NotGiven,
        }
    }
}

/// Where a value sits against its reference range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeFlag {
    /// Below the lower limit.
    Low,
    /// Within range.
    Normal,
    /// Above the upper limit.
    High,
    /// No range given: cannot say.
    Unknown,
}

/// One validated laboratory result.
#[derive(Debug, Clone, PartialEq)]
pub struct LabResult {
    /// What was measured.
    pub analyte: Analyte,
    /// The value as reported.
    pub value: f64,
    /// The unit as reported.
    pub unit: Unit,
    /// The lab's range, in `unit`.
    pub range: RefRange,
    /// Date of the sample.
    pub date: Date,
    /// Cited LOINC code for the analyte (None when the references cite none).
    pub loinc: Option<CitedCode>,
}

impl LabResult {
    /// Validates a result: value ≥ 0, a unit the analyte can be reported in, a sane range.
    pub fn new(
        rules: &Rules,
        analyte: Analyte,
        value: f64,
        unit: Unit,
        range: RefRange,
        date: Date,
    ) -> Result<LabResult, Invalid> {
        if !(value.is_finite() && value >= 0.0) {
            return Err(Invalid::new("value", format!("{value}"), "a number ≥ 0")
                .with(Worded::new("invalid-not-negative").num("value", value)));
        }
        let def = rules.analyte(analyte);
        convert(rules, analyte, 1.0, unit, def.unit).map_err(|e| Invalid {
            field: "unit".into(),
            ..e
        })?;
        check_range(range)?;
        Ok(LabResult {
            analyte,
            value,
            unit,
            range,
            date,
            loinc: def.loinc.clone(),
        })
    }

    /// The result converted to `to` (value and range together).
    pub fn in_unit(&self, rules: &Rules, to: Unit) -> Result<LabResult, Invalid> {
        let c = convert(rules, self.analyte, 1.0, self.unit, to)?;
        Ok(LabResult {
            value: self.value * c.value,
            unit: to,
            range: self.range.scaled(c.value),
            ..self.clone()
        })
    }

    /// Low, normal, high or unknown.
    pub fn flag(&self) -> RangeFlag {
        match (self.range.lower(), self.range.upper()) {
            (_, Some(h)) if self.value > h => RangeFlag::High,
            (Some(l), _) if self.value < l => RangeFlag::Low,
            (_, Some(_)) => RangeFlag::Normal,
            _ => RangeFlag::Unknown,
        }
    }
}

fn check_range(range: RefRange) -> Result<(), Invalid> {
    let ok = |x: f64| x.is_finite() && x >= 0.0;
    match range {
        RefRange::Interval { low, high } if !(ok(low) && ok(high) && low < high) => Err(
            Invalid::new("range", format!("{low}–{high}"), "0 ≤ low < high").with(
                Worded::new("invalid-range-order")
                    .num("low", low)
                    .num("high", high),
            ),
        ),
        RefRange::Uln(u) if !(ok(u) && u > 0.0) => {
            Err(Invalid::new("range.uln", format!("{u}"), "a number > 0")
                .with(Worded::new("invalid-positive-number").num("value", u)))
        }
        _ => Ok(()),
    }
}

/// A converted value with the citation of the factor used.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The value in the target unit.
    pub value: f64,
    /// Status of the factor (identity conversions are `verified`).
    pub status: Status,
    /// Source of the factor.
    pub source: String,
}

/// Converts `value` of `analyte` from `from` to `to` using only the cited factors.
pub fn convert(
    rules: &Rules,
    analyte: Analyte,
    value: f64,
    from: Unit,
    to: Unit,
) -> Result<Converted, Invalid> {
    if from == to {
        return Ok(Converted {
            value,
            status: Status::Verified,
            source: "same unit".into(),
        });
    }
    for c in rules
        .conversions
        .iter()
        .filter(|c| c.applies_to.contains(&analyte))
    {
        let factor = if (c.from, c.to) == (from, to) {
            c.factor
        } else if (c.from, c.to) == (to, from) {
            1.0 / c.factor
        } else {
            continue;
        };
        return Ok(Converted {
            value: value * factor,
            status: c.status,
            source: c.source.clone(),
        });
    }
    Err(Invalid::new(
        "unit",
        format!(
            "no cited conversion for {} from {} to {}",
            analyte.id(),
            from.ucum(),
            to.ucum()
        ),
        format!(
            "{} or a unit with a cited factor",
            rules.analyte(analyte).unit.ucum()
        ),
    ))
}
