//! `myo-instruments`: the published myositis instruments, computed exactly as published.
//!
//! Pure code: no I/O, no async, no wire formats. Every clinical number lives in cited data under
//! `defs/` (paper, table or figure locator, and a `verified`/`partial` status); the logic reads
//! like the paper; every result explains itself (contributions, missing items, warnings, status,
//! citation). An item that was not assessed is reported as missing, never scored as normal.
