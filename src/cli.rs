//! The command line: `convert` (also `--ndjson` for map tasks), `validate`, `schema`, `eval`, `export`, `diff`.
//!
//! Exit status: 0 when everything succeeded, 1 when some file failed (the others are still
//! processed), 2 for usage errors (clap's own). Each failing file prints one line on stderr
//! naming it and the reason; `-v` adds detail.

use crate::error::FileError;
use crate::model::Document;
use clap::{Parser, Subcommand};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Default for `--max-bytes`: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Parser, Debug)]
#[command(
    name = "crdoc",
    version,
    about = "Raw text dumps of the China–Russia dialogue reports → validated, span-annotated JSON"
)]
pub struct Cli {
    /// More detail on errors and diagnostics.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert text dumps (files, or directories searched recursively for *.txt; `-` reads
    /// standard input and writes standard output) to one JSON document each.
    Convert {
        #[arg(required_unless_present = "paths_from")]
        inputs: Vec<PathBuf>,
        /// Also read input paths from this file, one per line (`-`: standard input).
        #[arg(long, value_name = "FILE")]
        paths_from: Option<PathBuf>,
        /// Write every document as one JSON line to standard output (in input order) instead of
        /// files; each failure is one JSON line on standard error.
        #[arg(long)]
        ndjson: bool,
        /// Output directory; subdirectories of input directories are mirrored under it.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        /// Worker threads (default: one per core).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Skip validating each document against the schema before writing it.
        #[arg(long)]
        no_validate: bool,
    },
    /// Validate JSON files against the document schema.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the output (JSON Schema 2020-12).
    Schema,
    /// Export the flat record kinds (documents, entries, table cells…) of converted `.json`
    /// files, raw `.txt` dumps (converted on the fly) or directories of either.
    #[cfg(feature = "export")]
    Export {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum)]
        format: crate::export::Format,
        /// Output: the database file (sqlite), a directory (parquet, csv), a file or `-` (ndjson).
        #[arg(short, long)]
        output: PathBuf,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Compare two converted documents (or two directories, files paired by relative path)
    /// element by element. Exit 0 when equal, 1 when different, 2 on trouble.
    Diff {
        a: PathBuf,
        b: PathBuf,
        /// Print the changes as JSON.
        #[arg(long)]
        json: bool,
        /// Also compare spans, the source block and the generator.
        #[arg(long)]
        spans: bool,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
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
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert { mut inputs, paths_from, ndjson, output, pretty, jobs, max_bytes, no_validate } => {
            let opts = ConvertOptions { output, pretty, max_bytes, validate: !no_validate, verbose: cli.verbose };
            if let Some(list) = paths_from {
                match crate::stream::read_paths(&list) {
                    Ok(paths) => inputs.extend(paths),
                    Err(e) => {
                        eprintln!("crdoc: {}: {e}", list.display());
                        return ExitCode::from(2);
                    }
                }
            }
            let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build();
            match pool {
                Ok(pool) if ndjson => pool.install(|| crate::stream::convert_ndjson(&inputs, &opts)),
                Ok(pool) => pool.install(|| convert_command(&inputs, &opts)),
                Err(e) => {
                    eprintln!("crdoc: cannot start worker threads: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Validate { files } => validate_command(&files, cli.verbose),
        Command::Schema => {
            print!("{}", crate::schema::schema_text());
            ExitCode::SUCCESS
        }
        Command::Eval { gold, output, json, min_f1, worst } => {
            crate::eval::eval_command(&gold, &output, json, min_f1, worst)
        }
        #[cfg(feature = "export")]
        Command::Export { inputs, format, output, max_bytes } => {
            crate::export::export_command(&inputs, format, &output, max_bytes, cli.verbose)
        }
        Command::Diff { a, b, json, spans, max_bytes } => crate::diff::diff_command(&a, &b, json, spans, max_bytes),
    }
}

pub struct ConvertOptions {
    pub output: PathBuf,
    pub pretty: bool,
    pub max_bytes: u64,
    pub validate: bool,
    pub verbose: bool,
}

/// One planned conversion: where the text comes from and where its JSON goes.
#[derive(Debug, Clone)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// Expand the command-line inputs into jobs: files as given, directories searched recursively
/// for `*.txt` (sorted, so runs are reproducible), each mirrored under `out`.
pub fn plan(inputs: &[PathBuf], out: &Path) -> (Vec<Job>, Vec<FileError>) {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(input, &mut files) {
                errors.push(FileError::io(input, "cannot read the directory", e));
                continue;
            }
            files.sort();
            for f in files {
                let rel = f.strip_prefix(input).unwrap_or(&f).to_path_buf();
                jobs.push(Job { output: out.join(json_name(&rel)), input: f });
            }
        } else {
            let name = input.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("stdin"));
            jobs.push(Job { output: out.join(json_name(&name)), input: input.clone() });
        }
    }
    (jobs, errors)
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(path);
        }
    }
    Ok(())
}

fn convert_command(inputs: &[PathBuf], opts: &ConvertOptions) -> ExitCode {
    // Standard input to standard output.
    if inputs.len() == 1 && inputs[0] == Path::new("-") {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().lock().take(opts.max_bytes + 1).read_to_end(&mut bytes) {
            eprintln!("crdoc: -: cannot read standard input: {e}");
            return ExitCode::from(1);
        }
        let result = check_size("-", bytes.len() as u64, opts.max_bytes)
            .and_then(|_| convert_one(&bytes, "-", opts))
            .and_then(|(json, diagnostics)| {
                if opts.verbose {
                    diagnostics.iter().for_each(|l| eprintln!("{l}"));
                }
                let mut out = std::io::stdout().lock();
                out.write_all(json.as_bytes())
                    .and_then(|_| out.flush())
                    .map_err(|e| FileError::io(Path::new("-"), "cannot write standard output", e))
            });
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("crdoc: {}", e.line(opts.verbose));
                ExitCode::from(1)
            }
        };
    }
    let (mut jobs, mut errors) = plan(inputs, &opts.output);
    refuse_collisions(&mut jobs, &mut errors);
    let bar = (std::io::stderr().is_terminal() && jobs.len() > 1).then(|| {
        let b = indicatif::ProgressBar::new(jobs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let diagnostics = AtomicUsize::new(0);
    let results: Vec<Result<Vec<String>, FileError>> = jobs
        .par_iter()
        .map(|job| {
            let r = run_job(job, opts).inspect(|d| {
                diagnostics.fetch_add(d.len(), Ordering::Relaxed);
            });
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
    let converted = results.iter().filter(|r| r.is_ok()).count();
    for r in results {
        match r {
            // With -v, every diagnostic of every converted file, in input order.
            Ok(lines) if opts.verbose => lines.iter().for_each(|l| eprintln!("{l}")),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("crdoc: {}", e.line(opts.verbose));
    }
    let failed = errors.len();
    let mut summary = format!(
        "converted {converted} of {} file(s), {failed} failed, {} diagnostic(s)",
        converted + failed,
        diagnostics.load(Ordering::Relaxed)
    );
    if failed > 0 {
        let names: Vec<String> = errors.iter().map(|e| e.path.display().to_string()).collect();
        summary.push_str(&format!(" (failed: {})", names.join(", ")));
    }
    eprintln!("{summary}");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Two inputs that would write the same output, or an output that would replace an input, are
/// refused (the later input of a colliding pair fails; the first one converts).
fn refuse_collisions(jobs: &mut Vec<Job>, errors: &mut Vec<FileError>) {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let inputs: Vec<PathBuf> = jobs.iter().map(|j| canon(&j.input)).collect();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut keep = Vec::with_capacity(jobs.len());
    for job in jobs.drain(..) {
        let out_abs = absolute(&job.output);
        if inputs.iter().any(|i| *i == out_abs || *i == canon(&job.output)) {
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

/// Convert bytes to JSON text (validated unless disabled). Returns the JSON and the document's
/// diagnostics as `path:line: severity code: message` lines.
pub fn convert_one(bytes: &[u8], path: &str, opts: &ConvertOptions) -> Result<(String, Vec<String>), FileError> {
    let doc =
        crate::pipeline::convert_bytes(bytes, path).map_err(|e| FileError::msg(Path::new(path), e.to_string()))?;
    let n: Vec<String> = doc
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.span.map_or(String::new(), |s| format!("{}:", s.line_start));
            let severity =
                serde_json::to_value(d.severity).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            format!("{path}:{line} {severity} {}: {}", d.code, d.message)
        })
        .collect();
    let json =
        to_json(&doc, opts.pretty).map_err(|e| FileError::msg(Path::new(path), format!("cannot serialize: {e}")))?;
    if opts.validate {
        let value = serde_json::to_value(&doc)
            .map_err(|e| FileError::msg(Path::new(path), format!("cannot convert to a JSON value: {e}")))?;
        if let Err(errs) = crate::schema::validate(&value) {
            return Err(FileError::detailed(
                Path::new(path),
                format!("the output does not validate against the schema ({} error(s))", errs.len()),
                errs.join("\n"),
            ));
        }
    }
    Ok((json, n))
}

/// Serialize a document; the text ends with a newline.
pub fn to_json(doc: &Document, pretty: bool) -> serde_json::Result<String> {
    let mut s = if pretty { serde_json::to_string_pretty(doc)? } else { serde_json::to_string(doc)? };
    s.push('\n');
    Ok(s)
}

fn run_job(job: &Job, opts: &ConvertOptions) -> Result<Vec<String>, FileError> {
    let meta = std::fs::metadata(&job.input).map_err(|e| FileError::io(&job.input, "cannot read", e))?;
    if !meta.is_file() {
        return Err(FileError::msg(&job.input, "not a regular file".to_string()));
    }
    check_size(&job.input.display().to_string(), meta.len(), opts.max_bytes)?;
    let bytes = std::fs::read(&job.input).map_err(|e| FileError::io(&job.input, "cannot read", e))?;
    check_size(&job.input.display().to_string(), bytes.len() as u64, opts.max_bytes)?;
    let (json, diagnostics) =
        convert_one(&bytes, &job.input.display().to_string(), opts).map_err(|e| e.with_path(&job.input))?;
    write_atomically(&job.output, json.as_bytes())
        .map_err(|e| FileError::io(&job.input, &format!("cannot write {}", job.output.display()), e))?;
    Ok(diagnostics)
}

/// Write to a temporary file in the target directory, then rename it into place: a reader
/// never sees a partial file, and a crash leaves at most a `.tmp` file, never a truncated JSON.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn validate_command(files: &[PathBuf], verbose: bool) -> ExitCode {
    let mut failed = 0;
    for f in files {
        let result = std::fs::read(f)
            .map_err(|e| FileError::io(f, "cannot read", e))
            .and_then(|b| {
                serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| FileError::msg(f, format!("not JSON: {e}")))
            })
            .and_then(|v| {
                crate::schema::validate(&v).map_err(|errs| {
                    FileError::detailed(
                        f,
                        format!("does not validate against the schema ({} error(s)), first: {}", errs.len(), errs[0]),
                        errs.join("\n"),
                    )
                })
            });
        match result {
            Ok(()) => println!("{}: valid", f.display()),
            Err(e) => {
                failed += 1;
                eprintln!("crdoc: {}", e.line(verbose));
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
