//! `crdoc export`: the flat record kinds of documents into SQLite, Parquet, CSV or NDJSON.

use crdoc::output::atomic::remove_stale_temps;
use crdoc::output::export::{export_with, open_with, Format, Options, STDOUT_CLOSED};
use crdoc::output::interrupt::INTERRUPTED_EXIT;
use crdoc::pipeline::inputs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The `-o` checks clap cannot make: a database or NDJSON file is not a directory, a Parquet or
/// CSV directory is not a file. The usage line on error.
pub fn check_output(format: Format, out: &Path) -> Result<(), String> {
    let name = format!("{format:?}").to_lowercase();
    match format {
        Format::Sqlite | Format::Ndjson if out.is_dir() => Err(format!(
            "-o {}: is a directory; --format {name} writes one file (e.g. -o {})",
            out.display(),
            out.join(if format == Format::Sqlite { "crdoc.sqlite" } else { "records.ndjson" }).display()
        )),
        Format::Parquet | Format::Csv if out.exists() && !out.is_dir() => Err(format!(
            "-o {}: is an existing file; --format {name} writes a directory of one file per record kind",
            out.display()
        )),
        _ => Ok(()),
    }
}

/// `crdoc export`: exit 0 when every input was exported, 1 when some failed or the output
/// could not be written, 130 when interrupted (no output file replaced; in SQLite, the documents
/// committed so far stay).
pub fn export_command(
    paths: &[PathBuf],
    format: Format,
    out: &Path,
    max_bytes: u64,
    options: &Options,
    verbose: bool,
    quiet: bool,
) -> ExitCode {
    let (inputs, mut errors) = inputs::expand(paths);
    // Temporary files that a killed export left next to its outputs.
    if out != Path::new("-") {
        let dir = match format {
            Format::Parquet | Format::Csv => out.to_path_buf(),
            _ => out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf(),
        };
        remove_stale_temps(&dir);
    }
    let mut sink = match open_with(format, out, options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crdoc: {}: {e}", out.display());
            return ExitCode::from(1);
        }
    };
    let result = export_with(&inputs, sink.as_mut(), max_bytes, options);
    if let Ok(s) = &result {
        if s.interrupted {
            // SQLite keeps the documents committed so far (each one is a transaction); the
            // file formats are dropped unfinished, which removes their temporary files.
            let kept = if format == Format::Sqlite && sink.finish().is_ok() {
                format!("{} document(s) exported to {} are kept", s.exported, out.display())
            } else {
                "no output file was replaced".to_string()
            };
            eprintln!("interrupted: exported {} of {} input(s); {kept}", s.exported, inputs.len());
            return ExitCode::from(INTERRUPTED_EXIT);
        }
    }
    let result = result.and_then(|s| sink.finish().map(|()| s));
    let summary = match result {
        Ok(s) => s,
        // A closed standard output (`-o - | head`) ends quietly.
        Err(e) if e.ends_with(STDOUT_CLOSED) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crdoc: export to {} failed (no output file was replaced): {e}", out.display());
            return ExitCode::from(1);
        }
    };
    errors.extend(summary.failed);
    for e in &errors {
        eprintln!("crdoc: {}", e.line(verbose));
    }
    if !summary.duplicates.is_empty() {
        if verbose {
            for (copy, first) in &summary.duplicates {
                eprintln!("crdoc: {}: skipped: the same document as {}", copy.display(), first.display());
            }
        } else if !quiet {
            eprintln!(
                "crdoc: {} input(s) skipped: the same document (source hash) as an input exported before them; -v lists them",
                summary.duplicates.len()
            );
        }
    }
    if !quiet {
        eprintln!(
            "exported {} document(s) ({} records) to {}, {} skipped as duplicates, {} failed",
            summary.exported,
            summary.rows,
            out.display(),
            summary.skipped,
            errors.len()
        );
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
