//! Batch conversion, the library side of `crdoc convert`: expand inputs into jobs, convert one
//! file (read, convert, validate, serialize into its temporary output file, rename into place).
//! The command line ([`crate`]'s binary) adds the progress bar, the summary and the exit status.

use super::atomic::write_atomically_with;
use super::json::{to_json, write_json};
use crate::error::FileError;
use crate::model::{Document, Severity};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// Convert even when the output is up to date ([`up_to_date`]).
    pub force: bool,
    /// Print no summary, progress bar or notes (`-q`); failures are still printed.
    pub quiet: bool,
}

/// Why an input was not converted although nothing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Its output is up to date: written from the same bytes (source hash) and path by this
    /// converter version, contract version and layout (`--pretty` or not) ([`up_to_date`]).
    UpToDate,
    /// The input is itself a valid crdoc document (`convert` given a `.json` it wrote).
    AlreadyConverted,
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
    /// Set when nothing was written: why the input was skipped.
    pub skipped: Option<Skip>,
}

/// The string form of a serde-serialized unit value (a diagnostic code or a severity), whether
/// it is a `String` or an enum renamed by serde.
pub fn string_form<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::from("?"),
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
/// for `*.txt` and `*.pdf` (sorted, so runs are reproducible), each mirrored under `out`
/// (`a.txt` and `a.pdf` both become `a.json`).
pub fn plan(inputs: &[PathBuf], out: &Path) -> (Vec<Job>, Vec<FileError>) {
    let p = plan_selected(inputs, out, &Select::default());
    (p.jobs, p.errors)
}

/// Which files found in directories are converted (`--glob`, `--exclude`), besides being `*.txt`.
#[derive(Debug, Default, Clone)]
pub struct Select {
    /// When set, only files whose path relative to the directory matches one of these.
    pub glob: Option<globset::GlobSet>,
    /// Files whose relative path matches one of these are left out.
    pub exclude: Option<globset::GlobSet>,
}

impl Select {
    /// Compile `--glob` and `--exclude` patterns (`*` does not cross `/`; `**` does; a pattern
    /// without `/` is matched against the file name as well as the relative path).
    pub fn new(glob: &[String], exclude: &[String]) -> Result<Select, String> {
        let set = |patterns: &[String], flag: &str| -> Result<Option<globset::GlobSet>, String> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for p in patterns {
                let g = globset::GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("{flag} {p}: not a glob pattern: {e}"))?;
                b.add(g);
            }
            b.build().map(Some).map_err(|e| format!("{flag}: {e}"))
        };
        Ok(Select { glob: set(glob, "--glob")?, exclude: set(exclude, "--exclude")? })
    }

    /// Whether a file found in a directory is taken.
    pub fn takes(&self, path: &Path, relative: &Path) -> bool {
        let matches = |set: &globset::GlobSet| {
            set.is_match(relative) || relative.file_name().is_some_and(|n| set.is_match(Path::new(n)))
        };
        is_txt(path) && self.glob.as_ref().is_none_or(matches) && !self.exclude.as_ref().is_some_and(matches)
    }
}

/// The jobs of a run, with what the directory walk passed over.
#[derive(Debug, Default)]
pub struct Plan {
    /// The conversions to run, in input order.
    pub jobs: Vec<Job>,
    /// Inputs that cannot be converted (an unreadable directory).
    pub errors: Vec<FileError>,
    /// Files found in the directories and not taken (not `*.txt`, or left out by the patterns).
    pub skipped: Vec<PathBuf>,
}

/// [`plan`] with a [`Select`]ion of the files found in directories.
pub fn plan_selected(inputs: &[PathBuf], out: &Path, select: &Select) -> Plan {
    let mut skipped = Vec::new();
    let (found, errors) =
        crate::pipeline::inputs::expand_filtered(inputs, false, &|p, rel| select.takes(p, rel), &mut skipped);
    let jobs = found.into_iter().map(|i| Job { output: out.join(json_name(&i.relative)), input: i.path }).collect();
    Plan { jobs, errors, skipped }
}

fn is_txt(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf"))
}

fn json_name(rel: &Path) -> PathBuf {
    let mut p = rel.to_path_buf();
    if p.extension().is_some_and(|e| e == "txt" || e == "pdf") {
        p.set_extension("json");
    } else {
        let mut s = p.into_os_string();
        s.push(".json");
        p = PathBuf::from(s);
    }
    p
}

/// Refuse an input of `len` bytes when it is larger than `max` (`--max-bytes`).
pub fn check_size(path: &str, len: u64, max: u64) -> Result<(), FileError> {
    if len > max {
        return Err(FileError::msg(
            Path::new(path),
            format!("the file is larger than --max-bytes ({len} > {max} bytes)"),
        ));
    }
    Ok(())
}

/// Size of the buffer JSON is serialized into on its way to a file or standard output.
pub const OUTPUT_BUFFER: usize = 256 * 1024;

/// Convert bytes to a document, validated unless disabled ([`crate::schema::validate_document`]:
/// no JSON tree is built for a valid document), with what its diagnostics say ([`Converted`];
/// the `lines` are formatted only with `-v`, the only place they are printed).
pub fn prepare(bytes: &[u8], path: &str, opts: &ConvertOptions) -> Result<(Document, Converted), FileError> {
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

/// A file that fails the schema: the first violation on the error line, every violation (with
/// its schema location) in the `-v` detail.
pub fn schema_error(path: &Path, what: &str, errs: &[crate::schema::Violation]) -> FileError {
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
    if crate::parse::decode::sniff(&bytes) == crate::parse::decode::Sniffed::Document {
        return already_converted(&job.input, &bytes);
    }
    if !opts.force {
        if let Some(diagnostics) = up_to_date(&job.output, &bytes, &job.input.display().to_string(), opts.pretty) {
            // Its diagnostics, as recorded, still count for `--fail-on`.
            return Ok(Converted { skipped: Some(Skip::UpToDate), diagnostics, lines: Vec::new() });
        }
    }
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

/// A crdoc document given to `convert`: valid, it is skipped (already converted); not valid, it
/// fails with its first violation. Never converted as text.
fn already_converted(input: &Path, bytes: &[u8]) -> Result<Converted, FileError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| FileError::msg(input, format!("not JSON: {e}")))?;
    match crate::schema::validate(&value) {
        Ok(()) => Ok(Converted { skipped: Some(Skip::AlreadyConverted), ..Converted::default() }),
        Err(errs) => Err(schema_error(input, "already converted, but not a valid crdoc document", &errs)),
    }
}

/// What an output records of how it was made: enough to tell that converting again would
/// write the same file.
#[derive(serde::Deserialize)]
struct Header {
    schema_version: String,
    generator: crate::model::Generator,
    source: SourceHeader,
    diagnostics: Vec<DiagnosticHeader>,
}

#[derive(serde::Deserialize)]
struct DiagnosticHeader {
    severity: Severity,
    code: String,
}

#[derive(serde::Deserialize)]
struct SourceHeader {
    path: String,
    sha256: String,
}

/// Whether `output` is up to date for an input of these bytes at this path: it is a document
/// written by this converter (name and version) under this contract version, from bytes with
/// the same SHA-256 and the same path, in the same layout (`--pretty` or compact). Such an
/// output is what converting again would write, so `convert` skips it (unless `--force`).
/// Returns the severity and code of each diagnostic the output records, `None` when it is not
/// up to date. An output written before the running program was built or installed is not
/// ([`older_than_this_program`]): a rebuilt crdoc keeps its version number but may convert
/// differently.
pub fn up_to_date(output: &Path, bytes: &[u8], path: &str, pretty: bool) -> Option<Vec<(Severity, String)>> {
    use sha2::Digest;
    if older_than_this_program(output) {
        return None;
    }
    let written = std::fs::read(output).ok()?;
    // The layout: pretty output starts `{\n  "schema_version"`, compact `{"schema_version"`.
    if written.get(1).is_some_and(|&b| b == b'\n') != pretty {
        return None;
    }
    let h = serde_json::from_slice::<Header>(&written).ok()?;
    let same = h.schema_version == crate::model::SCHEMA_VERSION
        && h.generator.name == env!("CARGO_PKG_NAME")
        && h.generator.version == env!("CARGO_PKG_VERSION")
        && h.source.path == path
        && h.source.sha256 == crate::pipeline::hex(&sha2::Sha256::digest(bytes));
    same.then(|| h.diagnostics.into_iter().map(|d| (d.severity, d.code)).collect())
}

/// Whether the file at `output` was last written before the running program's executable (so
/// by an earlier build of it, or another program). When either time cannot be read, it is not.
fn older_than_this_program(output: &Path) -> bool {
    let written = std::fs::metadata(output).and_then(|m| m.modified());
    let built = std::env::current_exe().and_then(std::fs::metadata).and_then(|m| m.modified());
    matches!((written, built), (Ok(w), Ok(b)) if w < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_older_than_the_program_is_not_up_to_date() {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path().join("a.json");
        std::fs::write(&out, "{}").expect("write");
        assert!(!older_than_this_program(&out), "written after the test binary was built");
        let file = std::fs::File::options().write(true).open(&out).expect("open");
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1)).expect("set mtime");
        assert!(older_than_this_program(&out));
        assert!(!older_than_this_program(&dir.path().join("missing.json")));
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
}
