//! Instrument scores per visit and the Total Improvement Score between two visits, computed by
//! `myo-instruments` (MMT-8, HAQ-DI, CMAS, TIS 2016). Missing measures stay missing: the
//! instruments report them and the TIS is then a lower bound.

use myo_instruments::tis::{self, Enzyme, Muscle, Population};
use myo_instruments::{Catalog, InvalidInput, Milli, cmas, haq, mmt8};

use crate::error::{Invalid, Worded};
use crate::records::Visit;

/// Instrument totals of one visit (`None` = not assessed or incomplete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VisitScores {
    /// MMT-8 total, only when every slot was graded.
    pub mmt8_total: Option<i64>,
    /// MMT-8 potential maximum (80 unilateral, 150 bilateral) when MMT-8 was done.
    pub mmt8_max: Option<i64>,
    /// HAQ-DI in thousandths.
    pub haq_di_thousandths: Option<i64>,
    /// CMAS total, only when complete.
    pub cmas_total: Option<i64>,
}

fn from_instr(prefix: &str, e: InvalidInput) -> Invalid {
    Invalid::new(format!("{prefix}.{}", e.field), e.message, e.allowed)
}

/// Scores a visit's instruments.
pub fn visit_scores(catalog: &Catalog, v: &Visit) -> Result<VisitScores, Invalid> {
    let mut s = VisitScores::default();
    if let Some(m) = &v.mmt8 {
        let o = mmt8::score(&catalog.mmt8, m).map_err(|e| from_instr("mmt8", e))?;
        s.mmt8_total = o.total;
        s.mmt8_max = Some(o.max_score);
    }
    if let Some(h) = &v.haq {
        let o = haq::score(&catalog.haq, h).map_err(|e| from_instr("haq", e))?;
        s.haq_di_thousandths = o.haq_di_thousandths;
    }
    if let Some(c) = &v.cmas {
        let o = cmas::score(&catalog.cmas, c).map_err(|e| from_instr("cmas", e))?;
        s.cmas_total = o.total;
    }
    Ok(s)
}

fn milli(v: f64) -> Milli {
    Milli((v * 1000.0).round() as i64)
}

fn tis_visit(v: &Visit, s: &VisitScores, use_cmas: bool) -> tis::Visit {
    let mut enzymes = [None; 5];
    for e in &v.enzymes {
        if let Some(i) = tis::ENZYMES.iter().position(|id| *id == e.analyte.id()) {
            enzymes[i] = Some(Enzyme {
                value: milli(e.value),
                uln: milli(e.uln),
            });
        }
    }
    let muscle = if use_cmas {
        s.cmas_total.map(|t| Muscle::Cmas(Milli::units(t)))
    } else {
        s.mmt8_total.map(|t| Muscle::Mmt(Milli::units(t)))
    };
    tis::Visit {
        physician_global: v.physician_global.map(milli),
        patient_global: v.patient_global.map(milli),
        extramuscular: v.extramuscular.map(milli),
        function: s.haq_di_thousandths.map(Milli),
        muscle,
        enzymes,
    }
}

/// TIS 2016 between a baseline and a follow-up visit. Juvenile: CMAS is used when both visits
/// have a complete CMAS, else MMT-8. Errors name `baseline.*` or `followup.*`.
pub fn tis_between<'c>(
    catalog: &'c Catalog,
    population: Population,
    baseline: &Visit,
    followup: &Visit,
) -> Result<tis::Outcome<'c>, Invalid> {
    baseline.validate().map_err(|e| e.within("baseline"))?;
    followup.validate().map_err(|e| e.within("followup"))?;
    let b = visit_scores(catalog, baseline).map_err(|e| e.within("baseline"))?;
    let f = visit_scores(catalog, followup).map_err(|e| e.within("followup"))?;
    if let (Some(x), Some(y)) = (b.mmt8_max, f.mmt8_max)
        && x != y
    {
        return Err(Invalid::new(
            "followup.mmt8.mode",
            "MMT-8 was tested unilaterally at one visit and bilaterally at the other",
            "the same testing mode at both visits",
        )
        .with(Worded::new("invalid-mmt8-mode")));
    }
    let use_cmas =
        population == Population::Juvenile && b.cmas_total.is_some() && f.cmas_total.is_some();
    let input = tis::Input {
        population,
        mmt_max: b.mmt8_max.or(f.mmt8_max).map(Milli::units),
        baseline: tis_visit(baseline, &b, use_cmas),
        followup: tis_visit(followup, &f, use_cmas),
    };
    tis::score(&catalog.tis, &input).map_err(|e| from_instr("tis", e))
}
