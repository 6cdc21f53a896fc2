//! Documents from paths: converted `.json` files read back, raw `.txt` dumps and PDFs converted
//! on the fly, directories searched recursively for any of them. Used by `export` and `diff`.

use crate::error::FileError;
use crate::model::Document;
use std::path::{Path, PathBuf};

/// Default for `--max-bytes`: inputs larger than 256 MiB are refused.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One document input: the file, and its path relative to the directory it was found in (the
/// file name for a file given directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file as found or given.
    pub path: PathBuf,
    /// The path relative to the directory it was found in (the file name for a file given directly).
    pub relative: PathBuf,
}

fn is_document_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| ["json", "txt", "pdf"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Expand paths into inputs: files as given, directories searched recursively for `*.json`,
/// `*.txt` and `*.pdf` (sorted by path, so runs are reproducible; hidden files skipped).
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<FileError>) {
    expand_with(paths, true, is_document_file)
}

/// Expand paths into inputs: files as given, directories searched recursively for the files
/// `keep` accepts (sorted by path; names starting with `.` skipped when `skip_hidden`). The one
/// directory walk behind `convert`, `report`, `export` and `diff`.
pub fn expand_with(paths: &[PathBuf], skip_hidden: bool, keep: fn(&Path) -> bool) -> (Vec<Input>, Vec<FileError>) {
    expand_filtered(paths, skip_hidden, &|path, _| keep(path), &mut Vec::new())
}

/// [`expand_with`] with a filter that sees each file found in a directory as its full path and
/// as its path relative to that directory (for `--glob`/`--exclude`), and that collects the
/// files the filter passed over in `skipped` (sorted; for `-v`). Files given directly are
/// always taken.
pub fn expand_filtered(
    paths: &[PathBuf],
    skip_hidden: bool,
    keep: &dyn Fn(&Path, &Path) -> bool,
    skipped: &mut Vec<PathBuf>,
) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files = Vec::new();
            let mut passed = Vec::new();
            match walk(p, skip_hidden, &mut files, &mut passed) {
                Ok(()) => {
                    files.sort();
                    passed.sort();
                    for f in files {
                        let relative = f.strip_prefix(p).unwrap_or(&f).to_path_buf();
                        if keep(&f, &relative) {
                            inputs.push(Input { path: f, relative });
                        } else {
                            skipped.push(f);
                        }
                    }
                    skipped.extend(passed);
                }
                Err(e) => errors.push(FileError::io(p, "cannot read the directory", e)),
            }
        } else {
            let relative = p.file_name().map_or_else(|| p.clone(), PathBuf::from);
            inputs.push(Input { path: p.clone(), relative });
        }
    }
    (inputs, errors)
}

/// Every file under `dir` into `out`; hidden names (when `skip_hidden`) into `passed`.
fn walk(dir: &Path, skip_hidden: bool, out: &mut Vec<PathBuf>, passed: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if skip_hidden && entry.file_name().to_string_lossy().starts_with('.') {
            passed.push(path);
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, skip_hidden, out, passed)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The source hash of an input without converting it: `source.sha256` of a `.json` document,
/// the SHA-256 of the bytes of anything else. `None` when it cannot be read (the caller's load
/// reports why).
pub fn source_sha256(path: &Path) -> Option<String> {
    use sha2::Digest;
    let bytes = std::fs::read(path).ok()?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        #[derive(serde::Deserialize)]
        struct Header {
            source: Source,
        }
        #[derive(serde::Deserialize)]
        struct Source {
            sha256: String,
        }
        serde_json::from_slice::<Header>(&bytes).ok().map(|h| h.source.sha256)
    } else {
        Some(crate::pipeline::hex(&sha2::Sha256::digest(&bytes)))
    }
}

/// Read one document: a `.json` file is parsed as a converted document (the strict contract:
/// unknown or missing fields are refused), anything else is converted (a PDF, by its signature,
/// as a PDF; the rest as a text dump).
/// Files larger than `max_bytes` are refused.
pub fn load(path: &Path, max_bytes: u64) -> Result<Document, FileError> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, "cannot read", e))?;
    if !meta.is_file() {
        return Err(FileError::msg(path, "not a regular file".to_string()));
    }
    if meta.len() > max_bytes {
        return Err(FileError::msg(
            path,
            format!("the file is larger than --max-bytes ({} > {max_bytes} bytes)", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| FileError::io(path, "cannot read", e))?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        let doc: Document =
            serde_json::from_slice(&bytes).map_err(|e| FileError::msg(path, format!("not a crdoc document: {e}")))?;
        if doc.schema_version.split('.').next() != crate::model::SCHEMA_VERSION.split('.').next() {
            return Err(FileError::msg(
                path,
                format!(
                    "written with contract {} but this crdoc reads {}; convert it again",
                    doc.schema_version,
                    crate::model::SCHEMA_VERSION
                ),
            ));
        }
        Ok(doc)
    } else {
        crate::convert_bytes(&bytes, &path.display().to_string()).map_err(|e| FileError::msg(path, e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_to_sorted_json_and_txt_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        for f in ["z.txt", "a.json", "b/c.txt", "notes.md", ".hidden.txt", "r.pdf"] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        let (inputs, errors) = expand(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty());
        let rel: Vec<String> = inputs.iter().map(|i| i.relative.display().to_string()).collect();
        assert_eq!(rel, ["a.json", "b/c.txt", "r.pdf", "z.txt"]);
    }

    #[test]
    fn a_json_file_that_is_not_a_document_is_refused_with_its_reason() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.json");
        std::fs::write(&p, "{\"schema_version\": \"2.0.0\"}").expect("write");
        let e = load(&p, 1 << 20).expect_err("not a document");
        assert!(e.reason.starts_with("not a crdoc document"), "{}", e.reason);
        let t = dir.path().join("t.txt");
        std::fs::write(&t, "中俄对话：2020模式\n").expect("write");
        assert!(load(&t, 1 << 20).is_ok());
        assert!(load(&t, 3).expect_err("too big").reason.contains("--max-bytes"));
    }
}
