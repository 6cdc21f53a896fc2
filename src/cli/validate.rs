//! `crdoc validate`: JSON files against the document schema.

use super::args::{quiet_exit, write_stdout};
use crdoc::error::FileError;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// How many violations of one file `validate` lists without `-v`.
const VALIDATE_SHOWN: usize = 20;

/// `validate`: `FILE: valid` on standard output for each valid file; for an invalid one, one
/// line per violation on standard error, `FILE: /json/pointer: keyword: reason` (the first
/// [`VALIDATE_SHOWN`], all of them with `-v`, which also names the schema location).
pub fn validate_command(paths: &[PathBuf], verbose: bool) -> ExitCode {
    let mut failed = 0;
    // Directories are searched recursively for *.json (sorted), as the other commands do.
    let (found, errors) = crdoc::pipeline::inputs::expand_with(paths, true, |p| {
        p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    for e in &errors {
        failed += 1;
        eprintln!("crdoc: {}", e.line(verbose));
    }
    for dir in paths.iter().filter(|p| p.is_dir()) {
        if !found.iter().any(|i| i.path.starts_with(dir)) {
            failed += 1;
            eprintln!("crdoc: no .json files under {}", dir.display());
        }
    }
    for f in found.iter().map(|i| &i.path) {
        let value = std::fs::read(f).map_err(|e| FileError::io(f, "cannot read", e)).and_then(|b| {
            serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| FileError::msg(f, format!("not JSON: {e}")))
        });
        let violations = match value {
            Ok(v) => match crdoc::schema::validate(&v) {
                Ok(()) => {
                    if let Err(e) = write_stdout(format!("{}: valid\n", f.display()).as_bytes()) {
                        return quiet_exit(&e);
                    }
                    continue;
                }
                Err(errs) => errs,
            },
            Err(e) => {
                failed += 1;
                eprintln!("crdoc: {}", e.line(verbose));
                continue;
            }
        };
        failed += 1;
        let mut err = std::io::stderr().lock();
        let shown = if verbose { violations.len() } else { violations.len().min(VALIDATE_SHOWN) };
        for v in &violations[..shown] {
            let _ = writeln!(err, "{}: {}", f.display(), v.line(verbose));
        }
        if shown < violations.len() {
            let _ = writeln!(
                err,
                "{}: {} more violation(s) not shown (-v lists them all)",
                f.display(),
                violations.len() - shown
            );
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
