//! `crdoc convert`: files and directories to JSON files, in parallel, with a progress bar, one
//! line per failure and a summary; or standard input to standard output.

use super::args::quiet_exit;
use clap::ValueEnum;
use crdoc::error::FileError;
use crdoc::model::Severity;
use crdoc::output::atomic::remove_stale_temps;
use crdoc::output::batch::{
    check_size, convert_file, plan_selected, prepare, ConvertOptions, Converted, Job, Select, Skip, OUTPUT_BUFFER,
};
use crdoc::output::interrupt::{interrupted, INTERRUPTED_EXIT};
use crdoc::output::json::write_json;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The severity from which `--fail-on` fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A warning or an error.
    Warning,
    /// An error.
    Error,
}

impl FailOn {
    /// Whether a diagnostic of `severity` is at or above this threshold.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Warning => matches!(severity, Severity::Warning | Severity::Error),
            FailOn::Error => matches!(severity, Severity::Error),
        }
    }

    fn name(self) -> &'static str {
        match self {
            FailOn::Warning => "warning",
            FailOn::Error => "error",
        }
    }
}

/// Totals of a run: files converted and failed, diagnostics by code, files that tripped
/// `--fail-on`.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents converted (and written).
    pub converted: usize,
    /// Inputs that failed, in input order.
    pub failed: Vec<PathBuf>,
    /// Diagnostics counted by code.
    pub by_code: BTreeMap<String, usize>,
    /// Diagnostics in all.
    pub diagnostics: usize,
    /// Documents with a diagnostic at or above `--fail-on`.
    pub tripped: usize,
    /// Inputs skipped because their output is up to date.
    pub up_to_date: usize,
    /// Inputs skipped because they are crdoc documents already.
    pub already_converted: usize,
    /// Inputs not started because the run was interrupted.
    pub not_started: usize,
    /// The run was interrupted (even if every input had started).
    pub interrupted: bool,
}

/// How many codes the summary line names before grouping the rest.
const SUMMARY_CODES: usize = 5;

impl Summary {
    fn add(&mut self, c: &Converted, fail_on: Option<FailOn>) {
        match c.skipped {
            Some(Skip::UpToDate) => {
                // Not counted among the diagnostics of this run, but `--fail-on` sees them.
                if fail_on.is_some_and(|f| c.diagnostics.iter().any(|(s, _)| f.fails(*s))) {
                    self.tripped += 1;
                }
                return self.up_to_date += 1;
            }
            Some(Skip::AlreadyConverted) => return self.already_converted += 1,
            None => {}
        }
        self.converted += 1;
        self.diagnostics += c.diagnostics.len();
        for (_, code) in &c.diagnostics {
            *self.by_code.entry(code.clone()).or_default() += 1;
        }
        if fail_on.is_some_and(|f| c.diagnostics.iter().any(|(s, _)| f.fails(*s))) {
            self.tripped += 1;
        }
    }

    /// `converted 2 of 4 file(s), 2 failed, 38 diagnostic(s): 12 toc_mismatch, 9
    /// date_out_of_order, … (failed: a.txt, b.txt)`; codes by count, then by name.
    pub fn line(&self) -> String {
        let failed = self.failed.len();
        let skipped = self.up_to_date + self.already_converted;
        let total = self.converted + skipped + failed + self.not_started;
        let mut s = format!(
            "{}converted {} of {total} file(s)",
            if self.not_started > 0 || self.interrupted { "interrupted: " } else { "" },
            self.converted
        );
        if skipped > 0 {
            let mut why = Vec::new();
            if self.up_to_date > 0 {
                why.push(format!("{} up to date", self.up_to_date));
            }
            if self.already_converted > 0 {
                why.push(format!("{} already converted", self.already_converted));
            }
            s.push_str(&format!(", {skipped} skipped ({})", why.join(", ")));
        }
        if self.not_started > 0 {
            s.push_str(&format!(", {} not started", self.not_started));
        }
        s.push_str(&format!(", {failed} failed, {} diagnostic(s)", self.diagnostics));
        let mut codes: Vec<(&String, &usize)> = self.by_code.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        if !codes.is_empty() {
            // One more code is named rather than counted.
            let shown = if codes.len() == SUMMARY_CODES + 1 { SUMMARY_CODES + 1 } else { SUMMARY_CODES };
            let named: Vec<String> = codes.iter().take(shown).map(|(c, n)| format!("{n} {c}")).collect();
            s.push_str(&format!(": {}", named.join(", ")));
            let rest: usize = codes.iter().skip(shown).map(|(_, n)| **n).sum();
            if rest > 0 {
                s.push_str(&format!(", … {rest} more in {} other code(s)", codes.len() - shown));
            }
        }
        if failed > 0 {
            let names: Vec<String> = self.failed.iter().map(|p| p.display().to_string()).collect();
            s.push_str(&format!(" (failed: {})", names.join(", ")));
        }
        s
    }

    /// The exit status: 130 when interrupted, 1 when a file failed or `--fail-on` tripped (said
    /// on one line).
    fn exit(&self, fail_on: Option<FailOn>) -> ExitCode {
        if self.not_started > 0 || self.interrupted {
            return ExitCode::from(INTERRUPTED_EXIT);
        }
        if let Some(f) = fail_on.filter(|_| self.tripped > 0) {
            eprintln!(
                "crdoc: --fail-on {}: {} document(s) have a diagnostic of severity {} or above",
                f.name(),
                self.tripped,
                f.name()
            );
        }
        if self.failed.is_empty() && self.tripped == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

/// Standard input to standard output; the summary goes to standard error.
pub fn convert_stdin(opts: &ConvertOptions, fail_on: Option<FailOn>) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(opts.max_bytes.saturating_add(1)).read_to_end(&mut bytes) {
        eprintln!("crdoc: -: cannot read standard input: {e}");
        return ExitCode::from(1);
    }
    let mut summary = Summary::default();
    match check_size("-", bytes.len() as u64, opts.max_bytes).and_then(|_| prepare(&bytes, "-", opts)) {
        Ok((doc, converted)) => {
            drop(bytes);
            if opts.verbose {
                converted.lines.iter().for_each(|l| eprintln!("{l}"));
            }
            let mut out = std::io::BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout().lock());
            if let Err(e) = write_json(&mut out, &doc, opts.pretty).and_then(|_| out.flush()) {
                return quiet_exit(&e);
            }
            summary.add(&converted, fail_on);
        }
        Err(e) => {
            eprintln!("crdoc: {}", e.line(opts.verbose));
            summary.failed.push(PathBuf::from("-"));
        }
    }
    if !opts.quiet {
        eprintln!("{}", summary.line());
    }
    summary.exit(fail_on)
}

/// The most worker threads `-j` gets: four per core (conversion is CPU-bound; more threads only
/// add memory and contention).
pub fn max_workers() -> usize {
    4 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// The worker threads of a run of `inputs` files: `-j N` (0: one per core), at most one per
/// input and at most [`max_workers`]; a capped `-j N` is said on stderr (unless `-q`).
pub fn workers(requested: usize, inputs: usize, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let want = if requested == 0 { cores } else { requested };
    let cap = max_workers().min(inputs.max(1));
    if want > cap && requested > 0 && !quiet {
        eprintln!(
            "crdoc: -j {requested}: using {cap} worker thread(s) (at most one per input and {} per core)",
            max_workers() / cores
        );
    }
    want.min(cap)
}

/// What `convert FILES/DIRS` takes besides the options of each file.
pub struct Batch<'a> {
    /// The paths given.
    pub inputs: &'a [PathBuf],
    /// `-j`.
    pub jobs: usize,
    /// `--glob` and `--exclude`.
    pub select: &'a Select,
    /// `--fail-on`.
    pub fail_on: Option<FailOn>,
}

/// The extensions `convert` looks for, as said when nothing is found.
const LOOKS_FOR: &str = ".txt";

pub fn convert_command(batch: &Batch<'_>, opts: &ConvertOptions) -> ExitCode {
    let fail_on = batch.fail_on;
    let plan = plan_selected(batch.inputs, &opts.output, batch.select);
    let (mut jobs, mut errors) = (plan.jobs, plan.errors);
    if opts.verbose {
        for p in &plan.skipped {
            let why = if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
                "left out by --glob/--exclude".to_string()
            } else {
                format!("not a {LOOKS_FOR} file")
            };
            eprintln!("crdoc: {}: skipped: {why}", p.display());
        }
    }
    if jobs.is_empty() && errors.is_empty() {
        let patterns = if batch.select.glob.is_some() || batch.select.exclude.is_some() {
            " matching --glob/--exclude"
        } else {
            ""
        };
        for dir in batch.inputs.iter().filter(|p| p.is_dir()) {
            eprintln!(
                "crdoc: no {LOOKS_FOR} files{patterns} under {} ({} other file(s) skipped{})",
                dir.display(),
                plan.skipped.iter().filter(|s| s.starts_with(dir)).count(),
                if opts.verbose { "" } else { "; -v lists them" }
            );
        }
        return ExitCode::from(1);
    }
    refuse_collisions(&mut jobs, &mut errors);
    for e in &errors {
        eprintln!("crdoc: {}", e.line(opts.verbose));
    }
    // Temporary files that a killed run left in the output directories.
    let dirs: std::collections::BTreeSet<&Path> = jobs.iter().filter_map(|j| j.output.parent()).collect();
    let removed: usize = dirs.into_iter().map(remove_stale_temps).sum();
    if removed > 0 && opts.verbose {
        eprintln!("crdoc: removed {removed} temporary file(s) left by an earlier run that was killed");
    }
    let threads = workers(batch.jobs, jobs.len(), opts.quiet);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| run_jobs(&jobs, errors, opts, fail_on)),
        Err(e) => {
            eprintln!("crdoc: cannot start worker threads: {e}");
            ExitCode::from(1)
        }
    }
}

/// The progress bar's rate, rounded: `243/s` (not `242.9251/s`), `0.5/s` below one a second.
fn rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let r = state.per_sec();
    let _ = if r >= 10.0 { write!(w, "{r:.0}/s") } else { write!(w, "{r:.1}/s") };
}

fn run_jobs(jobs: &[Job], errors: Vec<FileError>, opts: &ConvertOptions, fail_on: Option<FailOn>) -> ExitCode {
    let bar = (std::io::stderr().is_terminal() && jobs.len() > 1 && !opts.quiet).then(|| {
        let b = indicatif::ProgressBar::new(jobs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {rate}, ETA {eta} {wide_msg}")
                .map(|s| s.with_key("rate", rate))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    // Failures (and with -v, diagnostics) are printed as they happen, above the bar.
    let say = |text: String| match &bar {
        Some(b) => b.suspend(|| eprintln!("{text}")),
        None => eprintln!("{text}"),
    };
    // `None`: not started, the run was interrupted.
    let results: Vec<Option<Result<Converted, FileError>>> = jobs
        .par_iter()
        .map(|job| {
            if interrupted() {
                return None;
            }
            let r = convert_file(job, opts);
            match &r {
                Err(e) => say(format!("crdoc: {}", e.line(opts.verbose))),
                Ok(c) if c.skipped == Some(Skip::AlreadyConverted) => say(format!(
                    "crdoc: {}: skipped: already converted (a valid crdoc document, not a text dump)",
                    job.input.display()
                )),
                Ok(c) if opts.verbose && c.skipped == Some(Skip::UpToDate) => say(format!(
                    "crdoc: {}: skipped: {} is up to date (--force converts it again)",
                    job.input.display(),
                    job.output.display()
                )),
                Ok(c) if opts.verbose && !c.lines.is_empty() => say(c.lines.join("\n")),
                Ok(_) => {}
            }
            if let Some(b) = &bar {
                b.set_message(job.input.display().to_string());
                b.inc(1);
            }
            Some(r)
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut summary = Summary { failed: errors.iter().map(|e| e.path.clone()).collect(), ..Summary::default() };
    for r in &results {
        match r {
            Some(Ok(c)) => summary.add(c, fail_on),
            Some(Err(e)) => summary.failed.push(e.path.clone()),
            None => summary.not_started += 1,
        }
    }
    summary.interrupted = interrupted();
    if !opts.quiet || summary.interrupted {
        eprintln!("{}", summary.line());
    }
    summary.exit(fail_on)
}

/// Two inputs that would write the same output, or an output that would replace an input, are
/// refused (the later input of a colliding pair fails; the first one converts).
fn refuse_collisions(jobs: &mut Vec<Job>, errors: &mut Vec<FileError>) {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Each path is resolved once (a set, not a scan of the inputs per job: resolving a path is
    // a system call per component, and a batch of n files made n² of them before any converted).
    let inputs: std::collections::HashSet<PathBuf> = jobs.iter().map(|j| canon(&j.input)).collect();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut keep = Vec::with_capacity(jobs.len());
    for job in jobs.drain(..) {
        let out_abs = absolute(&job.output);
        if inputs.contains(&out_abs) || inputs.contains(&canon(&job.output)) {
            errors.push(FileError::msg(
                &job.input,
                format!("refusing to write {}: it is an input file", job.output.display()),
            ));
        } else if let Some(first) = seen.get(&out_abs) {
            errors.push(FileError::msg(
                &job.input,
                format!("its output {} would overwrite the output of {}", job.output.display(), first.display()),
            ));
        } else {
            seen.insert(out_abs, job.input.clone());
            keep.push(job);
        }
    }
    *jobs = keep;
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Warning.fails(Severity::Warning) && FailOn::Warning.fails(Severity::Error));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(FailOn::Error.fails(Severity::Error) && !FailOn::Error.fails(Severity::Warning));
    }

    #[test]
    fn the_summary_breaks_diagnostics_down_by_code() {
        let mut s = Summary::default();
        let codes = ["a", "b", "b", "c", "c", "c", "d", "e", "f", "g", "g"];
        let c = Converted {
            lines: Vec::new(),
            diagnostics: codes.iter().map(|c| (Severity::Warning, c.to_string())).collect(),
            skipped: None,
        };
        s.add(&c, Some(FailOn::Error));
        s.failed.push(PathBuf::from("x.txt"));
        assert_eq!(
            s.line(),
            "converted 1 of 2 file(s), 1 failed, 11 diagnostic(s): 3 c, 2 b, 2 g, 1 a, 1 d, … 2 more in 2 other code(s) (failed: x.txt)"
        );
        assert_eq!(s.tripped, 0);
        s.add(&c, Some(FailOn::Warning));
        assert_eq!(s.tripped, 1);
    }

    #[test]
    fn skipped_and_not_started_files_are_counted() {
        let mut s = Summary::default();
        s.add(&Converted { skipped: Some(Skip::UpToDate), ..Converted::default() }, None);
        s.add(&Converted { skipped: Some(Skip::AlreadyConverted), ..Converted::default() }, None);
        s.add(&Converted::default(), None);
        assert_eq!(
            s.line(),
            "converted 1 of 3 file(s), 2 skipped (1 up to date, 1 already converted), 0 failed, 0 diagnostic(s)"
        );
        s.not_started = 4;
        assert!(s.line().starts_with("interrupted: converted 1 of 7 file(s), 2 skipped"), "{}", s.line());
    }
}
