//! `myo-kb`: Myo's knowledge base: the content model, its loader and its quality checks.
//!
//! Pure code: the crate receives `(path, contents)` pairs and never walks the filesystem itself.
