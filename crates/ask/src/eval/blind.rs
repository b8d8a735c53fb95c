//! The guard that keeps tuning tools off the blind holdout sets.
//!
//! A blind set is measured once, by `myo eval --set`, and never tuned on. Tuning tools (the
//! evaluation examples) call [`refuse_blind`] on every file they are given. The check compares
//! canonical paths, so a relative path from inside the holdout directory, `..` detours, doubled
//! slashes and symbolic links to the file or to a directory above it are all seen for what they
//! are. A file with more than one hard link is refused too: a hard link to a holdout file has
//! no path under the holdout directory, and the sets are never hard-linked otherwise.

use std::io;
use std::path::{Path, PathBuf};

/// Why a set may not be used for tuning.
#[derive(Debug, thiserror::Error)]
pub enum BlindSetError {
    /// The file is a blind holdout set (or a link to one).
    #[error(
        "{path}: this is a blind holdout set; measure it once with `myo eval --set`, never tune on it"
    )]
    Blind {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is hard-linked elsewhere, so it may be a holdout set under another name.
    #[error("{path}: this file has other hard links and may be a blind holdout set; use a copy")]
    HardLinked {
        /// The path as given.
        path: PathBuf,
    },
    /// The path could not be resolved (missing file, unreadable directory).
    #[error("{path}: cannot resolve this path: {source}")]
    Resolve {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

/// The holdout directory of this crate's source tree (`crates/ask/eval/holdout`).
pub fn holdout_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("eval")
        .join("holdout")
}

/// Refuse `path` when it resolves to a file under this crate's holdout directory.
pub fn refuse_blind(path: &Path) -> Result<(), BlindSetError> {
    refuse_under(path, &holdout_dir())
}

/// Refuse `path` when it resolves to a file under `root` (itself resolved), or when it has
/// other hard links. A `root` that does not exist holds nothing to protect.
pub fn refuse_under(path: &Path, root: &Path) -> Result<(), BlindSetError> {
    let resolved = path
        .canonicalize()
        .map_err(|source| BlindSetError::Resolve {
            path: path.to_path_buf(),
            source,
        })?;
    if let Ok(root) = root.canonicalize()
        && resolved.starts_with(&root)
    {
        return Err(BlindSetError::Blind {
            path: path.to_path_buf(),
        });
    }
    if hard_links(&resolved) > 1 {
        return Err(BlindSetError::HardLinked {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn hard_links(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).map_or(1, |m| m.nlink())
}

#[cfg(not(unix))]
fn hard_links(_path: &Path) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A scratch tree: `root/holdout/v9/en.toml` (a stand-in, never the real holdout) and
    /// `root/dev/dev.toml`.
    struct Tree {
        root: PathBuf,
    }

    impl Tree {
        fn new(name: &str) -> Tree {
            let root =
                std::env::temp_dir().join(format!("myo-ask-blind-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&root);
            fs::create_dir_all(root.join("holdout/v9")).unwrap();
            fs::create_dir_all(root.join("dev")).unwrap();
            fs::write(root.join("holdout/v9/en.toml"), "").unwrap();
            fs::write(root.join("dev/dev.toml"), "").unwrap();
            Tree { root }
        }

        fn holdout(&self) -> PathBuf {
            self.root.join("holdout")
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.root);
        }
    }

    fn blind(r: Result<(), BlindSetError>) -> bool {
        matches!(
            r,
            Err(BlindSetError::Blind { .. } | BlindSetError::HardLinked { .. })
        )
    }

    #[test]
    fn a_dev_set_passes() {
        let t = Tree::new("dev");
        assert!(refuse_under(&t.root.join("dev/dev.toml"), &t.holdout()).is_ok());
    }

    #[test]
    fn every_spelling_of_a_holdout_path_is_refused() {
        let t = Tree::new("paths");
        let h = t.holdout();
        for p in [
            t.root.join("holdout/v9/en.toml"),
            t.root.join("holdout//v9/./en.toml"),
            t.root.join("dev/../holdout/v9/en.toml"),
            t.root.join("holdout/v9/../v9/en.toml"),
        ] {
            assert!(blind(refuse_under(&p, &h)), "{}", p.display());
        }
    }

    #[test]
    fn a_relative_path_from_inside_the_holdout_is_refused() {
        let t = Tree::new("relative");
        // Relative to the working directory: build it from the canonical form, as a shell
        // inside `holdout/` would see `v9/en.toml`.
        let cwd = std::env::current_dir().unwrap();
        let target = t.root.join("holdout/v9/en.toml").canonicalize().unwrap();
        let ups = cwd.components().count() - 1;
        let relative: PathBuf = std::iter::repeat_n(Path::new(".."), ups)
            .collect::<PathBuf>()
            .join(target.strip_prefix("/").unwrap());
        assert!(blind(refuse_under(&relative, &t.holdout())));
    }

    #[cfg(unix)]
    #[test]
    fn links_to_a_holdout_file_or_directory_are_refused() {
        use std::os::unix::fs::symlink;
        let t = Tree::new("links");
        let h = t.holdout();
        symlink(
            t.root.join("holdout/v9/en.toml"),
            t.root.join("dev/link.toml"),
        )
        .unwrap();
        symlink(t.root.join("holdout/v9"), t.root.join("dev/v9")).unwrap();
        symlink(t.root.join("holdout"), t.root.join("dev/h")).unwrap();
        fs::hard_link(
            t.root.join("holdout/v9/en.toml"),
            t.root.join("dev/hard.toml"),
        )
        .unwrap();
        for p in [
            "dev/link.toml",
            "dev/v9/en.toml",
            "dev/h/v9/en.toml",
            "dev/hard.toml",
        ] {
            assert!(blind(refuse_under(&t.root.join(p), &h)), "{p}");
        }
        // The root itself reached through a link is resolved too.
        symlink(&h, t.root.join("root-link")).unwrap();
        let p = t.root.join("holdout/v9/en.toml");
        assert!(blind(refuse_under(&p, &t.root.join("root-link"))));
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_pass() {
        let t = Tree::new("missing");
        let r = refuse_under(&t.root.join("holdout/v9/nope.toml"), &t.holdout());
        assert!(matches!(r, Err(BlindSetError::Resolve { .. })));
    }

    #[test]
    fn the_real_holdout_directory_is_the_crates_own() {
        assert!(holdout_dir().ends_with("crates/ask/eval/holdout"));
    }
}
