//! The column mapping (TOML): registry column names and codes to the instrument's fields.
//!
//! ```toml
//! id_column = "PATID"               # optional; else --id-column, else `id` if present
//! [columns]                         # instrument field = registry column
//! heliotrope_rash = "HELIO"
//! "muscle_biopsy.rimmed_vacuoles" = "BX_RV"
//! [codes]                           # added to true/false; blank is always not assessed
//! true = ["1", "yes", "Y"]
//! false = ["0", "no", "N"]
//! missing = ["NA", "not done"]
//! [field_codes.dysphagia]           # codes for one field only (replace [codes] there)
//! true = ["present"]
//! false = ["absent"]
//! [values."antibodies.mda5"]        # an option's registry spelling = the instrument's
//! pos = "positive"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::fields::Fields;

/// A mapping that cannot be used. Refused before any row is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not TOML, or an unknown key.
    #[error("mapping file: {0}")]
    Parse(String),
    /// Names a field the instrument does not have.
    #[error("mapping file: {section} names {field:?}, which is not a field of {instrument}{hint}")]
    UnknownField {
        /// Section.
        section: &'static str,
        /// The name given.
        field: String,
        /// Instrument id.
        instrument: String,
        /// " (did you mean ...?)" or empty.
        hint: String,
    },
    /// A code means two things.
    #[error("mapping file: code {code:?} is listed as both {a} and {b}{place}")]
    Conflict {
        /// The code.
        code: String,
        /// First meaning.
        a: &'static str,
        /// Second meaning.
        b: &'static str,
        /// " in field_codes.X" or empty.
        place: String,
    },
    /// Two fields read the same column.
    #[error("mapping file: column {column:?} is mapped to both {a} and {b}")]
    SharedColumn {
        /// Column.
        column: String,
        /// First field.
        a: String,
        /// Second field.
        b: String,
    },
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodesFile {
    #[serde(default, rename = "true")]
    yes: Vec<String>,
    #[serde(default, rename = "false")]
    no: Vec<String>,
    #[serde(default)]
    missing: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    id_column: Option<String>,
    visit_date_column: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    codes: CodesFile,
    #[serde(default)]
    field_codes: BTreeMap<String, CodesFile>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

/// How one field's cells are read: boolean codes, extra missing codes, option spellings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codes {
    yes: Vec<Vec<u8>>,
    no: Vec<Vec<u8>>,
    missing: Vec<Vec<u8>>,
    values: Vec<(String, String)>,
}

impl Codes {
    /// Whether no code is mapped (the default encoding only).
    pub fn is_default(&self) -> bool {
        self.yes.is_empty()
            && self.no.is_empty()
            && self.missing.is_empty()
            && self.values.is_empty()
    }

    fn from_file(file: &CodesFile, place: &str) -> Result<Codes, MappingError> {
        let lists: [(&'static str, &Vec<String>); 3] = [
            ("true", &file.yes),
            ("false", &file.no),
            ("missing", &file.missing),
        ];
        for (i, (a, la)) in lists.iter().enumerate() {
            for (b, lb) in &lists[i + 1..] {
                if let Some(code) = la.iter().find(|c| lb.contains(c)) {
                    return Err(MappingError::Conflict {
                        code: code.clone(),
                        a,
                        b,
                        place: place.to_owned(),
                    });
                }
            }
            for builtin in ["true", "false"] {
                if *a != builtin && la.iter().any(|c| c.eq_ignore_ascii_case(builtin)) {
                    return Err(MappingError::Conflict {
                        code: builtin.to_owned(),
                        a: if builtin == "true" { "true" } else { "false" },
                        b: a,
                        place: place.to_owned(),
                    });
                }
            }
        }
        let bytes = |v: &Vec<String>| v.iter().map(|s| s.trim().as_bytes().to_vec()).collect();
        Ok(Codes {
            yes: bytes(&file.yes),
            no: bytes(&file.no),
            missing: bytes(&file.missing),
            values: Vec::new(),
        })
    }

    /// Whether `cell` (trimmed, non-empty) is a not-assessed code.
    pub fn is_missing(&self, cell: &[u8]) -> bool {
        !self.missing.is_empty() && self.missing.iter().any(|m| m == cell)
    }

    /// `true`/`false` (any ASCII case) or a mapped code.
    pub fn boolean(&self, cell: &[u8]) -> Option<bool> {
        match cell {
            b"true" => return Some(true),
            b"false" => return Some(false),
            _ => {}
        }
        if cell.eq_ignore_ascii_case(b"true") {
            return Some(true);
        }
        if cell.eq_ignore_ascii_case(b"false") {
            return Some(false);
        }
        if self.yes.iter().any(|c| c == cell) {
            return Some(true);
        }
        if self.no.iter().any(|c| c == cell) {
            return Some(false);
        }
        None
    }

    /// The instrument's spelling of an option given in the registry's.
    pub fn recode<'a>(&'a self, text: &'a str) -> &'a str {
        self.values
            .iter()
            .find(|(from, _)| from == text)
            .map_or(text, |(_, to)| to.as_str())
    }
}

/// A parsed mapping, checked against an instrument's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Id column named in the file.
    pub id_column: Option<String>,
    /// Visit-date column (long-format instruments).
    pub visit_date_column: Option<String>,
    /// Column per field (by field index); `None`: the field's own path.
    pub columns: Vec<Option<String>>,
    /// Codes per field (by field index).
    pub codes: Vec<Codes>,
}

impl Mapping {
    /// The default mapping: columns named as the fields, `true`/`false`, blank = not assessed.
    pub fn identity(fields: &Fields) -> Mapping {
        Mapping {
            id_column: None,
            visit_date_column: None,
            columns: vec![None; fields.fields.len()],
            codes: vec![Codes::default(); fields.fields.len()],
        }
    }

    /// Parses a mapping file for `instrument` with these fields.
    pub fn parse(text: &str, instrument: &str, fields: &Fields) -> Result<Mapping, MappingError> {
        let file: MappingFile =
            toml::from_str(text).map_err(|e| MappingError::Parse(e.to_string()))?;
        let index = |section: &'static str, name: &str| {
            fields.find(name).ok_or_else(|| MappingError::UnknownField {
                section,
                field: name.to_owned(),
                instrument: instrument.to_owned(),
                hint: hint(name, fields),
            })
        };
        let mut m = Mapping::identity(fields);
        m.id_column = file.id_column;
        m.visit_date_column = file.visit_date_column;
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (field, column) in &file.columns {
            let i = index("[columns]", field)?;
            if let Some(other) = seen.insert(column, field) {
                return Err(MappingError::SharedColumn {
                    column: column.clone(),
                    a: other.to_owned(),
                    b: field.clone(),
                });
            }
            m.columns[i] = Some(column.clone());
        }
        let shared = Codes::from_file(&file.codes, "")?;
        for c in &mut m.codes {
            *c = shared.clone();
        }
        for (field, codes) in &file.field_codes {
            let i = index("[field_codes]", field)?;
            m.codes[i] = Codes::from_file(codes, &format!(" in field_codes.{field}"))?;
        }
        for (field, values) in &file.values {
            let i = index("[values]", field)?;
            m.codes[i].values = values.iter().map(|(a, b)| (a.clone(), b.clone())).collect();
        }
        Ok(m)
    }
}

fn hint(name: &str, fields: &Fields) -> String {
    let close: Vec<&str> = fields
        .fields
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| {
            let last = p.rsplit('.').next().unwrap_or(p);
            let stem = name.rsplit('.').next().unwrap_or(name);
            p.contains(name)
                || name.contains(last)
                || stem.get(..4).is_some_and(|s| last.starts_with(s))
        })
        .take(3)
        .collect();
    if close.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", close.join(", "))
    }
}

/// A mapping file for an instrument with every field mapped to itself and the codes spelled
/// out (`myo cohort template`).
pub fn template(instrument: &str, fields: &Fields, long: bool) -> String {
    let mut s = format!(
        "# Column mapping for `myo cohort score {instrument}`.\n\
         # Left: the instrument's field. Right: your column. Delete lines you do not need; a\n\
         # field with no column is reported as not assessed (missing) in every row.\n\
         # id_column = \"id\"\n"
    );
    if long {
        s.push_str(
            "# Long format: one row per visit; the id column is the patient.\n\
             # visit_date_column = \"visit_date\"   # dates as YYYY-MM-DD\n",
        );
    }
    s.push_str("\n[columns]\n");
    for f in &fields.fields {
        let line = format!("{:?} = {:?}", f.path, f.path);
        let mut about = f.kinds.describe();
        if !f.options.is_empty() {
            about = format!("one of {}", f.options.join(", "));
        }
        s.push_str(&format!("{line:<60} # {about}\n"));
    }
    s.push_str(
        "\n# Codes for true/false items, added to true/false; blank always means not assessed.\n\
         [codes]\n\
         true = [\"1\", \"yes\", \"Y\"]\n\
         false = [\"0\", \"no\", \"N\"]\n\
         missing = [\"NA\"]\n\
         \n# Per-field codes replace [codes] for that field, e.g.:\n\
         # [field_codes.some_field]\n\
         # true = [\"present\"]\n\
         # false = [\"absent\"]\n\
         \n# Option spellings, e.g.:\n\
         # [values.some_field]\n\
         # pos = \"positive\"\n",
    );
    s
}
