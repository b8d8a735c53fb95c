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
    // Registry: one field per instrument, in `myo score --list` order.
}

impl Catalog {
    /// Parses and validates the definitions embedded in the library.
    pub fn builtin() -> Result<Catalog, DefError> {
        Ok(Catalog {
            eular_acr: eular_acr::Def::parse(eular_acr::DEF_TOML)?,
            tis: tis::Def::parse(tis::DEF_TOML)?,
            mmt8: crate::mmt8::Def::parse(crate::mmt8::DEF_TOML)?,
            // Registry: one line per instrument.
        })
    }

    /// The metadata of every instrument, in registry order.
    pub fn metas(&self) -> Vec<&Meta> {
        vec![
            &self.eular_acr.meta,
            &self.tis.meta,
            &self.mmt8.meta,
            // Registry: one line per instrument.
        ]
    }
}
