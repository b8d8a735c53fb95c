//! The catalog: every built-in definition, parsed and validated once, passed explicitly.

use crate::def::DefError;
use crate::explain::Meta;
use crate::{eular_acr, tis};

/// All built-in instrument definitions. Build it once with [`Catalog::builtin`] and pass it to
/// the scoring functions; there is no global state.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// EULAR/ACR 2017 IIM classification criteria.
    pub eular_acr: eular_acr::Def,
    /// ACR/EULAR 2016 myositis response criteria (Total Improvement Score).
    pub tis: tis::Def,
    /// MMT-8 manual muscle testing (IMACS Form 04).
    pub mmt8: crate::mmt8::Def,
    /// CMAS Childhood Myositis Assessment Scale.
    pub cmas: crate::cmas::Def,
    /// HAQ-DI disability index.
    pub haq: crate::haq::Def,
    /// Bohan and Peter 1975 PM/DM criteria.
    pub bohan_peter: crate::bohan_peter::Def,
    /// Myositis antibody phenotype flags.
    pub antibodies: crate::antibodies::Def,
    /// IMACS 2023 cancer-screening guideline.
    pub imacs_cancer: crate::imacs_cancer::Def,
    // Registry: one field per instrument, in `myo score --list` order.
}

impl Catalog {
    /// Parses and validates the definitions embedded in the library.
    pub fn builtin() -> Result<Catalog, DefError> {
        Ok(Catalog {
            eular_acr: eular_acr::Def::parse(eular_acr::DEF_TOML)?,
            tis: tis::Def::parse(tis::DEF_TOML)?,
            mmt8: crate::mmt8::Def::parse(crate::mmt8::DEF_TOML)?,
            cmas: crate::cmas::Def::parse(crate::cmas::DEF_TOML)?,
            haq: crate::haq::Def::parse(crate::haq::DEF_TOML)?,
            bohan_peter: crate::bohan_peter::Def::parse(crate::bohan_peter::DEF_TOML)?,
            antibodies: crate::antibodies::Def::parse(crate::antibodies::DEF_TOML)?,
            imacs_cancer: crate::imacs_cancer::Def::parse(crate::imacs_cancer::DEF_TOML)?,
            // Registry: one line per instrument.
        })
    }

    /// The metadata of every instrument, in registry order.
    pub fn metas(&self) -> Vec<&Meta> {
        vec![
            &self.eular_acr.meta,
            &self.tis.meta,
            &self.mmt8.meta,
            &self.cmas.meta,
            &self.haq.meta,
            &self.bohan_peter.meta,
            &self.antibodies.meta,
            &self.imacs_cancer.meta,
            // Registry: one line per instrument.
        ]
    }
}
