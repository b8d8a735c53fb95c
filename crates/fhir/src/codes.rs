//! Cited terminology codes the FHIR mapping fills in itself (today: RxNorm ingredients).
//!
//! Lab, antibody and condition codes come with the tracker's records; only medicines are
//! looked up here, because people enter a medicine by name. Each row carries its source (the
//! RxNorm ingredient as found in the OHDSI myositis concept set) and a status; only `Verified`
//! rows are ever written into an export, so a partial code never reaches another system.

/// Whether a code was seen in an authoritative source (`Verified`) or only in a secondary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStatus {
    /// Seen in a vocabulary-derived source (an RxNorm-based concept set export).
    Verified,
    /// Seen only in secondary sources, not in a vocabulary export; never exported.
    Partial,
}

/// One cited code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitedCode {
    /// Code-system URI.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// Name as the code system gives it (lower case for RxNorm ingredients).
    pub display: &'static str,
    /// Status of the citation.
    pub status: CodeStatus,
    /// Where the code was seen.
    pub source: &'static str,
}

const OHDSI_IIM: &str = "OHDSI ATLAS concept set \"immunosuppressant medication_iim_ingredientstrategy\", \
ohdsi-studies/MyositisNetworkStudy inst/cohorts/1788683.json";
const SECONDARY: &str = "public code lexicons only (not seen in an RxNorm-derived export; partial)";

const fn rx(code: &'static str, display: &'static str, status: CodeStatus) -> CitedCode {
    let source = match status {
        CodeStatus::Verified => OHDSI_IIM,
        CodeStatus::Partial => SECONDARY,
    };
    CitedCode {
        system: crate::systems::RXNORM,
        code,
        display,
        status,
        source,
    }
}

/// RxNorm ingredient RxCUIs of the medicines used in myositis.
pub const RXNORM_INGREDIENTS: [CitedCode; 13] = [
    rx("8640", "prednisone", CodeStatus::Verified),
    rx("6902", "methylprednisolone", CodeStatus::Verified),
    rx("6851", "methotrexate", CodeStatus::Verified),
    rx("1256", "azathioprine", CodeStatus::Verified),
    rx("68149", "mycophenolate mofetil", CodeStatus::Verified),
    rx("42316", "tacrolimus", CodeStatus::Verified),
    rx("3008", "cyclosporine", CodeStatus::Verified),
    rx("3002", "cyclophosphamide", CodeStatus::Verified),
    rx("121191", "rituximab", CodeStatus::Verified),
    rx("1357536", "tofacitinib", CodeStatus::Verified),
    rx("5666", "immunoglobulin G", CodeStatus::Verified),
    rx("5521", "hydroxychloroquine", CodeStatus::Partial),
    rx("4511", "folic acid", CodeStatus::Partial),
];

/// The verified RxNorm ingredient whose name is `name` (case-insensitive), if any.
pub fn rxnorm_ingredient(name: &str) -> Option<&'static CitedCode> {
    let name = name.trim();
    RXNORM_INGREDIENTS
        .iter()
        .find(|c| c.status == CodeStatus::Verified && c.display.eq_ignore_ascii_case(name))
}
