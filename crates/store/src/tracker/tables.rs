//! The machinery behind the record declarations in [`super::kinds`]: the [`record_kinds!`]
//! macro that turns one declaration per kind into its table description ([`Spec`]), its row
//! codec ([`values`](super::kinds::values) out, [`decode`](super::kinds::decode) in) and its
//! export cells, and the SQL built from a [`Spec`].

use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, UserId};
use crate::tracker_model::{DateRange, RecordKind};

use super::values::check_opt_date;

/// How one record kind maps to its table. `cols` excludes `id` and `patient_id`, which are
/// always `$2` and `$1`.
pub(crate) struct Spec {
    pub(crate) table: &'static str,
    pub(crate) cols: &'static [&'static str],
    /// Each column's header in the export (`None`: not exported), parallel to `cols`.
    pub(crate) export: &'static [Option<&'static str>],
    /// The `AND …` range condition over `$2` (from) and `$3` (to) for lists.
    pub(crate) range: &'static str,
    pub(crate) order: &'static str,
    /// The natural key (besides `patient_id`) a new row replaces an old one on; empty: none.
    pub(crate) key: &'static [&'static str],
}

pub(crate) const DATE_RANGE: &str = "date >= $2 AND date <= $3";
pub(crate) const BY_DATE: &str = "date, id";

/// `$given` if there is one, else `$default`.
macro_rules! given_or {
    ($given:literal ; $default:expr) => {
        $given
    };
    (; $default:expr) => {
        $default
    };
}
pub(crate) use given_or;

/// A column's export header: `[]` not exported, `[csv]` under its column name, `[csv "h"]`
/// under `h`.
macro_rules! export_header {
    ([] $col:expr) => {
        None
    };
    ([csv] $col:expr) => {
        Some($col)
    };
    ([csv $header:literal] $col:expr) => {
        Some($header)
    };
}
pub(crate) use export_header;

/// Pushes an exported column's cell (`[csv …]`); nothing for a column not exported (`[]`).
macro_rules! export_push {
    ([] $cells:ident, $value:expr) => {};
    ([csv $($header:literal)?] $cells:ident, $value:expr) => {
        $cells.push(Stored::export(&$value))
    };
}
pub(crate) use export_push;

/// Declares every record kind once: its `Record`/`RecordKind` variant, row type, `PatientData`
/// list and table, then (optionally) its natural key, list range and order, then each stored
/// column in order as `field [as "column"]: Check [=> csv ["header"]]`. From that it derives
/// `RecordKind::table`, `spec`, `values`, `decode`, `push`, `export_cells` and
/// `PatientData::records`; a field missing from a declaration fails to compile (`decode`
/// builds the row without `..`).
macro_rules! record_kinds {
    ($(
        $kind:ident($row:ident) in $list:ident, $table:literal
        $(key($($key:literal),+))? $(range $range:literal)? $(order $order:literal)? {
            $($field:ident $(as $col:literal)? : $check:expr $(=> csv $($header:literal)?)?),+ $(,)?
        }
    )+) => {
        impl RecordKind {
            /// The table holding this kind (also the audit `resource_type` and the name a
            /// record version keeps).
            #[must_use]
            pub const fn table(self) -> &'static str {
                match self { $(RecordKind::$kind => $table,)+ }
            }
        }

        /// This kind's table, columns, export headers, range, order and key.
        pub(crate) fn spec(kind: RecordKind) -> Spec {
            match kind {
                $(RecordKind::$kind => Spec {
                    table: $table,
                    cols: &[$(given_or!($($col)? ; stringify!($field))),+],
                    export: &[$(export_header!([$(csv $($header)?)?]
                        given_or!($($col)? ; stringify!($field)))),+],
                    range: given_or!($($range)? ; DATE_RANGE),
                    order: given_or!($($order)? ; BY_DATE),
                    key: &[$($($key),+)?],
                },)+
            }
        }

        /// Checks a record's shape and returns its values in `spec(kind).cols` order.
        pub(crate) fn values(record: &Record) -> Result<Vec<Val>> {
            Ok(match record {
                $(Record::$kind(r) => vec![
                    $(Stored::encode(&r.$field, stringify!($field), $check)?),+
                ],)+
            })
        }

        /// A stored row of `kind` read back (the columns of `spec(kind).select()`).
        pub(crate) fn decode(kind: RecordKind, row: &impl RowExt) -> Result<Record> {
            let id = Stored::read(row, "id")?;
            Ok(match kind {
                $(RecordKind::$kind => Record::$kind($row {
                    id,
                    $($field: Stored::read(row, given_or!($($col)? ; stringify!($field)))?),+
                }),)+
            })
        }

        /// Puts a record into the matching list of `data`.
        pub(crate) fn push(data: &mut PatientData, record: Record) {
            match record { $(Record::$kind(r) => data.$list.push(r),)+ }
        }

        /// A record's export cells as text in [`export_columns`](crate::export_columns)
        /// order: its id, then each exported column (an empty cell is "not recorded").
        #[must_use]
        pub fn export_cells(record: &Record) -> Vec<String> {
            match record {
                $(Record::$kind(r) => {
                    #[allow(unused_mut, reason = "a kind may export no column")]
                    let mut cells = vec![r.id.to_string()];
                    $(export_push!([$(csv $($header)?)?] cells, r.$field);)+
                    cells
                })+
            }
        }

        impl PatientData {
            /// The records of one kind, in their list's order (copies, for kind-generic code
            /// such as the exports).
            #[must_use]
            pub fn records(&self, kind: RecordKind) -> Vec<Record> {
                match kind {
                    $(RecordKind::$kind => self.$list.iter().cloned().map(Record::$kind).collect(),)+
                }
            }
        }
    };
}
pub(crate) use record_kinds;

/// The columns a record kind is stored in, in order, without `id` and `patient_id` (which
/// every table has): the one list that the store's SQL and the exports derive from.
#[must_use]
pub fn record_columns(kind: RecordKind) -> &'static [&'static str] {
    super::kinds::spec(kind).cols
}

/// The export's header for a record kind: `id`, then each exported column's header, in the
/// order of [`export_cells`](super::kinds::export_cells).
#[must_use]
pub fn export_columns(kind: RecordKind) -> Vec<&'static str> {
    std::iter::once("id")
        .chain(super::kinds::spec(kind).export.iter().flatten().copied())
        .collect()
}

impl Spec {
    pub(crate) fn select(&self) -> String {
        format!("id, {}", self.cols.join(", "))
    }

    /// `INSERT … RETURNING`; a kind with a natural key replaces the row with the same key
    /// (every other column updated, the id kept).
    pub(crate) fn insert_sql(&self) -> String {
        let params: Vec<String> = (3..self.cols.len() + 3).map(|n| format!("${n}")).collect();
        let upsert = if self.key.is_empty() {
            String::new()
        } else {
            let sets: Vec<String> = self
                .cols
                .iter()
                .filter(|c| !self.key.contains(c))
                .map(|c| format!("{c} = excluded.{c}"))
                .collect();
            format!(
                "ON CONFLICT (patient_id, {}) DO UPDATE SET {}",
                self.key.join(", "),
                sets.join(", ")
            )
        };
        format!(
            "INSERT INTO {} (patient_id, id, {}) VALUES ($1, $2, {}) {upsert} RETURNING {}",
            self.table,
            self.cols.join(", "),
            params.join(", "),
            self.select()
        )
    }

    pub(crate) fn update_sql(&self) -> String {
        let sets: Vec<String> = self
            .cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 3))
            .collect();
        format!(
            "UPDATE {} SET {} WHERE patient_id = $1 AND id = $2 RETURNING {}",
            self.table,
            sets.join(", "),
            self.select()
        )
    }

    pub(crate) fn get_sql(&self) -> String {
        format!(
            "SELECT {} FROM {} WHERE patient_id = $1 AND id = $2",
            self.select(),
            self.table
        )
    }

    pub(crate) fn delete_sql(&self) -> String {
        format!(
            "DELETE FROM {} WHERE patient_id = $1 AND id = $2",
            self.table
        )
    }

    pub(crate) fn list_sql(&self) -> String {
        format!(
            "SELECT {} FROM {} WHERE patient_id = $1 AND {} ORDER BY {}",
            self.select(),
            self.table,
            self.range,
            self.order
        )
    }

    /// `list_sql` for `n` patients at once: the ids are `$1` and `$4` on (`$2` and `$3` stay
    /// the range's ends), each row names its patient.
    pub(crate) fn batch_list_sql(&self, n: usize) -> String {
        let ids: Vec<String> = std::iter::once("$1".to_owned())
            .chain((4..n + 3).map(|i| format!("${i}")))
            .collect();
        format!(
            "SELECT patient_id, {} FROM {} WHERE patient_id IN ({}) AND {} ORDER BY {}",
            self.select(),
            self.table,
            ids.join(", "),
            self.range,
            self.order
        )
    }
}

/// Range bounds as bind values: open ends become dates before and after any real one.
pub(crate) fn bounds(range: &DateRange) -> Result<(String, String)> {
    check_opt_date("from", range.from.as_ref())?;
    check_opt_date("to", range.to.as_ref())?;
    Ok((
        range.from.clone().unwrap_or_else(|| "0000-01-01".into()),
        range.to.clone().unwrap_or_else(|| "9999-12-31".into()),
    ))
}

/// The audit entry to store: the patient filled in, a different patient refused.
pub(crate) fn scoped(audit: &AuditEntry, patient: &UserId) -> Result<AuditEntry> {
    match &audit.patient_id {
        Some(p) if p != patient.as_str() => Err(StoreError::invalid(
            "audit.patient_id",
            "names a different patient than the records",
        )),
        _ => Ok(audit.clone().for_patient(patient.as_str())),
    }
}
