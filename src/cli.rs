//! The command line: `convert` (also `--ndjson` for map tasks), `validate`, `schema`, `eval`,
//! `export`, `diff`.
//!
//! Exit status: 0 when everything succeeded, 1 when some file failed (the others are still
//! processed) or `--fail-on` saw a diagnostic at its severity, 2 for usage errors (clap's own
//! and those of [`Usage`], one line naming the argument). Each failing file prints one line on
//! stderr naming it and the reason, as soon as it fails; `-v` adds detail. A closed standard
//! output (`crdoc schema | head`) ends the run quietly with status 0, as ripgrep does.

use crate::error::FileError;
use crate::model::{Document, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Default for `--max-bytes`: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The command line as clap parses it (see [`run`] for what each command does).
#[derive(Parser, Debug)]
#[command(
    name = "crdoc",
    version,
    about = "Raw text dumps of the China–Russia dialogue reports → validated, span-annotated JSON",
    long_about = None
)]
pub struct Cli {
    /// More detail on errors and diagnostics.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert text dumps (files, or directories searched recursively for *.txt; `-` reads
    /// standard input and writes standard output) to one JSON document each.
    Convert {
        /// Text files, directories (searched for *.txt), or `-` alone for standard input.
        #[arg(required_unless_present = "paths_from")]
        inputs: Vec<PathBuf>,
        /// Also read input paths from this file, one per line (`-`: standard input).
        #[arg(long, value_name = "FILE")]
        paths_from: Option<PathBuf>,
        /// Write every document as one JSON line to standard output (in input order) instead of
        /// files; each failure is one JSON line on standard error.
        #[arg(long, conflicts_with = "output")]
        ndjson: bool,
        /// Output directory (default: `output`); subdirectories of input directories are mirrored
        /// under it. Not allowed with `-`, which writes standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        /// Worker threads; 0 (the default) means one per core.
        #[arg(short = 'j', long, default_value_t = 0)]
        jobs: usize,
        /// Refuse inputs larger than this: bytes, or with a binary unit K, M, G (`512K`, `10M`, `1G`).
        #[arg(long, default_value = "256M", value_parser = parse_size)]
        max_bytes: u64,
        /// Skip validating each document against the schema before writing it.
        #[arg(long)]
        no_validate: bool,
        /// Exit 1 when any document has a diagnostic of this severity or a more severe one.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Validate JSON files against the document schema.
    Validate {
        /// JSON files written by `convert`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the output (JSON Schema 2020-12).
    Schema,
    /// Export the flat record kinds (documents, entries, table cells…) of converted `.json`
    /// files, raw `.txt` dumps (converted on the fly) or directories of either.
    #[cfg(feature = "export")]
    Export {
        /// Converted `.json` files, `.txt` dumps, or directories of either.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum)]
        format: crate::export::Format,
        /// Output: the database file (sqlite), a directory (parquet, csv), a file or `-` (ndjson).
        #[arg(short, long)]
        output: PathBuf,
        /// Refuse inputs larger than this: bytes, or with a binary unit K, M, G.
        #[arg(long, default_value = "256M", value_parser = parse_size)]
        max_bytes: u64,
    },
    /// Compare two converted documents (or two directories, files paired by relative path)
    /// element by element. Exit 0 when equal, 1 when different, 2 on trouble.
    Diff {
        /// The old document (`.json`, or `.txt` converted first) or directory.
        a: PathBuf,
        /// The new document or directory.
        b: PathBuf,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
        /// Also compare spans, the source block and the generator.
        #[arg(long)]
        spans: bool,
        /// Refuse inputs larger than this: bytes, or with a binary unit K, M, G.
        #[arg(long, default_value = "256M", value_parser = parse_size)]
        max_bytes: u64,
    },
    /// Score converted documents against gold annotations: precision, recall and F1 per field.
    Eval {
        /// A gold file, or a directory of `<stem>.gold.json` files.
        #[arg(long)]
        gold: PathBuf,
        /// A converted document, or a directory of `<stem>.json` files (paired by name).
        output: PathBuf,
        /// Print machine-readable JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Exit 1 when any field's strict F1 is below this value.
        #[arg(long)]
        min_f1: Option<f64>,
        /// How many of the worst mismatches to list.
        #[arg(long, default_value_t = 15)]
        worst: usize,
    },
    /// Write a self-contained HTML review page per document (text dumps, converted JSON, or
    /// directories of either) and an index.html.
    #[cfg(feature = "report")]
    Report {
        /// Text dumps, converted `.json` files, or directories of either.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory for the pages and index.html.
        #[arg(short, long, default_value = "output/report")]
        output: PathBuf,
    },
}

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

/// Parse a size: a number of bytes, optionally followed by a binary unit `K`, `M`, `G` or `T`
/// (any case, optionally `B` or `iB` after it): `1000`, `512K`, `10M`, `1GiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("{s:?} is not a size (examples: 1000, 512K, 10M, 1G)"))?;
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("unknown unit {unit:?} in {s:?} (use K, M or G: 512K, 10M, 1G)")),
    };
    n.checked_mul(1u64 << shift).ok_or_else(|| format!("{s:?} is too large"))
}

/// A usage error found after clap parsed the arguments: one line naming the argument; exit 2.
#[derive(Debug, PartialEq, Eq)]
pub struct Usage(
    /// The line, starting with the argument.
    pub String,
);

/// Exit status of a usage error.
pub const USAGE_EXIT: u8 = 2;

/// The one line shown for a clap error: its first line without clap's `error: ` prefix; when
/// that line ends with `:`, the indented lines after it (the arguments it is about) follow it.
pub fn usage_line(rendered: &str) -> String {
    let mut lines = rendered.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let mut line = first.strip_prefix("error: ").unwrap_or(first).to_string();
    if line.ends_with(':') {
        let args: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).map(str::trim).collect();
        line = format!("{} {}", line, args.join(", "));
    }
    line
}

/// Check the convert arguments clap cannot check: `-` alone, `-o` not with `-` and not an
/// existing file. Returns the output directory to use (`None` for standard output).
pub fn check_convert_args(inputs: &[PathBuf], output: Option<&Path>) -> Result<Option<PathBuf>, Usage> {
    let stdin = inputs.iter().any(|p| p == Path::new("-"));
    if stdin && inputs.len() > 1 {
        return Err(Usage(format!(
            "-: standard input cannot be mixed with paths ({} inputs given); convert them in separate runs",
            inputs.len()
        )));
    }
    match (stdin, output) {
        (true, Some(o)) => {
            Err(Usage(format!("-o {}: not allowed with -, which writes the JSON to standard output", o.display())))
        }
        (true, None) => Ok(None),
        (false, Some(o)) if o.exists() && !o.is_dir() => {
            Err(Usage(format!("-o {}: is an existing file; -o names the output directory", o.display())))
        }
        (false, o) => Ok(Some(o.map_or_else(|| PathBuf::from("output"), Path::to_path_buf))),
    }
}

/// `--gold` must name a readable file or directory.
pub fn check_gold_arg(gold: &Path) -> Result<(), Usage> {
    let readable = if gold.is_dir() { std::fs::read_dir(gold).map(drop) } else { std::fs::File::open(gold).map(drop) };
    readable.map_err(|e| Usage(format!("--gold {}: cannot read: {e}", gold.display())))
}

/// Write to standard output. A closed pipe is reported as [`std::io::ErrorKind::BrokenPipe`]
/// for the caller to end quietly (see [`quiet_exit`]).
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush())
}

/// The exit for a failed write to standard output: a closed pipe (`| head`) ends quietly with
/// status 0, as ripgrep does; any other error is reported.
pub fn quiet_exit(e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("crdoc: cannot write standard output: {e}");
        ExitCode::from(1)
    }
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert { mut inputs, paths_from, ndjson, output, pretty, jobs, max_bytes, no_validate, fail_on } => {
            if let Some(list) = paths_from {
                match crate::stream::read_paths(&list) {
                    Ok(paths) => inputs.extend(paths),
                    Err(e) => {
                        eprintln!("crdoc: --paths-from {}: {e}", list.display());
                        return ExitCode::from(USAGE_EXIT);
                    }
                }
            }
            if ndjson {
                let opts = ConvertOptions {
                    output: PathBuf::new(),
                    pretty: false,
                    max_bytes,
                    validate: !no_validate,
                    verbose: cli.verbose,
                    fail_on,
                };
                return match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
                    Ok(pool) => pool.install(|| crate::stream::convert_ndjson(&inputs, &opts)),
                    Err(e) => {
                        eprintln!("crdoc: cannot start worker threads: {e}");
                        ExitCode::from(1)
                    }
                };
            }
            let output = match check_convert_args(&inputs, output.as_deref()) {
                Ok(o) => o,
                Err(Usage(line)) => {
                    eprintln!("crdoc: {line}");
                    return ExitCode::from(USAGE_EXIT);
                }
            };
            let opts = ConvertOptions {
                output: output.clone().unwrap_or_default(),
                pretty,
                max_bytes,
                validate: !no_validate,
                verbose: cli.verbose,
                fail_on,
            };
            if output.is_none() {
                return convert_stdin(&opts);
            }
            // rayon reads 0 as "one thread per core".
            let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build();
            match pool {
                Ok(pool) => pool.install(|| convert_command(&inputs, &opts)),
                Err(e) => {
                    eprintln!("crdoc: cannot start worker threads: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Validate { files } => validate_command(&files, cli.verbose),
        Command::Schema => match write_stdout(crate::schema::schema_text().as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => quiet_exit(&e),
        },
        Command::Eval { gold, output, json, min_f1, worst } => match check_gold_arg(&gold) {
            Ok(()) => crate::eval::eval_command(&gold, &output, json, min_f1, worst),
            Err(Usage(line)) => {
                eprintln!("crdoc: {line}");
                ExitCode::from(USAGE_EXIT)
            }
        },
        #[cfg(feature = "report")]
        Command::Report { inputs, output } => crate::report::report_command(&inputs, &output, cli.verbose),
        #[cfg(feature = "export")]
        Command::Export { inputs, format, output, max_bytes } => {
            crate::export::export_command(&inputs, format, &output, max_bytes, cli.verbose)
        }
        Command::Diff { a, b, json, spans, max_bytes } => crate::diff::diff_command(&a, &b, json, spans, max_bytes),
    }
}

/// Options of `convert`, resolved from the command line.
pub struct ConvertOptions {
    /// Output directory (unused for standard input).
    pub output: PathBuf,
    /// Indent the JSON.
    pub pretty: bool,
    /// Inputs larger than this are refused.
    pub max_bytes: u64,
    /// Validate each document against the schema before writing it.
    pub validate: bool,
    /// Print every diagnostic and every schema violation.
    pub verbose: bool,
    /// Fail the run on diagnostics of this severity or above.
    pub fail_on: Option<FailOn>,
}

/// What a converted document reports besides its JSON: its diagnostics as
/// `path:line: severity code: message` lines (for `-v`) and as (severity, code) pairs for the
/// summary and `--fail-on`.
#[derive(Debug, Default, Clone)]
pub struct Converted {
    /// One `path:line: severity code: message` line per diagnostic.
    pub lines: Vec<String>,
    /// Severity and code (its string form) of each diagnostic.
    pub diagnostics: Vec<(Severity, String)>,
}

/// The string form of a serde-serialized unit value (a diagnostic code or a severity), whether
/// it is a `String` or an enum renamed by serde.
fn string_form<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::from("?"),
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
}

/// How many codes the summary line names before grouping the rest.
const SUMMARY_CODES: usize = 5;

impl Summary {
    fn add(&mut self, c: &Converted, fail_on: Option<FailOn>) {
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
        let mut s = format!(
            "converted {} of {} file(s), {failed} failed, {} diagnostic(s)",
            self.converted,
            self.converted + failed,
            self.diagnostics
        );
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

    /// The exit status: 1 when a file failed or `--fail-on` tripped (said on one line).
    fn exit(&self, fail_on: Option<FailOn>) -> ExitCode {
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

/// One planned conversion: where the text comes from and where its JSON goes.
#[derive(Debug, Clone)]
pub struct Job {
    /// The text file to read.
    pub input: PathBuf,
    /// The JSON file to write.
    pub output: PathBuf,
}

/// Expand the command-line inputs into jobs: files as given, directories searched recursively
/// for `*.txt` (sorted, so runs are reproducible), each mirrored under `out`.
pub fn plan(inputs: &[PathBuf], out: &Path) -> (Vec<Job>, Vec<FileError>) {
    let (found, errors) = crate::inputs::expand_with(inputs, false, is_txt);
    let jobs = found.into_iter().map(|i| Job { output: out.join(json_name(&i.relative)), input: i.path }).collect();
    (jobs, errors)
}

fn is_txt(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn json_name(rel: &Path) -> PathBuf {
    let mut p = rel.to_path_buf();
    if p.extension().is_some_and(|e| e == "txt") {
        p.set_extension("json");
    } else {
        let mut s = p.into_os_string();
        s.push(".json");
        p = PathBuf::from(s);
    }
    p
}

/// Standard input to standard output; the summary goes to standard error.
fn convert_stdin(opts: &ConvertOptions) -> ExitCode {
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
            summary.add(&converted, opts.fail_on);
        }
        Err(e) => {
            eprintln!("crdoc: {}", e.line(opts.verbose));
            summary.failed.push(PathBuf::from("-"));
        }
    }
    eprintln!("{}", summary.line());
    summary.exit(opts.fail_on)
}

fn convert_command(inputs: &[PathBuf], opts: &ConvertOptions) -> ExitCode {
    let (mut jobs, mut errors) = plan(inputs, &opts.output);
    refuse_collisions(&mut jobs, &mut errors);
    for e in &errors {
        eprintln!("crdoc: {}", e.line(opts.verbose));
    }
    let bar = (std::io::stderr().is_terminal() && jobs.len() > 1).then(|| {
        let b = indicatif::ProgressBar::new(jobs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, ETA {eta} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    // Failures (and with -v, diagnostics) are printed as they happen, above the bar.
    let say = |text: String| match &bar {
        Some(b) => b.suspend(|| eprintln!("{text}")),
        None => eprintln!("{text}"),
    };
    let results: Vec<Result<Converted, FileError>> = jobs
        .par_iter()
        .map(|job| {
            let r = convert_file(job, opts);
            match &r {
                Err(e) => say(format!("crdoc: {}", e.line(opts.verbose))),
                Ok(c) if opts.verbose && !c.lines.is_empty() => say(c.lines.join("\n")),
                Ok(_) => {}
            }
            if let Some(b) = &bar {
                b.set_message(job.input.display().to_string());
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut summary = Summary { failed: errors.iter().map(|e| e.path.clone()).collect(), ..Summary::default() };
    for r in &results {
        match r {
            Ok(c) => summary.add(c, opts.fail_on),
            Err(e) => summary.failed.push(e.path.clone()),
        }
    }
    eprintln!("{}", summary.line());
    summary.exit(opts.fail_on)
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

fn check_size(path: &str, len: u64, max: u64) -> Result<(), FileError> {
    if len > max {
        return Err(FileError::msg(
            Path::new(path),
            format!("the file is larger than --max-bytes ({len} > {max} bytes)"),
        ));
    }
    Ok(())
}

/// Size of the buffer JSON is serialized into on its way to a file or standard output.
const OUTPUT_BUFFER: usize = 256 * 1024;

/// Convert bytes to a document, validated unless disabled ([`crate::schema::validate_document`]:
/// no JSON tree is built for a valid document), with what its diagnostics say ([`Converted`];
/// the `lines` are formatted only with `-v`, the only place they are printed).
fn prepare(bytes: &[u8], path: &str, opts: &ConvertOptions) -> Result<(Document, Converted), FileError> {
    let doc =
        crate::pipeline::convert_bytes(bytes, path).map_err(|e| FileError::msg(Path::new(path), e.to_string()))?;
    let mut n = Converted::default();
    for d in &doc.diagnostics {
        let code = string_form(&d.code);
        if opts.verbose {
            let line = d.span.map_or(String::new(), |s| format!("{}:", s.line_start));
            n.lines.push(format!("{path}:{line} {} {code}: {}", string_form(&d.severity), d.message));
        }
        n.diagnostics.push((d.severity, code));
    }
    if opts.validate {
        if let Err(errs) = crate::schema::validate_document(&doc) {
            return Err(schema_error(Path::new(path), "the output does not validate against the schema", &errs));
        }
    }
    Ok((doc, n))
}

/// Convert bytes to JSON text (validated unless disabled). Returns the JSON and what the
/// document's diagnostics say ([`Converted`]; the `lines` only with `-v`).
pub fn convert_one(bytes: &[u8], path: &str, opts: &ConvertOptions) -> Result<(String, Converted), FileError> {
    let (doc, n) = prepare(bytes, path, opts)?;
    let json =
        to_json(&doc, opts.pretty).map_err(|e| FileError::msg(Path::new(path), format!("cannot serialize: {e}")))?;
    Ok((json, n))
}

/// Serialize a document; the text ends with a newline.
pub fn to_json(doc: &Document, pretty: bool) -> serde_json::Result<String> {
    let mut s = if pretty { serde_json::to_string_pretty(doc)? } else { serde_json::to_string(doc)? };
    s.push('\n');
    Ok(s)
}

/// Serialize a document into `w`, followed by a newline: the bytes of [`to_json`], without
/// holding them all in memory.
pub fn write_json<W: Write>(mut w: W, doc: &Document, pretty: bool) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut w, doc)?;
    } else {
        // serde_json's bytes, with a faster scan of the text for characters to escape.
        crate::json::to_writer(&mut w, doc)?;
    }
    w.write_all(b"\n")
}

/// A file that fails the schema: the first violation on the error line, every violation (with
/// its schema location) in the `-v` detail.
fn schema_error(path: &Path, what: &str, errs: &[crate::schema::Violation]) -> FileError {
    let first = errs.first().map(|v| v.line(false)).unwrap_or_default();
    let detail: Vec<String> = errs.iter().map(|v| format!("{}: {}", path.display(), v.line(true))).collect();
    FileError::detailed(path, format!("{what} ({} violation(s)), first: {first}", errs.len()), detail.join("\n"))
}

/// Convert one file the way `convert` does: read it, convert, validate (unless disabled), and
/// serialize straight into the buffer of its temporary output file, renamed into place.
pub fn convert_file(job: &Job, opts: &ConvertOptions) -> Result<Converted, FileError> {
    let meta = std::fs::metadata(&job.input).map_err(|e| FileError::io(&job.input, "cannot read", e))?;
    if !meta.is_file() {
        return Err(FileError::msg(&job.input, "not a regular file".to_string()));
    }
    check_size(&job.input.display().to_string(), meta.len(), opts.max_bytes)?;
    let bytes = std::fs::read(&job.input).map_err(|e| FileError::io(&job.input, "cannot read", e))?;
    check_size(&job.input.display().to_string(), bytes.len() as u64, opts.max_bytes)?;
    let (doc, converted) =
        prepare(&bytes, &job.input.display().to_string(), opts).map_err(|e| e.with_path(&job.input))?;
    // The document owns its text: the input is not needed while the output is written.
    drop(bytes);
    write_atomically_with(&job.output, |f| {
        let mut w = std::io::BufWriter::with_capacity(OUTPUT_BUFFER, f);
        write_json(&mut w, &doc, opts.pretty)?;
        w.flush()
    })
    .map_err(|e| FileError::io(&job.input, &format!("cannot write {}", job.output.display()), e))?;
    Ok(converted)
}

/// Write to a temporary file in the target directory, then rename it into place: a reader
/// never sees a partial file, and a failure or crash of the process leaves at most a `.tmp`
/// file, never a truncated JSON. The data is not forced to the disk (no `fsync`: on a shared
/// disk one took 8 to 25 ms a file, longer than converting a small report, and it waits for
/// other processes' writes too); after a power loss or a kernel crash the file system's own
/// guarantees apply.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |f| f.write_all(bytes))
}

/// [`write_atomically`] with the content written by `write` into the temporary file.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        write(&mut f)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// How many violations of one file `validate` lists without `-v`.
const VALIDATE_SHOWN: usize = 20;

/// `validate`: `FILE: valid` on standard output for each valid file; for an invalid one, one
/// line per violation on standard error, `FILE: /json/pointer: keyword: reason` (the first
/// [`VALIDATE_SHOWN`], all of them with `-v`, which also names the schema location).
fn validate_command(files: &[PathBuf], verbose: bool) -> ExitCode {
    let mut failed = 0;
    for f in files {
        let value = std::fs::read(f).map_err(|e| FileError::io(f, "cannot read", e)).and_then(|b| {
            serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| FileError::msg(f, format!("not JSON: {e}")))
        });
        let violations = match value {
            Ok(v) => match crate::schema::validate(&v) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_become_one_line() {
        let e = Cli::try_parse_from(["crdoc", "convert"]).expect_err("usage error");
        assert_eq!(
            usage_line(&e.render().to_string()),
            "the following required arguments were not provided: <INPUTS>..."
        );
        let e = Cli::try_parse_from(["crdoc", "convert", "x", "--max-bytes", "1Q"]).expect_err("usage error");
        let line = usage_line(&e.render().to_string());
        assert!(line.starts_with("invalid value '1Q' for '--max-bytes <MAX_BYTES>'"), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("256M"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("2gib"), Ok(2 << 30));
        assert_eq!(parse_size("3MB"), Ok(3 << 20));
        assert!(parse_size("10X").is_err_and(|e| e.contains("unknown unit")));
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999T").is_err_and(|e| e.contains("too large")));
    }

    #[test]
    fn a_document_failing_the_schema_in_convert_names_the_first_violation() {
        let mut v = serde_json::json!({"schema_version": "x"});
        v["chronology"] = serde_json::json!("none");
        let errs = crate::schema::validate(&v).expect_err("invalid");
        let e = schema_error(Path::new("in/a.txt"), "the output does not validate against the schema", &errs);
        let line = e.line(false);
        assert!(!line.contains('\n'), "{line}");
        assert!(
            line.starts_with(&format!(
                "in/a.txt: the output does not validate against the schema ({} violation(s)), first: ",
                errs.len()
            )),
            "{line}"
        );
        let verbose = e.line(true);
        assert_eq!(verbose.lines().count(), 1 + errs.len(), "{verbose}");
        assert!(verbose.lines().skip(1).all(|l| l.starts_with("in/a.txt: ") && l.contains("(schema: ")), "{verbose}");
    }

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
}
