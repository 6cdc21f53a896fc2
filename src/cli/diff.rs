//! `crdoc diff`: compare two documents or two directories of them.

use super::args::{quiet_exit, write_stdout};
use crdoc::diff::{diff_paths, render};
use std::path::Path;
use std::process::ExitCode;

/// `crdoc diff`: exit 0 when equal, 1 when different, 2 when an input cannot be read.
pub fn diff_command(a: &Path, b: &Path, json: bool, spans: bool, max_bytes: u64) -> ExitCode {
    let report = match diff_paths(a, b, spans, max_bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("crdoc: {e}");
            return ExitCode::from(2);
        }
    };
    let text = if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("crdoc: cannot serialize the report: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        render(&report)
    };
    if let Err(e) = write_stdout(text.as_bytes()) {
        return quiet_exit(&e);
    }
    if report.equal {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
