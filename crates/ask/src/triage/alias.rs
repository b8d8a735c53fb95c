//! Other names for the medicines the rules name ("aza", "pred", "Imuran"): each is read as the
//! medicine it stands for, on both sides, so every rule written with one name hears the others.
//! Data: `data/triage-aliases.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::stem::stem;

/// The built-in alias table.
pub const BUILTIN_DATA: &str = include_str!("../../data/triage-aliases.toml");

/// Errors in the alias table.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    /// The file is not valid TOML of the expected shape.
    #[error("the triage alias table does not parse: {0}")]
    Parse(#[from] toml::de::Error),
    /// An alias or the name it stands for is not one plain word.
    #[error("triage alias {0:?}: both sides must be one word")]
    NotOneWord(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    alias: HashMap<String, String>,
}

/// Alias stem → the stem of the name it stands for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    by_stem: HashMap<String, String>,
}

impl Aliases {
    /// Parse a table (`[alias] aza = "azathioprine"`).
    pub fn parse(text: &str) -> Result<Aliases, AliasError> {
        let raw: Raw = toml::from_str(text)?;
        let one_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric());
        let mut by_stem = HashMap::new();
        for (alias, name) in raw.alias {
            let (a, n) = (alias.to_lowercase(), name.to_lowercase());
            if !one_word(&a) || !one_word(&n) {
                return Err(AliasError::NotOneWord(alias));
            }
            by_stem.insert(stem(&a), stem(&n));
        }
        Ok(Aliases { by_stem })
    }

    /// The built-in table.
    pub fn builtin() -> Result<Aliases, AliasError> {
        Aliases::parse(BUILTIN_DATA)
    }

    /// Read an alias stem as the stem of the name it stands for.
    pub(super) fn canon(&self, stem: &mut String) {
        if let Some(name) = self.by_stem.get(stem.as_str()) {
            stem.clone_from(name);
        }
    }

    /// Number of aliases.
    pub fn len(&self) -> usize {
        self.by_stem.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.by_stem.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_parses_and_maps_to_the_generic_stem() {
        let a = Aliases::builtin().expect("alias table parses");
        assert!(a.len() >= 20);
        let mut s = stem("aza");
        a.canon(&mut s);
        assert_eq!(s, stem("azathioprine"));
        let mut plain = stem("fever");
        a.canon(&mut plain);
        assert_eq!(plain, stem("fever"));
    }

    #[test]
    fn an_alias_of_several_words_is_refused() {
        let bad = "[alias]\n\"weekly pill\" = \"methotrexate\"\n";
        assert!(matches!(
            Aliases::parse(bad),
            Err(AliasError::NotOneWord(_))
        ));
    }
}
