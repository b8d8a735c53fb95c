//! A plan: an instrument, its fields, the mapping and the input header resolved once; then
//! each row goes from cells to the instrument's input to one result row.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use arrow_schema::{DataType, Schema};
use myo_api::{InputError, ScoreError, Scorer};
use myo_instruments::eular_acr;
use serde_json::{Map, Value};

use crate::cell::{Cell, Val, decode, dot_grouped, message};
use crate::fields::Fields;
use crate::mapping::{Mapping, MappingError};
use crate::out::{Builders, RowResult};
use crate::tis::{Long, LongState};

/// A plan that cannot run. Refused before any row is scored.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Unknown instrument (with suggestions).
    #[error(transparent)]
    Instrument(#[from] ScoreError),
    /// Bad mapping file.
    #[error(transparent)]
    Mapping(#[from] MappingError),
    /// A column problem in the input's header.
    #[error("{0}")]
    Header(String),
}

/// Where an instrument's headline numbers sit in its `myo score` result.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Headline {
    pub id: &'static str,
    pub score: Option<&'static str>,
    pub category: Option<&'static str>,
    pub probability: Option<&'static str>,
    pub subgroup: Option<&'static str>,
}

const fn headline(
    id: &'static str,
    score: Option<&'static str>,
    category: Option<&'static str>,
) -> Headline {
    Headline {
        id,
        score,
        category,
        probability: None,
        subgroup: None,
    }
}

/// The result keys per instrument: one line each.
pub(crate) const HEADLINES: [Headline; 8] = [
    Headline {
        id: eular_acr::ID,
        score: Some("score"),
        category: Some("outcome"),
        probability: Some("probability"),
        subgroup: Some("subgroup"),
    },
    headline(myo_instruments::tis::ID, Some("tis"), Some("category")),
    headline(myo_instruments::mmt8::ID, Some("total"), None),
    headline(myo_instruments::cmas::ID, Some("total"), None),
    headline(myo_instruments::haq::ID, Some("haq_di"), None),
    headline(
        myo_instruments::bohan_peter::ID,
        None,
        Some("classification"),
    ),
    headline(myo_instruments::antibodies::ID, None, None),
    headline(myo_instruments::imacs_cancer::ID, None, Some("category")),
];

/// How rows of this instrument are scored.
pub(crate) enum Path {
    /// EULAR/ACR 2017 straight into its typed input (the fast path).
    Eular(crate::eular::EularSlots),
    /// Any one-row-per-case instrument through its JSON input (as `myo score`).
    Generic,
    /// A long-format instrument (TIS): one row per visit.
    Long(Box<Long>),
}

/// Counts and error kinds of a run (or a batch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Rows read.
    pub rows: u64,
    /// Rows scored.
    pub scored: u64,
    /// Rows refused.
    pub failed: u64,
    /// Refused rows by (field, kind): count and the first error text.
    pub kinds: BTreeMap<(String, String), (u64, String)>,
}

impl Stats {
    /// Adds another batch's stats.
    pub fn merge(&mut self, other: Stats) {
        self.rows += other.rows;
        self.scored += other.scored;
        self.failed += other.failed;
        for (k, (n, example)) in other.kinds {
            self.kinds.entry(k).or_insert((0, example)).0 += n;
        }
    }

    /// Counts a refused row under its field and kind; returns its error text.
    pub(crate) fn refused(&mut self, e: RowError) -> String {
        self.failed += 1;
        let entry = self.kinds.entry((e.field, e.kind.into_owned()));
        entry.or_insert_with(|| (0, e.text.clone())).0 += 1;
        e.text
    }
}

/// A refused row: the field, a short kind for the summary, and the full text.
pub(crate) struct RowError {
    pub field: String,
    pub kind: Cow<'static, str>,
    pub text: String,
}

impl From<Box<RowError>> for RowError {
    fn from(e: Box<RowError>) -> RowError {
        *e
    }
}

impl From<InputError> for RowError {
    fn from(e: InputError) -> RowError {
        RowError {
            field: e.field.clone(),
            kind: Cow::Borrowed("refused by the instrument"),
            text: e.to_string(),
        }
    }
}

/// One input row: cells by column index.
pub trait Row {
    /// The cell in column `col`.
    fn cell(&self, col: usize) -> Cell<'_>;
}

/// Everything needed to score rows of one input.
pub struct Plan {
    pub(crate) instrument: String,
    pub(crate) scorer: Arc<Scorer>,
    pub(crate) fields: Fields,
    pub(crate) mapping: Mapping,
    /// Input column per field.
    pub(crate) cols: Vec<Option<usize>>,
    pub(crate) id_col: Option<usize>,
    pub(crate) headline: Headline,
    pub(crate) path: Path,
    pub(crate) long_state: Mutex<LongState>,
    /// Output schema.
    pub schema: Arc<Schema>,
    /// Input columns that no field reads (reported, never silently used).
    pub ignored: Vec<String>,
    /// Fields with no column: not assessed in every row.
    pub absent: Vec<String>,
    /// Refuse numbers shaped like `1.500` (see [`Plan::refuse_dot_grouped_numbers`]).
    pub(crate) dot_groups: bool,
}

/// What the caller tells a plan about its input.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Mapping file text.
    pub mapping: Option<&'a str>,
    /// Id column (overrides the mapping's).
    pub id_column: Option<&'a str>,
    /// Type of the id column in the output (`Utf8` for CSV; the input's type for Arrow).
    pub id_type: Option<DataType>,
    /// Today's date (future visit dates are refused), as `YYYY-MM-DD`.
    pub today: Option<jiff::civil::Date>,
}

/// Whether this instrument takes long-format input (one row per visit).
pub fn is_long(instrument: &str) -> bool {
    instrument == myo_instruments::tis::ID
}

/// The fields of an instrument's input as columns (for one visit, for long-format ones).
pub fn fields_of(scorer: &Scorer, instrument: &str) -> Result<Fields, ScoreError> {
    let all = Fields::from_schema(&scorer.schema(instrument)?);
    Ok(if is_long(instrument) {
        crate::tis::long_fields(&all)
    } else {
        all
    })
}

impl Plan {
    /// Resolves the header against the instrument's fields and the mapping.
    pub fn new(
        scorer: Arc<Scorer>,
        instrument: &str,
        header: &[String],
        opts: &Options<'_>,
    ) -> Result<Plan, PlanError> {
        let headline = *HEADLINES
            .iter()
            .find(|h| h.id == instrument)
            .ok_or_else(|| {
                PlanError::Instrument(scorer.schema(instrument).err().unwrap_or(
                    ScoreError::UnknownInstrument {
                        id: instrument.to_owned(),
                        suggestions: Vec::new(),
                    },
                ))
            })?;
        let fields = fields_of(&scorer, instrument)?;
        let mapping = match opts.mapping {
            Some(text) => Mapping::parse(text, instrument, &fields)?,
            None => Mapping::identity(&fields),
        };
        let long = is_long(instrument);
        // A dotted name may also be spelled with `__` (Spark reserves the dot in column names).
        let spark = |name: &str| name.contains('.').then(|| name.replace('.', "__"));
        let find = |name: &str| -> Result<Option<usize>, PlanError> {
            let alias = spark(name);
            let is = |h: &str| h == name || alias.as_deref() == Some(h);
            let mut hits = header.iter().enumerate().filter(|(_, h)| is(h.trim()));
            let first = hits.next().map(|(i, _)| i);
            if hits.next().is_some() {
                return Err(PlanError::Header(format!(
                    "column {name:?} appears more than once in the header"
                )));
            }
            Ok(first)
        };
        let mut cols = Vec::with_capacity(fields.fields.len());
        for (i, f) in fields.fields.iter().enumerate() {
            let name = mapping.columns[i].as_deref().unwrap_or(&f.path);
            cols.push(find(name)?);
        }
        let default_id = if long { "patient_id" } else { "id" };
        let id_given = opts.id_column.or(mapping.id_column.as_deref());
        let id_name = id_given.unwrap_or(default_id);
        let id_col = find(id_name)?;
        if id_given.is_some() && id_col.is_none() {
            return Err(PlanError::Header(format!(
                "the id column {id_name:?} is not in the header"
            )));
        }
        if long && id_col.is_none() {
            return Err(PlanError::Header(format!(
                "{instrument} takes one row per visit: give the patient column with --id-column (no {id_name:?} column)"
            )));
        }
        let id_type = opts.id_type.clone().unwrap_or(DataType::Utf8);
        let out_id_name = if id_col.is_some() { id_name } else { "row" };
        let out_id_type = if id_col.is_some() {
            id_type
        } else {
            DataType::Int64
        };
        let schema = Arc::new(crate::out::schema(out_id_name, out_id_type, long));
        let path = if instrument == eular_acr::ID {
            Path::Eular(crate::eular::slots(&scorer, &fields))
        } else if long {
            let date_name = mapping.visit_date_column.as_deref().unwrap_or("visit_date");
            let date_col = find(date_name)?.ok_or_else(|| {
                PlanError::Header(format!("{instrument} takes one row per visit: no {date_name:?} column (dates as YYYY-MM-DD)"))
            })?;
            let all = Fields::from_schema(&scorer.schema(instrument)?);
            Path::Long(Box::new(Long::new(&fields, &all, date_col, opts.today)))
        } else {
            Path::Generic
        };
        let mut used: Vec<usize> = cols.iter().flatten().copied().collect();
        used.extend(id_col);
        if let Path::Long(l) = &path {
            used.push(l.date_col);
        }
        let ignored = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, h)| h.clone())
            .collect();
        let absent = fields
            .fields
            .iter()
            .zip(&cols)
            .filter(|(_, c)| c.is_none())
            .map(|(f, _)| f.path.clone())
            .collect();
        Ok(Plan {
            instrument: instrument.to_owned(),
            scorer,
            fields,
            mapping,
            cols,
            id_col,
            headline,
            path,
            long_state: Mutex::new(LongState::default()),
            schema,
            ignored,
            absent,
            dot_groups: false,
        })
    }

    /// Refuses text numbers shaped like `1.500` or `-12.000` (one to three digits, a dot, three
    /// digits): in an export where the decimal mark is a comma (a CSV with `;` between
    /// columns), the dot there groups thousands, and reading it as a decimal point would
    /// rescale the value a thousandfold. Such a cell is an error for its row, never a guess.
    pub fn refuse_dot_grouped_numbers(&mut self) {
        self.dot_groups = true;
    }

    /// The input column holding the id, if any.
    pub fn id_column(&self) -> Option<usize> {
        self.id_col
    }

    /// Whether rows depend on earlier rows (long format): such plans run on one thread.
    pub fn is_long(&self) -> bool {
        matches!(self.path, Path::Long(_))
    }

    /// The input columns the plan reads (id, fields, visit date), for projection.
    pub fn used_columns(&self) -> Vec<usize> {
        let mut used: Vec<usize> = self.cols.iter().flatten().copied().collect();
        used.extend(self.id_col);
        if let Path::Long(l) = &self.path {
            used.push(l.date_col);
        }
        used.sort_unstable();
        used.dedup();
        used
    }

    /// Decodes field `i` of a row. The error is boxed: rows that decode (nearly all) then move
    /// a small `Result` around.
    #[inline]
    pub(crate) fn value<'r>(
        &'r self,
        row: &'r impl Row,
        i: usize,
    ) -> Result<Val<'r>, Box<RowError>> {
        let Some(col) = self.cols[i] else {
            return Ok(Val::Missing);
        };
        let f = &self.fields.fields[i];
        let cell = row.cell(col);
        let v = decode(cell, f, &self.mapping.codes[i]).map_err(|e| {
            Box::new(RowError {
                field: f.path.clone(),
                kind: Cow::Borrowed(e.kind.as_str()),
                text: message(&f.path, f.kinds, &e),
            })
        })?;
        if self.dot_groups
            && let (Val::Num(_), Cell::Text(text)) = (&v, cell)
            && dot_grouped(text)
        {
            let shown = String::from_utf8_lossy(text.trim_ascii());
            let grouped = shown.replace('.', "");
            let short = shown.trim_end_matches('0').trim_end_matches('.');
            // The same value as a decimal, written so it cannot read as grouped: trailing zeros
            // dropped ("45.250" -> "45.25"), or one zero added ("45.251" -> "45.2510"); never
            // rounded.
            let decimal = if short.len() < shown.len() {
                short.to_owned()
            } else {
                format!("{shown}0")
            };
            return Err(Box::new(RowError {
                field: f.path.clone(),
                kind: Cow::Borrowed("a dot that may group thousands"),
                text: format!(
                    "field {}: {shown:?} is ambiguous in a file with ';' between columns ({grouped} with a dot grouping thousands, or a decimal?): write {grouped} or {decimal}",
                    f.path
                ),
            }));
        }
        Ok(v)
    }

    /// A true/false field of a row: `None` when not assessed. The cells a registry writes most
    /// (`true`, `false`, blank, a typed boolean or null) are read here; any other goes through
    /// [`Plan::value`], whose answer these agree with.
    #[inline]
    pub(crate) fn flag(&self, row: &impl Row, i: usize) -> Result<Option<bool>, Box<RowError>> {
        if let Some(col) = self.cols[i]
            && self.fields.fields[i].kinds.boolean
        {
            match row.cell(col) {
                Cell::Null | Cell::Text(b"") => return Ok(None),
                Cell::Text(b"true") | Cell::Bool(true) => return Ok(Some(true)),
                Cell::Text(b"false") | Cell::Bool(false) => return Ok(Some(false)),
                _ => {}
            }
        }
        Ok(match self.value(row, i)? {
            Val::Bool(b) => Some(b),
            _ => None,
        })
    }

    /// Scores one row into `out` (the id is appended by the caller).
    pub fn score_row(&self, row: &impl Row, out: &mut Builders, stats: &mut Stats) {
        stats.rows += 1;
        let result = match &self.path {
            Path::Eular(slots) => self.eular_row(slots, row, out),
            Path::Generic => self
                .json_input(&self.fields, row)
                .and_then(|v| self.generic(&v, out)),
            Path::Long(long) => long.score(self, row, out),
        };
        match result {
            Ok(()) => stats.scored += 1,
            Err(e) => out.failed(&stats.refused(e)),
        }
    }

    /// The instrument's JSON input for one row, from `fields` (all fields, or one visit's).
    pub(crate) fn json_input(&self, fields: &Fields, row: &impl Row) -> Result<Value, RowError> {
        self.json_with(fields, |i| self.value(row, i))
    }

    /// Builds the JSON input from decoded values (by field index).
    pub(crate) fn json_with<'r>(
        &self,
        fields: &Fields,
        mut value: impl FnMut(usize) -> Result<Val<'r>, Box<RowError>>,
    ) -> Result<Value, RowError> {
        let mut root = Map::new();
        let mut flags: Vec<(usize, bool)> = Vec::new();
        for (i, f) in fields.fields.iter().enumerate() {
            let v = match value(i)? {
                Val::Missing => continue,
                Val::Bool(b) if f.group_flag => {
                    flags.push((i, b));
                    continue;
                }
                Val::Bool(b) => Value::Bool(b),
                Val::Int(n) => Value::from(n),
                Val::Num(x) => Value::from(x),
                Val::Text(t) => Value::String(t.into_owned()),
            };
            insert(&mut root, &f.path, v).map_err(|other| RowError {
                field: f.path.clone(),
                kind: Cow::Borrowed("given both as a value and as parts"),
                text: format!("field {}: given both as one value and as parts ({other}); give one or the other", f.path),
            })?;
        }
        for (i, present) in flags {
            let path = &fields.fields[i].path;
            let exists = lookup(&root, path).is_some();
            if !present && exists {
                let child = fields
                    .fields
                    .iter()
                    .position(|f| {
                        f.path.starts_with(&format!("{path}.")) && lookup(&root, &f.path).is_some()
                    })
                    .unwrap_or(i);
                return Err(self.group_conflict_in(fields, i, child));
            }
            if present && !exists {
                insert(&mut root, path, Value::Object(Map::new())).ok();
            }
        }
        for g in &fields.groups {
            let parent = g.path.rsplit_once('.').map(|(p, _)| p);
            let parent_exists = parent.is_none_or(|p| lookup(&root, p).is_some());
            if g.required && parent_exists && lookup(&root, &g.path).is_none() {
                insert(&mut root, &g.path, Value::Object(Map::new())).ok();
            }
        }
        Ok(Value::Object(root))
    }

    pub(crate) fn group_conflict_in(&self, fields: &Fields, flag: usize, child: usize) -> RowError {
        let (g, c) = (&fields.fields[flag].path, &fields.fields[child].path);
        RowError {
            field: g.clone(),
            kind: Cow::Borrowed("group says absent but has values"),
            text: format!(
                "field {g}: is false (absent), but {c} has a value: leave {g} blank or true, or clear {c}"
            ),
        }
    }

    /// Scores a JSON input as `myo score` does and appends the result row.
    pub(crate) fn generic(&self, input: &Value, out: &mut Builders) -> Result<(), RowError> {
        let v = self
            .scorer
            .score_json(&self.instrument, input)
            .map_err(|e| match e {
                ScoreError::Input(e) => RowError::from(e),
                other => RowError {
                    field: "$".into(),
                    kind: Cow::Borrowed("internal"),
                    text: other.to_string(),
                },
            })?;
        let h = self.headline;
        let num = |k: Option<&str>| k.and_then(|k| v.get(k)).and_then(Value::as_f64);
        let text = |k: Option<&str>| k.and_then(|k| v.get(k)).and_then(Value::as_str);
        let missing = v["missing"].as_array().map_or(&[][..], Vec::as_slice);
        let assessed = v["contributions"].as_array().map_or(0, Vec::len);
        let total = assessed + missing.len();
        let r = RowResult {
            score: num(h.score),
            category: text(h.category),
            probability: num(h.probability),
            subgroup: text(h.subgroup),
            completeness: (total > 0).then(|| assessed as f64 / total as f64),
            missing_count: Some(missing.len() as u32),
            status: v["status"].as_str(),
            revision: v["revision"].as_u64().map(|r| r as u32),
        };
        out.scored(&r, |names| {
            missing
                .iter()
                .filter_map(Value::as_str)
                .for_each(|n| names.push(n))
        });
        Ok(())
    }
}

/// Inserts `v` at a dotted path, making objects on the way. Refuses a path through a value.
fn insert(root: &mut Map<String, Value>, path: &str, v: Value) -> Result<(), String> {
    let mut parts = path.split('.').peekable();
    let mut map = root;
    let mut walked = String::new();
    while let Some(key) = parts.next() {
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(key);
        if parts.peek().is_none() {
            if map.contains_key(key) {
                return Err(format!("{walked} already has parts"));
            }
            map.insert(key.to_owned(), v);
            return Ok(());
        }
        let next = map
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        match next {
            Value::Object(m) => map = m,
            _ => return Err(format!("{walked} has a value")),
        }
    }
    Ok(())
}

fn lookup<'v>(root: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let mut parts = path.split('.');
    let mut v = root.get(parts.next()?)?;
    for key in parts {
        v = v.as_object()?.get(key)?;
    }
    Some(v)
}
