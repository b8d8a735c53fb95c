//! EULAR/ACR 2017 over whole chunks: each row's cells become a case as bits (item assessed,
//! item present), Arrow boolean columns straight from their value and null bitmaps; the
//! instrument then scores the chunk column by column (`eular_acr::batch`) and the results are
//! written as columns ([`crate::eular_out`]).
//!
//! Exactness: a row whose cells are not all plain values (a bad cell, a float that is not
//! finite, a code to map, a group that says absent but has values) is decoded again by the one
//! row-by-row decoder, [`Plan::eular_case`], which names the first bad cell in schema order as
//! `myo score` would. Missing is never normal: a blank or null cell leaves its item's bit
//! clear, and the item is reported missing.

use arrow_array::{Array, ArrayRef, BooleanArray};
use arrow_buffer::BooleanBuffer;
use myo_api::{InputError, Scorer};
use myo_instruments::eular_acr::batch::{
    AGE_BIT, BIOPSY_MASK, Case, Cases, biopsy_bit, clinical_bit, tree_bit,
};
use myo_instruments::eular_acr::{self, Summary};

use crate::arrow_in::{Col, Cols};
use crate::cell::Val;
use crate::csv_in::{CsvRow, for_each_record};
use crate::eular_out::EularResults;
use crate::fields::Fields;
use crate::out::{Builders, RowResult};
use crate::plan::{Plan, Row, RowError, Stats};

/// Bit of the `muscle_biopsy` flag while a row is read (clear of the item bits).
const FLAG_BIT: u32 = 31;

/// Where the EULAR/ACR fields are, and the bit each one sets.
pub(crate) struct EularSlots {
    age: usize,
    /// The true/false fields in schema order (the order a bad cell is named in), each with
    /// its bit; the biopsy flag has [`FLAG_BIT`].
    flags: Vec<(usize, u32)>,
    biopsy_flag: usize,
    biopsy: [usize; 4],
    /// `Def::item_ids`, by bit of a `MissingSet`.
    pub(crate) item_ids: Vec<String>,
}

pub(crate) fn slots(scorer: &Scorer, fields: &Fields) -> EularSlots {
    let def = &scorer.catalog().eular_acr;
    let at = |path: &str| {
        fields
            .find(path)
            .unwrap_or_else(|| unreachable!("the EULAR/ACR schema has field {path}"))
    };
    let biopsy: [usize; 4] =
        std::array::from_fn(|i| at(&format!("muscle_biopsy.{}", def.biopsy[i].id)));
    let biopsy_flag = at("muscle_biopsy");
    // Schema order: the clinical items, the two tree items, the flag, the biopsy features.
    let mut flags: Vec<(usize, u32)> = (def.clinical.iter().enumerate())
        .map(|(k, item)| (at(&item.id), clinical_bit(k)))
        .collect();
    flags.extend((def.tree_only.iter().enumerate()).map(|(k, item)| (at(&item.id), tree_bit(k))));
    flags.push((biopsy_flag, FLAG_BIT));
    flags.extend(biopsy.iter().enumerate().map(|(k, &i)| (i, biopsy_bit(k))));
    EularSlots {
        age: at(eular_acr::AGE_ID),
        flags,
        biopsy_flag,
        biopsy,
        item_ids: def.item_ids().map(str::to_owned).collect(),
    }
}

/// Settles whether a biopsy was performed: as its flag says, or (flag blank) when any feature
/// has a value. A flag of false beside a feature with a value is refused: `Err` holds that
/// feature's index.
fn settle_biopsy(case: &mut Case) -> Result<(), usize> {
    let features = case.known & BIOPSY_MASK;
    let flag = (case.known >> FLAG_BIT) & 1 != 0;
    let performed = (case.present >> FLAG_BIT) & 1 != 0;
    if flag && !performed && features != 0 {
        return Err((features >> biopsy_bit(0)).trailing_zeros() as usize);
    }
    case.biopsy = if flag { performed } else { features != 0 };
    case.known &= !(1 << FLAG_BIT);
    case.present &= !(1 << FLAG_BIT);
    Ok(())
}

impl Plan {
    /// One row as a case, its cells decoded in schema order (the first bad cell is the one
    /// named).
    pub(crate) fn eular_case(&self, s: &EularSlots, row: &impl Row) -> Result<Case, RowError> {
        let age = match self.value(row, s.age)? {
            Val::Int(n) => Some(n as f64),
            Val::Num(x) => Some(x),
            _ => None,
        };
        let mut case = Case {
            age: age.unwrap_or(0.0),
            known: u32::from(age.is_some()) << AGE_BIT,
            ..Case::default()
        };
        for &(i, bit) in &s.flags {
            if let Some(v) = self.flag(row, i)? {
                case.known |= 1 << bit;
                case.present |= u32::from(v) << bit;
            }
        }
        settle_biopsy(&mut case)
            .map_err(|k| self.group_conflict_in(&self.fields, s.biopsy_flag, s.biopsy[k]))?;
        Ok(case)
    }

    /// Scores one row into `out`, row by row (the reference for the columnar path).
    pub(crate) fn eular_row(
        &self,
        s: &EularSlots,
        row: &impl Row,
        out: &mut Builders,
    ) -> Result<(), RowError> {
        let def = &self.scorer.catalog().eular_acr;
        let input = self.eular_case(s, row)?.input();
        let sum =
            eular_acr::summary(def, &input).map_err(|e| RowError::from(InputError::from(e)))?;
        out.scored(&row_result(def, &sum), |names| {
            sum.missing.ids_in(&s.item_ids).for_each(|n| names.push(n))
        });
        Ok(())
    }
}

/// The result columns of a scored case.
pub(crate) fn row_result<'d>(def: &'d eular_acr::Def, sum: &Summary) -> RowResult<'d> {
    let total = sum.assessed + sum.missing.len();
    RowResult {
        score: Some(sum.score.as_f64()),
        category: Some(sum.outcome.as_str()),
        probability: Some(sum.probability),
        subgroup: sum.subgroup.map(|g| g.as_str()),
        completeness: (total > 0).then(|| f64::from(sum.assessed) / f64::from(total)),
        missing_count: Some(sum.missing.len()),
        status: Some(def.meta.status.as_str()),
        revision: Some(def.meta.revision),
    }
}

/// The error of a record whose field count is not the header's.
pub(crate) fn field_count_error(fields: usize, header_len: usize) -> RowError {
    RowError {
        field: "row".into(),
        kind: "wrong number of fields".into(),
        text: format!(
            "field row: has {fields} fields but the header has {header_len}; check quotes and delimiters on this row"
        ),
    }
}

/// Scores a chunk of CSV records.
pub(crate) fn score_csv(
    plan: &Plan,
    s: &EularSlots,
    bytes: &[u8],
    delimiter: u8,
    header_len: usize,
    stats: &mut Stats,
) -> EularResults {
    let rows = bytes.len() / 48 + 16;
    let mut cases = Cases::with_capacity(rows);
    let mut failed = Vec::new();
    let id = plan.id_column();
    let mut ids = id.map(|_| arrow_array::builder::StringBuilder::with_capacity(rows, rows * 8));
    let fast = FastCells::new(plan, s);
    for_each_record(bytes, delimiter, |row: &CsvRow<'_>| {
        if let (Some(ids), Some(c)) = (&mut ids, id) {
            match row.cell(c) {
                crate::cell::Cell::Text(t) => match std::str::from_utf8(t) {
                    Ok(t) => ids.append_value(t),
                    Err(_) => ids.append_value(String::from_utf8_lossy(t)),
                },
                _ => ids.append_null(),
            }
        }
        let case = match row {
            _ if row.len() != header_len => Err(field_count_error(row.len(), header_len)),
            CsvRow::Fast(data, ranges) => match fast.case(data, ranges) {
                Some(case) => Ok(case),
                None => plan.eular_case(s, row),
            },
            CsvRow::Slow(_) => plan.eular_case(s, row),
        };
        match case {
            Ok(case) => cases.push(case),
            Err(e) => {
                failed.push((cases.len(), e));
                cases.push(Case::default());
            }
        }
    });
    let ids = ids.map(|mut b| std::sync::Arc::new(b.finish()) as ArrayRef);
    EularResults::new(plan, ids, &cases, failed, stats)
}

/// The cells of an unquoted CSV record that decode without the general decoder: blank,
/// `true`, `false` and plain digits (where no mapping code can claim them), read as
/// [`Plan::value`] and [`Plan::flag`] read them. Any other cell sends its row to
/// [`Plan::eular_case`].
struct FastCells {
    /// Off when a true/false field also takes other kinds (then every cell is decoded in
    /// full).
    on: bool,
    /// The age column, and whether plain digits there are a whole number.
    age: Option<(usize, bool)>,
    /// Column and bit of each true/false field that has a column.
    flags: Vec<(usize, u32)>,
}

impl FastCells {
    fn new(plan: &Plan, s: &EularSlots) -> FastCells {
        let kinds = |i: usize| plan.fields.fields[i].kinds;
        let on = s.flags.iter().all(|&(i, _)| kinds(i).boolean);
        let digits =
            (kinds(s.age).integer || kinds(s.age).number) && plan.mapping.codes[s.age].is_default();
        FastCells {
            on,
            age: plan.cols[s.age].map(|c| (c, digits)),
            flags: (s.flags.iter())
                .filter_map(|&(i, bit)| Some((plan.cols[i]?, bit)))
                .collect(),
        }
    }

    /// The case of a record (fields as byte ranges of `data`), or `None` for the general
    /// decoder.
    #[inline]
    fn case(&self, data: &[u8], ranges: &[(u32, u32)]) -> Option<Case> {
        let cell = |c: usize| {
            let &(a, b) = ranges.get(c)?;
            data.get(a as usize..b as usize)
        };
        if !self.on {
            return None;
        }
        let mut case = Case::default();
        if let Some((c, digits)) = self.age {
            let t = cell(c)?;
            if !t.is_empty() {
                if !(digits && t.len() <= 18 && t.iter().all(u8::is_ascii_digit)) {
                    return None;
                }
                let n = t.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
                case.age = n as f64;
                case.known |= 1 << AGE_BIT;
            }
        }
        for &(c, bit) in &self.flags {
            match cell(c)? {
                b"" => {}
                b"true" => {
                    case.known |= 1 << bit;
                    case.present |= 1 << bit;
                }
                b"false" => case.known |= 1 << bit,
                _ => return None,
            }
        }
        settle_biopsy(&mut case).ok()?;
        Some(case)
    }
}

/// Scores `n` rows of Arrow columns.
pub(crate) fn score_arrow(
    plan: &Plan,
    s: &EularSlots,
    cols: &Cols<'_>,
    n: usize,
    ids: Option<ArrayRef>,
    stats: &mut Stats,
) -> EularResults {
    let mut cases = Cases::unassessed(n);
    // Rows some cell of which needs the row-by-row decoder.
    let mut slow = vec![false; n];
    let mut date = String::new();
    let kinds = plan.fields.fields[s.age].kinds;
    match plan.cols[s.age].map(|c| &cols.cols[c]) {
        None | Some(Col::Null) => {}
        Some(Col::F64(a)) if kinds.number => {
            for (r, x) in a.iter().enumerate() {
                match x {
                    Some(x) if x.is_finite() => set_age(&mut cases, r, x),
                    Some(_) => slow[r] = true,
                    None => {}
                }
            }
        }
        Some(Col::I64(a)) if kinds.integer || kinds.number => {
            // As the row decoder reads a whole number: `n as f64`.
            for (r, v) in a.iter().enumerate() {
                if let Some(v) = v {
                    set_age(&mut cases, r, v as f64);
                }
            }
        }
        Some(Col::I32(a)) if kinds.integer || kinds.number => {
            for (r, v) in a.iter().enumerate() {
                if let Some(v) = v {
                    set_age(&mut cases, r, i64::from(v) as f64);
                }
            }
        }
        Some(_) => {
            for (r, slow) in slow.iter_mut().enumerate() {
                let age = cols.with_row(r, &mut date, |row| {
                    plan.value(row, s.age).map(|v| match v {
                        Val::Int(v) => Some(v as f64),
                        Val::Num(x) => Some(x),
                        _ => None,
                    })
                });
                match age {
                    Ok(Some(x)) => set_age(&mut cases, r, x),
                    Ok(None) => {}
                    Err(_) => *slow = true,
                }
            }
        }
    }
    for &(i, bit) in &s.flags {
        match plan.cols[i].map(|c| &cols.cols[c]) {
            None | Some(Col::Null) => {}
            Some(Col::Bool(a)) if plan.fields.fields[i].kinds.boolean => {
                set_bits(&mut cases, a, bit);
            }
            Some(_) => {
                for (r, slow) in slow.iter_mut().enumerate() {
                    match cols.with_row(r, &mut date, |row| plan.flag(row, i)) {
                        Ok(Some(v)) => {
                            cases.known[r] |= 1 << bit;
                            cases.present[r] |= u32::from(v) << bit;
                        }
                        Ok(None) => {}
                        Err(_) => *slow = true,
                    }
                }
            }
        }
    }
    let mut failed = Vec::new();
    for (r, slow) in slow.into_iter().enumerate() {
        let mut case = cases.get(r);
        if !slow && settle_biopsy(&mut case).is_ok() {
            cases.set(r, case);
            continue;
        }
        match cols.with_row(r, &mut date, |row| plan.eular_case(s, row)) {
            Ok(case) => cases.set(r, case),
            Err(e) => {
                failed.push((r, e));
                cases.set(r, Case::default());
            }
        }
    }
    EularResults::new(plan, ids, &cases, failed, stats)
}

fn set_age(cases: &mut Cases, r: usize, age: f64) {
    cases.age[r] = age;
    cases.known[r] |= 1 << AGE_BIT;
}

/// Sets `bit` in `known` where the column has a value and in `present` where it is true, 64
/// rows per bitmap word.
fn set_bits(cases: &mut Cases, a: &BooleanArray, bit: u32) {
    match a.nulls() {
        Some(valid) => scatter(&mut cases.known, valid.inner(), bit),
        None => cases.known.iter_mut().for_each(|k| *k |= 1 << bit),
    }
    // Presence where a value is null is dropped by the instrument (it reads `present` only
    // where `known`).
    scatter(&mut cases.present, a.values(), bit);
}

/// Byte `b` of a bitmap as eight lanes of 0 or 1 (lane `k` is bit `k`), so that a bitmap is
/// spread into rows eight at a time.
static SPREAD: [[u32; 8]; 256] = {
    let mut t = [[0; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            t[b][k] = ((b >> k) & 1) as u32;
            k += 1;
        }
        b += 1;
    }
    t
};

fn scatter(dst: &mut [u32], bits: &BooleanBuffer, bit: u32) {
    let chunks = bits.bit_chunks();
    let mut rows = dst.chunks_exact_mut(64);
    for (word, rows) in chunks.iter().zip(&mut rows) {
        for (k, rows) in rows.chunks_exact_mut(8).enumerate() {
            let lanes = &SPREAD[((word >> (8 * k)) & 0xFF) as usize];
            for (x, &lane) in rows.iter_mut().zip(lanes) {
                *x |= lane << bit;
            }
        }
    }
    let word = chunks.remainder_bits();
    for (j, x) in rows.into_remainder().iter_mut().enumerate() {
        *x |= (((word >> j) & 1) as u32) << bit;
    }
}
