//! Standard output for every command.
//!
//! A closed pipe (`myo kb list | head`) means the reader has seen enough: output stops quietly
//! instead of panicking (`println!`) or failing the command.

use std::io::{ErrorKind, Write};

/// Writes `text` to stdout and flushes; a closed pipe is not an error.
pub fn emit(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Writes `text` and a newline to stdout; a closed pipe is not an error.
pub fn emit_line(text: &str) -> anyhow::Result<()> {
    emit(&format!("{text}\n"))
}

/// True when an error (anywhere in its chain) is a closed stdout pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe)
    })
}
