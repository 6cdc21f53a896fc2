//! The command line: `convert` (also `--ndjson` for map tasks), `validate`, `schema`, `eval`,
//! `export`, `diff`.
//!
//! Exit status: 0 when everything succeeded, 1 when some file failed (the others are still
//! processed) or `--fail-on` saw a diagnostic at its severity, 2 for usage errors (clap's own
//! and those of [`args::Usage`], one line naming the argument). Each failing file prints one line on
//! stderr naming it and the reason, as soon as it fails; `-v` adds detail. A closed standard
//! output (`crdoc schema | head`) ends the run quietly with status 0, as ripgrep does.

pub mod args;
mod convert;
mod diff;
mod eval;
#[cfg(feature = "export")]
mod export;
#[cfg(feature = "report")]
mod report;
mod stream;
mod validate;

use args::{check_convert_args, check_gold_arg, parse_size, quiet_exit, write_stdout, Usage, USAGE_EXIT};
use clap::{Parser, Subcommand};
use convert::{convert_command, convert_stdin, FailOn};
use crdoc::output::batch::ConvertOptions;
use std::path::PathBuf;
use std::process::ExitCode;

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
        format: crdoc::output::export::Format,
        /// Output: the database file (sqlite), a directory (parquet, csv), a file or `-` (ndjson).
        #[arg(short, long)]
        output: PathBuf,
        /// Refuse inputs larger than this: bytes, or with a binary unit K, M, G.
        #[arg(long, default_value = "256M", value_parser = parse_size)]
        max_bytes: u64,
        /// The size bound of a `chunks` record, in characters (a longer paragraph is not cut).
        #[arg(long, default_value_t = crdoc::records::DEFAULT_CHUNK_CHARS, value_parser = clap::value_parser!(usize))]
        chunk_chars: usize,
        /// CSV for Excel: start every file with a UTF-8 byte order mark (`--format csv` only).
        #[arg(long)]
        excel: bool,
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

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert { mut inputs, paths_from, ndjson, output, pretty, jobs, max_bytes, no_validate, fail_on } => {
            if let Some(list) = paths_from {
                match stream::read_paths(&list) {
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
                };
                return match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
                    Ok(pool) => pool.install(|| stream::convert_ndjson(&inputs, &opts)),
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
            };
            if output.is_none() {
                return convert_stdin(&opts, fail_on);
            }
            // rayon reads 0 as "one thread per core".
            let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build();
            match pool {
                Ok(pool) => pool.install(|| convert_command(&inputs, &opts, fail_on)),
                Err(e) => {
                    eprintln!("crdoc: cannot start worker threads: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Validate { files } => validate::validate_command(&files, cli.verbose),
        Command::Schema => match write_stdout(crdoc::schema::schema_text().as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => quiet_exit(&e),
        },
        Command::Eval { gold, output, json, min_f1, worst } => match check_gold_arg(&gold) {
            Ok(()) => eval::eval_command(&gold, &output, json, min_f1, worst),
            Err(Usage(line)) => {
                eprintln!("crdoc: {line}");
                ExitCode::from(USAGE_EXIT)
            }
        },
        #[cfg(feature = "report")]
        Command::Report { inputs, output } => report::report_command(&inputs, &output, cli.verbose),
        #[cfg(feature = "export")]
        Command::Export { inputs, format, output, max_bytes, chunk_chars, excel } => {
            let options = crdoc::output::export::Options { records: crdoc::records::Options { chunk_chars }, excel };
            export::export_command(&inputs, format, &output, max_bytes, &options, cli.verbose)
        }
        Command::Diff { a, b, json, spans, max_bytes } => diff::diff_command(&a, &b, json, spans, max_bytes),
    }
}
