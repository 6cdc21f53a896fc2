//! Errors shown to users: one line naming the file and the reason; `-v` adds the detail.

use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A failure to convert, validate or score one file.
#[derive(Debug, Error)]
pub struct FileError {
    /// The file concerned (`-` for standard input).
    pub path: PathBuf,
    /// What went wrong, on one line.
    pub reason: String,
    /// Shown with `-v` only (e.g. every schema violation).
    pub detail: Option<String>,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl FileError {
    /// An error with a reason.
    pub fn msg(path: &Path, reason: String) -> Self {
        FileError { path: path.to_path_buf(), reason, detail: None }
    }
    /// An I/O error while doing `what`.
    pub fn io(path: &Path, what: &str, e: std::io::Error) -> Self {
        FileError { path: path.to_path_buf(), reason: format!("{what}: {e}"), detail: None }
    }
    /// An error with a reason and a detail shown with `-v`.
    pub fn detailed(path: &Path, reason: String, detail: String) -> Self {
        FileError { path: path.to_path_buf(), reason, detail: Some(detail) }
    }
    /// The same error about another path.
    pub fn with_path(mut self, path: &Path) -> Self {
        self.path = path.to_path_buf();
        self
    }
    /// The line printed for users: `path: reason`, plus the detail when verbose.
    pub fn line(&self, verbose: bool) -> String {
        match (&self.detail, verbose) {
            (Some(d), true) => format!("{self}\n{d}"),
            _ => self.to_string(),
        }
    }
}
