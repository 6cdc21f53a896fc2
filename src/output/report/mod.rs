//! `crdoc report`: one self-contained HTML review page per document, plus an index.
//!
//! Inputs are raw `.txt` dumps (converted on the fly) or converted `.json` documents, or
//! directories searched recursively for both. Each page shows the document as the converter
//! read it: header and diagnostics, the chronology timeline ([`timeline`]), the TOC
//! cross-check, the tables, and the source text tinted line by line by the element covering
//! it ([`elements`]). For a `.json` input the source text is found through `source.path`
//! (as given, or next to the JSON) and used only when its SHA-256 matches `source.sha256`.
//!
//! Pages go to `DIR/<relative dir>/<stem>.html`, written atomically; `DIR/index.html` lists
//! every document. A failing input prints one line and the others are still reported.

pub mod elements;
pub mod page;
pub mod timeline;

pub use page::{index, page, IndexRow, SourceText};

use crate::error::FileError;
use crate::model::Document;
use crate::pipeline::inputs::DEFAULT_MAX_BYTES;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A document and its decoded source text (or why the text is unavailable).
pub struct Loaded {
    /// The converted document.
    pub doc: Document,
    /// The decoded source text, or why it is unavailable.
    pub text: Result<String, String>,
}

fn is_json(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, FileError> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, "cannot read", e))?;
    if !meta.is_file() {
        return Err(FileError::msg(path, "not a regular file".to_string()));
    }
    if meta.len() > DEFAULT_MAX_BYTES {
        return Err(FileError::msg(
            path,
            format!("the file is larger than {DEFAULT_MAX_BYTES} bytes ({} bytes)", meta.len()),
        ));
    }
    std::fs::read(path).map_err(|e| FileError::io(path, "cannot read", e))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Find and decode the source text of a converted document read from `json_path`.
fn find_source(doc: &Document, json_path: &Path) -> Result<String, String> {
    let src = Path::new(&doc.source.path);
    if doc.source.path == "-" || doc.source.path.is_empty() {
        return Err("the document was converted from standard input".to_string());
    }
    let dir = json_path.parent().unwrap_or(Path::new(""));
    let mut candidates = vec![src.to_path_buf()];
    if src.is_relative() {
        candidates.push(dir.join(src));
    }
    if let Some(name) = src.file_name() {
        candidates.push(dir.join(name));
    }
    let mut mismatch = None;
    for c in candidates {
        let Ok(bytes) = std::fs::read(&c) else { continue };
        if sha256_hex(&bytes) != doc.source.sha256 {
            mismatch = Some(c);
            continue;
        }
        return crate::parse::decode::decode(&bytes)
            .map(|d| d.text.into_owned())
            .map_err(|e| format!("{}: {e}", c.display()));
    }
    Err(match mismatch {
        Some(c) => format!("{} differs from the converted file (sha256 mismatch)", c.display()),
        None => format!("the source file {} was not found", doc.source.path),
    })
}

/// Load one input: convert a text dump, or read a converted document and find its source.
pub fn load(path: &Path) -> Result<Loaded, FileError> {
    let bytes = read_capped(path)?;
    if is_json(path) {
        let doc: Document =
            serde_json::from_slice(&bytes).map_err(|e| FileError::msg(path, format!("not a crdoc document: {e}")))?;
        let text = find_source(&doc, path);
        return Ok(Loaded { doc, text });
    }
    let name = path.display().to_string();
    let decoded = crate::parse::decode::decode(&bytes).map_err(|e| FileError::msg(path, e.to_string()))?;
    let doc = crate::convert_bytes(&bytes, &name).map_err(|e| FileError::msg(path, e.to_string()))?;
    Ok(Loaded { doc, text: Ok(decoded.text.into_owned()) })
}

/// Render the page of a loaded document.
pub fn render(l: &Loaded) -> String {
    let text = match &l.text {
        Ok(t) => SourceText::Text(t),
        Err(why) => SourceText::Missing(why.clone()),
    };
    page(&l.doc, &text)
}

/// One planned page.
#[derive(Debug, Clone)]
pub struct Job {
    /// The input file the page is made from.
    pub input: PathBuf,
    /// The page path relative to the output directory.
    pub page: PathBuf,
}

fn page_name(rel: &Path) -> PathBuf {
    let mut p = rel.to_path_buf();
    p.set_extension("html");
    p
}

/// The jobs of a report run.
#[derive(Debug, Default)]
pub struct Plan {
    /// The pages to write, in input order.
    pub jobs: Vec<Job>,
    /// Inputs refused before loading (a page collision, an unreadable directory).
    pub errors: Vec<FileError>,
    /// Inputs left out as copies of an earlier input (same source hash: a dump and its JSON),
    /// each with that input.
    pub duplicates: Vec<(PathBuf, PathBuf)>,
}

/// Expand inputs into jobs (directories recursively, sorted); leave out an input whose source
/// hash is that of an earlier one (a dump and the JSON converted from it: one page each
/// document); refuse two inputs that would write the same page (the later one fails) and a
/// page that would replace the index.
pub fn plan(inputs: &[PathBuf]) -> Plan {
    use rayon::prelude::*;
    let (found, mut errors) = crate::pipeline::inputs::expand_with(inputs, false, |p| {
        is_json(p) || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    });
    let hashes: Vec<Option<String>> =
        found.par_iter().map(|i| crate::pipeline::inputs::source_sha256(&i.path)).collect();
    let mut first_of: HashMap<String, PathBuf> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut jobs: Vec<Job> = Vec::with_capacity(found.len());
    for (i, hash) in found.into_iter().zip(hashes) {
        if let Some(h) = hash {
            if let Some(first) = first_of.get(&h) {
                duplicates.push((i.path, first.clone()));
                continue;
            }
            first_of.insert(h, i.path.clone());
        }
        jobs.push(Job { page: page_name(&i.relative), input: i.path });
    }
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut keep = Vec::with_capacity(jobs.len());
    for job in jobs {
        if job.page == Path::new("index.html") {
            errors.push(FileError::msg(&job.input, "its page would be index.html, the batch index".to_string()));
        } else if let Some(first) = seen.get(&job.page) {
            errors.push(FileError::msg(
                &job.input,
                format!("its page {} would overwrite the page of {}", job.page.display(), first.display()),
            ));
        } else {
            seen.insert(job.page.clone(), job.input.clone());
            keep.push(job);
        }
    }
    Plan { jobs: keep, errors, duplicates }
}

/// Link from the index to a page: the relative path with `/` separators, each part escaped.
pub fn href(page: &Path) -> String {
    page.components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .chars()
                .map(|ch| match ch {
                    '%' | '#' | '?' | '"' | ' ' => format!("%{:02X}", ch as u32),
                    _ => ch.to_string(),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}
