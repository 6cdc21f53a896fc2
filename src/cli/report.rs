//! `crdoc report`: one HTML review page per document and an index.

use crdoc::error::FileError;
use crdoc::output::atomic::{remove_stale_temps, write_atomically};
use crdoc::output::interrupt::{interrupted, INTERRUPTED_EXIT};
use crdoc::output::report::{href, index, load, plan, render, IndexRow, Job};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One page: load, render, write.
fn page(job: &Job, out: &Path, verbose: bool) -> Result<IndexRow, FileError> {
    let loaded = load(&job.input)?;
    let html = render(&loaded);
    let target = out.join(&job.page);
    write_atomically(&target, html.as_bytes())
        .map_err(|e| FileError::io(&job.input, &format!("cannot write {}", target.display()), e))?;
    if verbose {
        if let Err(why) = &loaded.text {
            eprintln!("crdoc: {}: source view omitted: {why}", job.input.display());
        }
    }
    Ok(IndexRow::of(&loaded.doc, job.input.display().to_string(), href(&job.page)))
}

/// `crdoc report INPUT... -o DIR`.
pub fn report_command(inputs: &[PathBuf], out: &Path, verbose: bool, quiet: bool) -> ExitCode {
    let plan = plan(inputs);
    let (jobs, mut errors) = (plan.jobs, plan.errors);
    if verbose {
        for (copy, first) in &plan.duplicates {
            eprintln!("crdoc: {}: skipped: the same document (source hash) as {}", copy.display(), first.display());
        }
    } else if !plan.duplicates.is_empty() && !quiet {
        eprintln!(
            "crdoc: {} input(s) skipped: the same document (source hash) as an earlier input, e.g. a dump and its JSON; -v lists them",
            plan.duplicates.len()
        );
    }
    remove_stale_temps(out);
    let results: Vec<Option<Result<IndexRow, FileError>>> =
        jobs.par_iter().map(|job| (!interrupted()).then(|| page(job, out, verbose))).collect();
    if results.iter().any(Option::is_none) {
        let done = results.iter().filter(|r| matches!(r, Some(Ok(_)))).count();
        eprintln!("interrupted: reported {done} of {} document(s); no index written", jobs.len());
        return ExitCode::from(INTERRUPTED_EXIT);
    }
    let results: Vec<Result<IndexRow, FileError>> = results.into_iter().flatten().collect();
    let mut rows = Vec::new();
    for r in results {
        match r {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(e),
        }
    }
    let written = rows.len();
    for e in &errors {
        eprintln!("crdoc: {}", e.line(verbose));
        rows.push(IndexRow {
            input: e.path.display().to_string(),
            href: None,
            title: None,
            date: None,
            counts: Vec::new(),
            severities: (0, 0, 0),
            codes: Vec::new(),
            error: Some(e.reason.clone()),
        });
    }
    let index_path = out.join("index.html");
    if let Err(e) = write_atomically(&index_path, index(&rows).as_bytes()) {
        eprintln!("crdoc: cannot write {}: {e}", index_path.display());
        return ExitCode::from(1);
    }
    if !quiet {
        eprintln!(
            "reported {written} of {} document(s), {} failed; index: {}",
            written + errors.len(),
            errors.len(),
            index_path.display()
        );
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
