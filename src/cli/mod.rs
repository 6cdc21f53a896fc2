//! The command line: `convert` (also `--ndjson` for map tasks), `validate`, `schema`, `eval`,
//! `export`, `diff`, `text` (the text a PDF is read as).
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
use clap::{CommandFactory, Parser, Subcommand};
use convert::{convert_command, convert_stdin, Batch, FailOn};
use crdoc::output::batch::{ConvertOptions, Select};
use std::path::PathBuf;
use std::process::ExitCode;

/// The command line as clap parses it (see [`run`] for what each command does).
#[derive(Parser, Debug)]
#[command(
    name = "crdoc",
    version,
    about = "Raw text dumps of the China–Russia dialogue reports → validated, span-annotated JSON",
    long_about = None,
    arg_required_else_help = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// More detail on errors and diagnostics.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// No summary line, progress bar or notes; errors are still printed.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  crdoc convert input/ -o output/        every *.txt under input/ to output/<path>.json
  crdoc validate output/                 check the JSON files against the schema
  crdoc export --format sqlite -o db.sqlite output/
  crdoc report input/ -o output/report   HTML review pages
  crdoc <command> --help                 options and examples of one command";

const CONVERT_EXAMPLES: &str = "Examples:
  crdoc convert input/ -o output/           every *.txt under input/ (mirrored); up-to-date outputs skipped
  crdoc convert input/ -o output/ --force   convert everything again
  crdoc convert archive/ --glob '**/2020*' --exclude '*draft*' -o output/
  crdoc convert - < report.txt > report.json
  find archive -name '*.txt' | crdoc convert --ndjson --paths-from - > docs.ndjson";

const VALIDATE_EXAMPLES: &str = "Examples:
  crdoc validate output/report.json
  crdoc validate output/                 every *.json under output/";

const SCHEMA_EXAMPLES: &str = "Examples:
  crdoc schema > document.schema.json";

const EXPORT_EXAMPLES: &str = "Examples:
  crdoc export --format sqlite -o crdoc.sqlite output/     incremental; safe to run two at once
  crdoc export --format parquet -o tables/ output/
  crdoc export --format ndjson -o - input/report.txt | head";

const DIFF_EXAMPLES: &str = "Examples:
  crdoc diff old/report.json new/report.json
  crdoc diff output/ input/              JSON against text, paired by relative path and stem
  crdoc diff --json a.json b.json | jq .";

const EVAL_EXAMPLES: &str = "Examples:
  crdoc eval --gold tests/gold/ output/
  crdoc eval --gold report.gold.json input/report.txt --min-f1 0.9";

const REPORT_EXAMPLES: &str = "Examples:
  crdoc report input/ -o output/report
  crdoc report input/ output/ -o review/   dumps and their JSON: each document once";

const COMPLETIONS_EXAMPLES: &str = "Examples:
  crdoc completions bash > ~/.local/share/bash-completion/completions/crdoc
  crdoc completions zsh > ~/.zfunc/_crdoc
  crdoc completions fish > ~/.config/fish/completions/crdoc.fish";

const MAN_EXAMPLES: &str = "Examples:
  crdoc man > crdoc.1 && man ./crdoc.1";

/// The largest `-j` accepted (more is refused as a usage error; up to it, the workers are
/// capped at four per core and one per input).
pub const MAX_JOBS: u64 = 1024;

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert text dumps (files, or directories searched recursively for *.txt; `-` reads
    /// standard input and writes standard output) to one JSON document each.
    #[command(after_help = CONVERT_EXAMPLES)]
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
        /// Worker threads; 0 (the default) means one per core; capped at one per input and four
        /// per core; at most 1024.
        #[arg(short = 'j', long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(..=MAX_JOBS))]
        jobs: u64,
        /// Convert every input, even those whose output is up to date (same source hash, path,
        /// converter and contract version, written after this crdoc was built).
        #[arg(long)]
        force: bool,
        /// Only convert files found in directories whose relative path (or name) matches this
        /// glob (repeatable; `*` stays within a folder, `**` crosses folders).
        #[arg(long, value_name = "GLOB")]
        glob: Vec<String>,
        /// Leave out files found in directories whose relative path (or name) matches this glob
        /// (repeatable).
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
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
    /// Validate JSON files (or directories, searched recursively for *.json) against the
    /// document schema.
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate {
        /// JSON files written by `convert`, or directories of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the output (JSON Schema 2020-12).
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema,
    /// Export the flat record kinds (documents, entries, table cells…) of converted `.json`
    /// files, raw `.txt` dumps (converted on the fly) or directories of either.
    #[cfg(feature = "export")]
    #[command(after_help = EXPORT_EXAMPLES)]
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
    #[command(after_help = DIFF_EXAMPLES)]
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
    #[command(after_help = EVAL_EXAMPLES)]
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
    /// Print the text a conversion reads, which its spans point into: for a PDF the text the
    /// layout stage derives from it (form feeds between pages), for a dump its decoded text.
    Text {
        /// A PDF or a text dump.
        input: PathBuf,
    },
    /// Write a self-contained HTML review page per document (text dumps, converted JSON, or
    /// directories of either) and an index.html.
    #[cfg(feature = "report")]
    #[command(after_help = REPORT_EXAMPLES)]
    Report {
        /// Text dumps, converted `.json` files, or directories of either.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory for the pages and index.html.
        #[arg(short, long, default_value = "output/report")]
        output: PathBuf,
    },
    /// Print a shell completion script (generated from these definitions).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, generated from these definitions).
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

/// Install the SIGINT/SIGTERM handler of the batch commands: the first signal sets the
/// interrupted flag (no new file starts; the run ends through its normal returns, so temporary
/// files are removed, and exits 130).
fn on_interrupt() {
    let _ = ctrlc::set_handler(crdoc::output::interrupt::interrupt);
}

/// A usage error: the line on stderr, exit 2.
fn usage(line: &str) -> ExitCode {
    eprintln!("crdoc: {line}");
    ExitCode::from(USAGE_EXIT)
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert {
            mut inputs,
            paths_from,
            ndjson,
            output,
            pretty,
            jobs,
            force,
            glob,
            exclude,
            max_bytes,
            no_validate,
            fail_on,
        } => {
            let jobs = jobs as usize;
            let select = match Select::new(&glob, &exclude) {
                Ok(s) => s,
                Err(line) => return usage(&line),
            };
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
                    force: true,
                    quiet: cli.quiet,
                };
                on_interrupt();
                return stream::convert_ndjson(&inputs, &opts, jobs);
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
                force,
                quiet: cli.quiet,
            };
            if output.is_none() {
                return convert_stdin(&opts, fail_on);
            }
            on_interrupt();
            convert_command(&Batch { inputs: &inputs, jobs, select: &select, fail_on }, &opts)
        }
        Command::Validate { files } => validate::validate_command(&files, cli.verbose),
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crdoc", &mut text);
            match write_stdout(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => quiet_exit(&e),
            }
        }
        Command::Man => {
            let mut text = Vec::new();
            if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut text) {
                eprintln!("crdoc: cannot render the manual page: {e}");
                return ExitCode::from(1);
            }
            match write_stdout(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => quiet_exit(&e),
            }
        }
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
        Command::Report { inputs, output } => {
            if output.exists() && !output.is_dir() {
                return usage(&format!(
                    "-o {}: is an existing file; -o names the directory of the pages and index.html",
                    output.display()
                ));
            }
            on_interrupt();
            report::report_command(&inputs, &output, cli.verbose, cli.quiet)
        }
        #[cfg(feature = "export")]
        Command::Export { inputs, format, output, max_bytes, chunk_chars, excel } => {
            if let Err(line) = export::check_output(format, &output) {
                return usage(&line);
            }
            on_interrupt();
            let options = crdoc::output::export::Options { records: crdoc::records::Options { chunk_chars }, excel };
            export::export_command(&inputs, format, &output, max_bytes, &options, cli.verbose, cli.quiet)
        }
        Command::Diff { a, b, json, spans, max_bytes } => diff::diff_command(&a, &b, json, spans, max_bytes),
        Command::Text { input } => text_command(&input),
    }
}

/// `crdoc text FILE`: the derived text on standard output; a file that cannot be read is one
/// line on standard error and exit 1.
fn text_command(input: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("crdoc: {}: cannot read: {e}", input.display());
            return ExitCode::from(1);
        }
    };
    match crdoc::pipeline::derived_text(&bytes) {
        Ok(text) => match write_stdout(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => quiet_exit(&e),
        },
        Err(e) => {
            eprintln!("crdoc: {}: {e}", input.display());
            ExitCode::from(1)
        }
    }
}
