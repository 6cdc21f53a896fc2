//! `crdoc export`: the flat record kinds of documents into SQLite, Parquet, CSV or NDJSON.

use crdoc::output::export::{export_with, open_with, Format, Options};
use crdoc::pipeline::inputs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `crdoc export`: exit 0 when every input was exported, 1 when some failed or the output
/// could not be written.
pub fn export_command(
    paths: &[PathBuf],
    format: Format,
    out: &Path,
    max_bytes: u64,
    options: &Options,
    verbose: bool,
) -> ExitCode {
    let (inputs, mut errors) = inputs::expand(paths);
    let mut sink = match open_with(format, out, options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crdoc: {}: {e}", out.display());
            return ExitCode::from(1);
        }
    };
    let result = export_with(&inputs, sink.as_mut(), max_bytes, options).and_then(|s| sink.finish().map(|()| s));
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crdoc: export to {} failed (no output file was replaced): {e}", out.display());
            return ExitCode::from(1);
        }
    };
    errors.extend(summary.failed);
    for e in &errors {
        eprintln!("crdoc: {}", e.line(verbose));
    }
    eprintln!(
        "exported {} document(s) ({} records) to {}, {} skipped as duplicates, {} failed",
        summary.exported,
        summary.rows,
        out.display(),
        summary.skipped,
        errors.len()
    );
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
