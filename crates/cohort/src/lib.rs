//! `myo-cohort`: Myo's instruments over whole cohorts (CSV, Parquet, Arrow batches).
//!
//! A pure-ish core: an instrument's input fields come from its input schema ([`fields`]), a
//! mapping turns registry columns and codes into those fields ([`mapping`], [`cell`]), a
//! [`Plan`] scores each row exactly as `myo score` would (EULAR/ACR 2017 straight into its
//! typed input, the others through their JSON input, TIS in long format against each
//! patient's baseline), and the results are Arrow columns ([`out`]) that every front end
//! shares. The readers and writers ([`csv_in`], [`csv_out`], [`parquet_io`], [`run`]) are a
//! thin layer on top.
//!
//! EULAR/ACR 2017 runs column by column (`eular`, `eular_out`): cells and Arrow bitmaps become
//! bit-set cases, the instrument's batch kernel scores the chunk, and the results are written
//! as columns; a row with any cell the plain decoder cannot read goes through the row-by-row
//! decoder, so the output is the same, byte for byte.
//!
//! Rules kept here: a blank or unmapped-missing cell is *not assessed* and is reported missing,
//! never scored as normal; a bad row never stops a run, it gets an `error` naming the field and
//! the reason and no result; output rows are in input order.

pub mod arrow_in;
pub mod cell;
pub mod csv_in;
pub mod csv_out;
mod eular;
mod eular_out;
pub mod fields;
pub mod mapping;
pub mod out;
pub mod parquet_io;
pub mod plan;
pub mod run;
pub mod tis;

pub use plan::{Options, Plan, PlanError, Row, Stats, fields_of, is_long};
