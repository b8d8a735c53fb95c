//! The repository's `kb/` folder, compiled in by `build.rs` so `myo` needs no files beside it.

include!(concat!(env!("OUT_DIR"), "/builtin_kb.rs"));
