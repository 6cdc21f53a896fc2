//! `crdoc export`: the flat records of [`crate::model::records`] written as SQLite (with full-text
//! search), Parquet, CSV, NDJSON or Markdown (one readable file per document). Every format is driven by [`RecordKind::columns`]; none
//! looks at the document itself.
//!
//! Documents are read, flattened and written one at a time, so memory is bounded by one
//! document, not by the batch. A document is flattened completely before anything of it is
//! written: one that fails (unreadable, not a document, a date that is not a date) leaves no
//! row behind. File outputs are written to temporary files and renamed into place when the
//! export finishes, so a reader never sees a half-written file.

mod csv;
mod markdown;
mod ndjson;
mod parquet;
pub mod segment;
mod sqlite;

use crate::error::FileError;
use crate::model::records::{self, records_with, RecordKind, Row};
use crate::model::Document;
use crate::pipeline::inputs;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One SQLite database: a table per kind, keys, indexes and an FTS5 `search` table.
    Sqlite,
    /// A directory with one `<kind>.parquet` per kind.
    Parquet,
    /// A directory with one `<kind>.csv` per kind (RFC 4180, UTF-8, header row).
    Csv,
    /// One record per line with a `kind` field; `-o -` writes standard output.
    Ndjson,
    /// A directory with one `<name>.md` per document (CommonMark + GFM tables), ids as comments.
    Markdown,
}

/// How an export writes its records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Options of the record kinds (the size of chunks).
    pub records: records::Options,
    /// CSV for spreadsheets: every file starts with a UTF-8 byte order mark, which Excel needs
    /// to read the file as UTF-8 (without it, it reads the Chinese text in the locale's code page).
    pub excel: bool,
}

/// Every record of one document, kind by kind in [`RecordKind::ALL`] order.
pub struct Flat {
    /// The document's id.
    pub document_id: String,
    /// The rows of each record kind.
    pub kinds: Vec<(RecordKind, Vec<Row>)>,
}

impl Flat {
    /// Flatten a document completely (nothing is written before this succeeds).
    pub fn of(doc: &Document) -> Result<Flat, records::RecordError> {
        Flat::of_with(doc, &records::Options::default())
    }

    /// Flatten a document completely with `options` (the size of chunks).
    pub fn of_with(doc: &Document, options: &records::Options) -> Result<Flat, records::RecordError> {
        let kinds =
            RecordKind::ALL.iter().map(|&k| records_with(doc, k, options).map(|r| (k, r))).collect::<Result<_, _>>()?;
        Ok(Flat { document_id: doc.source.sha256.clone(), kinds })
    }

    /// The records of one kind.
    pub fn rows(&self, kind: RecordKind) -> &[Row] {
        self.kinds.iter().find(|(k, _)| *k == kind).map_or(&[], |(_, r)| r.as_slice())
    }
}

/// A writer of one format.
pub trait Sink {
    /// Write every record of one document.
    fn write(&mut self, doc: &Flat) -> Result<(), String>;
    /// Finish the output (flush, rename into place).
    fn finish(self: Box<Self>) -> Result<(), String>;
}

/// Open the writer of `format` at `out`.
pub fn open(format: Format, out: &Path) -> Result<Box<dyn Sink>, String> {
    open_with(format, out, &Options::default())
}

/// Open the writer of `format` at `out` with `options`.
pub fn open_with(format: Format, out: &Path, options: &Options) -> Result<Box<dyn Sink>, String> {
    if options.excel && format != Format::Csv {
        return Err(format!("--excel is for --format csv only, not {format:?}").to_lowercase());
    }
    if out == Path::new("-") && format != Format::Ndjson {
        return Err(format!("-o - (standard output) is for --format ndjson only, not {format:?}").to_lowercase());
    }
    Ok(match format {
        Format::Sqlite => Box::new(sqlite::SqliteSink::open(out)?),
        Format::Parquet => Box::new(parquet::ParquetSink::open(out)?),
        Format::Csv => Box::new(csv::CsvSink::open(out, options.excel)?),
        Format::Ndjson => Box::new(ndjson::NdjsonSink::open(out)?),
        Format::Markdown => Box::new(markdown::MarkdownSink::open(out)?),
    })
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents exported.
    pub exported: usize,
    /// Documents skipped as duplicates of one already exported.
    pub skipped: usize,
    /// Inputs that failed, with their errors.
    pub failed: Vec<FileError>,
    /// Records written in total.
    pub rows: usize,
    /// The inputs skipped as duplicates, each with the input first exported with its hash.
    pub duplicates: Vec<(PathBuf, PathBuf)>,
    /// The run was interrupted ([`crate::output::interrupt`]) before every input was exported;
    /// the sink is not finished.
    pub interrupted: bool,
}

/// How a sink's error ends when standard output was closed (`-o - | head`): the caller ends
/// quietly.
pub const STDOUT_CLOSED: &str = "standard output closed";

/// Export every input to `sink`, one document at a time. Per-document failures are collected
/// (the others are still exported); a failure of the output itself stops the export.
pub fn export(inputs: &[inputs::Input], sink: &mut dyn Sink, max_bytes: u64) -> Result<Summary, String> {
    export_with(inputs, sink, max_bytes, &Options::default())
}

/// [`export`] with `options` (the size of chunks).
pub fn export_with(
    inputs: &[inputs::Input],
    sink: &mut dyn Sink,
    max_bytes: u64,
    options: &Options,
) -> Result<Summary, String> {
    let mut summary = Summary::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for input in inputs {
        if crate::output::interrupt::interrupted() {
            summary.interrupted = true;
            break;
        }
        let flat = inputs::load(&input.path, max_bytes).and_then(|doc| {
            Flat::of_with(&doc, &options.records).map_err(|e| FileError::msg(&input.path, e.to_string()))
        });
        let flat = match flat {
            Ok(f) => f,
            Err(e) => {
                summary.failed.push(e);
                continue;
            }
        };
        if let Some(first) = seen.get(&flat.document_id) {
            summary.duplicates.push((input.path.clone(), first.clone()));
            summary.skipped += 1;
            continue;
        }
        sink.write(&flat).map_err(|e| format!("{}: {e}", input.path.display()))?;
        summary.rows += flat.kinds.iter().map(|(_, r)| r.len()).sum::<usize>();
        summary.exported += 1;
        seen.insert(flat.document_id, input.path.clone());
    }
    Ok(summary)
}

/// A temporary file next to `path` (named as every temporary file of crdoc,
/// [`crate::output::atomic::temp_path`]), renamed onto it by [`Staged::commit`].
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    crate::output::atomic::temp_path(path)
}

/// Temporary files and their targets: renamed into place by [`Staged::commit`], removed when
/// dropped uncommitted (an export that failed leaves the previous outputs as they were).
#[derive(Debug, Default)]
pub(crate) struct Staged(Vec<(PathBuf, PathBuf)>);

impl Staged {
    /// Stage `target`: returns the temporary path to write instead.
    pub(crate) fn add(&mut self, target: &Path) -> PathBuf {
        let tmp = temp_path(target);
        self.0.push((tmp.clone(), target.to_path_buf()));
        tmp
    }

    /// Rename every temporary file onto its target.
    pub(crate) fn commit(mut self) -> Result<(), String> {
        for (tmp, target) in std::mem::take(&mut self.0) {
            std::fs::rename(&tmp, &target).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                format!("cannot rename into {}: {e}", target.display())
            })?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (tmp, _) in &self.0 {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Create the output directory of a per-kind format.
pub(crate) fn output_dir(out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create the directory: {e}"))
}
