//! The `crdoc` Python module: the converter of the root crate (the same parser, model and schema
//! as the command line, linked in, not re-implemented) with a Python surface.
//!
//! Conversion, serialization and schema validation run with the GIL released, so Python threads
//! convert in parallel. The JSON handed to Python is the exact text the command line writes
//! (`crdoc convert`), parsed by the standard library's `json` module, so a dict from `convert`
//! equals the CLI's output for the same input by construction. Errors are exceptions:
//! `DecodeError` (a `ValueError`) for inputs the decoder refuses, with the CLI's one-line
//! message; `OSError` subclasses for unreadable files; `SchemaError` (a `ValueError`) if a
//! document ever failed the schema.

use crdoc::model::Document;
use crdoc::parse::decode::DecodeError as CoreDecodeError;
use crdoc::records::{RecordKind, Row, Value};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyList, PyString};
use std::path::PathBuf;

create_exception!(
    crdoc,
    DecodeError,
    PyValueError,
    "The input is not a text document (empty, only white space, or binary). The message is the \
     command line's one-line error, `<path>: <reason>`; the attributes `path` and `reason` hold \
     its two parts."
);
create_exception!(
    crdoc,
    SchemaError,
    PyValueError,
    "A converted document does not validate against the schema (a bug in crdoc, never the \
     input's fault). The attribute `errors` lists every violation."
);

/// The bytes to convert: borrowed from a Python `bytes` object, copied from another buffer, or
/// read from a file (with the GIL released).
enum Input<'py> {
    Bytes(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
    File(PathBuf),
}

impl<'py> Input<'py> {
    /// `source` is `bytes`/`bytearray` (the content) or `str`/`os.PathLike` (a file to read).
    /// Returns the input and the path recorded in `source.path` unless the caller names one:
    /// the path as given, or `-` for content (as `crdoc convert -` records standard input).
    fn from_py(source: &Bound<'py, PyAny>) -> PyResult<(Self, String)> {
        if let Ok(b) = source.cast::<PyBytes>() {
            return Ok((Input::Bytes(b.clone()), "-".to_string()));
        }
        if let Ok(b) = source.cast::<PyByteArray>() {
            return Ok((Input::Owned(b.to_vec()), "-".to_string()));
        }
        match source.extract::<PathBuf>() {
            Ok(p) => {
                let shown = p.display().to_string();
                Ok((Input::File(p), shown))
            }
            Err(_) => Err(PyTypeError::new_err(format!(
                "source must be a path (str or os.PathLike) or bytes, not {}",
                source.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "this type".to_string())
            ))),
        }
    }
}

/// Why a conversion failed; turned into a Python exception once the GIL is held again.
enum Failure {
    Io(PathBuf, std::io::Error),
    Decode(String, CoreDecodeError),
    Schema(String, Vec<String>),
    Json(String, serde_json::Error),
    Records(String, String),
}

impl Failure {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Io(path, e) => match e.raw_os_error() {
                // OSError(errno, strerror, filename) becomes the matching subclass
                // (FileNotFoundError, IsADirectoryError, PermissionError, …).
                Some(code) => PyOSError::new_err((code, e.to_string(), path.display().to_string())),
                None => PyErr::from(e),
            },
            Failure::Decode(path, e) => {
                let reason = e.to_string();
                let err = DecodeError::new_err(format!("{path}: {reason}"));
                let value = err.value(py);
                let _ = value.setattr("path", path);
                let _ = value.setattr("reason", reason);
                err
            }
            Failure::Schema(path, errors) => {
                let err = SchemaError::new_err(format!(
                    "{path}: the output does not validate against the schema ({} violation(s)), first: {}",
                    errors.len(),
                    errors.first().map_or("", String::as_str)
                ));
                let _ = err.value(py).setattr("errors", errors);
                err
            }
            Failure::Json(path, e) => PyValueError::new_err(format!("{path}: cannot serialize: {e}")),
            Failure::Records(path, e) => PyValueError::new_err(format!("{path}: {e}")),
        }
    }
}

/// Read (if a file) and convert, with the GIL released; `then` runs on the document, still
/// without the GIL.
fn with_document<T: Send>(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    path: Option<String>,
    validate: bool,
    then: impl FnOnce(&Document, &str) -> Result<T, Failure> + Send,
) -> PyResult<T> {
    let (input, shown) = Input::from_py(source)?;
    let path = path.unwrap_or(shown);
    let borrowed: Option<&[u8]> = match &input {
        Input::Bytes(b) => Some(b.as_bytes()),
        Input::Owned(v) => Some(v.as_slice()),
        Input::File(_) => None,
    };
    let file = match &input {
        Input::File(p) => Some(p.clone()),
        _ => None,
    };
    py.detach(|| {
        let read;
        let bytes = match (borrowed, file) {
            (Some(b), _) => b,
            (None, Some(p)) => {
                read = std::fs::read(&p).map_err(|e| Failure::Io(p.clone(), e))?;
                read.as_slice()
            }
            (None, None) => &[],
        };
        let doc = crdoc::convert_bytes(bytes, &path).map_err(|e| Failure::Decode(path.clone(), e))?;
        if validate {
            let value = serde_json::to_value(&doc).map_err(|e| Failure::Json(path.clone(), e))?;
            crdoc::schema::validate(&value)
                .map_err(|errs| Failure::Schema(path.clone(), errs.iter().map(|v| v.line(false)).collect()))?;
        }
        then(&doc, &path)
    })
    .map_err(|f| f.into_pyerr(py))
}

/// The JSON text of a document exactly as `crdoc convert` writes it (compact, or indented as
/// with `--pretty`), ending with a newline.
fn json_text(doc: &Document, path: &str, pretty: bool) -> Result<String, Failure> {
    let text = if pretty { serde_json::to_string_pretty(doc) } else { serde_json::to_string(doc) };
    let mut text = text.map_err(|e| Failure::Json(path.to_string(), e))?;
    text.push('\n');
    Ok(text)
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// convert(source, *, path=None, validate=True) -> dict
///
/// Convert one text dump to its document, the dict that `json.loads` makes of the file
/// `crdoc convert` writes for the same input.
///
/// `source` is a path (`str` or `os.PathLike`) of the text dump, or its content as `bytes`.
/// `path` is recorded in `source.path` (default: the path as given, or `"-"` for bytes, as the
/// command line records standard input). `validate` checks the document against the schema
/// first (as `crdoc convert` does unless `--no-validate`).
///
/// Raises `DecodeError` (a `ValueError`) when the input is not a text document (empty, only
/// white space, binary) with the command line's message; `OSError` when the file cannot be read.
/// The GIL is released while reading and converting.
#[pyfunction]
#[pyo3(signature = (source, *, path=None, validate=true))]
fn convert<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    path: Option<String>,
    validate: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let text = with_document(py, source, path, validate, |doc, p| json_text(doc, p, false))?;
    json_loads(py, &text)
}

/// convert_json(source, *, path=None, validate=True, pretty=False) -> str
///
/// Like `convert`, but returns the JSON text: byte for byte what `crdoc convert` writes to its
/// output file (`pretty=True` as with `--pretty`), ending with a newline.
#[pyfunction]
#[pyo3(signature = (source, *, path=None, validate=true, pretty=false))]
fn convert_json(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    path: Option<String>,
    validate: bool,
    pretty: bool,
) -> PyResult<String> {
    with_document(py, source, path, validate, |doc, p| json_text(doc, p, pretty))
}

/// schema() -> dict
///
/// The JSON Schema (draft 2020-12) every document satisfies: `crdoc schema`, i.e.
/// `schemas/document.schema.json`.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, &crdoc::schema::schema_text())
}

fn record_kind(kind: &str) -> PyResult<RecordKind> {
    RecordKind::from_name(kind).ok_or_else(|| {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
        PyValueError::new_err(format!("unknown record kind {kind:?}; the kinds are {}", names.join(", ")))
    })
}

fn value_to_py<'py>(py: Python<'py>, date_type: &Bound<'py, PyAny>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Text(s) => PyString::new(py, s).into_any(),
        Value::Int(n) => n.into_pyobject(py)?.into_any(),
        Value::Float(x) => PyFloat::new(py, *x).into_any(),
        Value::Date(d) => date_type.call1((d.year, d.month, d.day))?,
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::TextList(items) => PyList::new(py, items)?.into_any(),
    })
}

/// The rows of the given kinds of a document (a dict from `convert`) or of a source (converted
/// first, with the GIL released).
fn rows_of<'py>(
    py: Python<'py>,
    doc_or_source: &Bound<'py, PyAny>,
    kinds: &[RecordKind],
    path: Option<String>,
    validate: bool,
) -> PyResult<Vec<Vec<Row>>> {
    let flatten = |doc: &Document, p: &str| {
        kinds
            .iter()
            .map(|&k| crdoc::records::records(doc, k).map_err(|e| Failure::Records(p.to_string(), e.to_string())))
            .collect::<Result<Vec<_>, _>>()
    };
    if doc_or_source.cast::<PyDict>().is_ok() {
        // A document given as a dict: back to the Rust model through its JSON text.
        let text: String = py.import("json")?.call_method1("dumps", (doc_or_source,))?.extract()?;
        py.detach(|| {
            let doc: Document = serde_json::from_str(&text)
                .map_err(|e| Failure::Records("document".to_string(), format!("not a crdoc document: {e}")))?;
            flatten(&doc, &doc.source.path)
        })
        .map_err(|f| f.into_pyerr(py))
    } else {
        with_document(py, doc_or_source, path, validate, flatten)
    }
}

/// Rows as dicts keyed by column name, in column order.
fn rows_to_py<'py>(py: Python<'py>, kind: RecordKind, rows: &[Row]) -> PyResult<Bound<'py, PyList>> {
    let date_type = py.import("datetime")?.getattr("date")?;
    let names: Vec<Bound<'py, PyString>> = kind.columns().iter().map(|c| PyString::intern(py, c.name)).collect();
    let out = PyList::empty(py);
    for row in rows {
        let dict = PyDict::new(py);
        for (name, value) in names.iter().zip(row) {
            dict.set_item(name, value_to_py(py, &date_type, value)?)?;
        }
        out.append(dict)?;
    }
    Ok(out)
}

/// records(doc_or_source, kind, *, path=None, validate=True) -> list[dict]
///
/// The flat records of one kind (`documents`, `authors`, `headings`, `paragraphs`, `tables`,
/// `table_cells`, `figures`, `recommendations`, `entries`, `diagnostics`; see `record_kinds()`),
/// the rows `crdoc export` writes: one dict per record, keys in column order (`record_columns`).
/// Text is `str`, integers `int`, numbers `float`, dates `datetime.date`, lists `list[str]`,
/// missing values `None`.
///
/// `doc_or_source` is a document (a dict from `convert`) or a source as for `convert` (a path or
/// bytes, converted first with `path` and `validate`).
#[pyfunction]
#[pyo3(signature = (doc_or_source, kind, *, path=None, validate=true))]
fn records<'py>(
    py: Python<'py>,
    doc_or_source: &Bound<'py, PyAny>,
    kind: &str,
    path: Option<String>,
    validate: bool,
) -> PyResult<Bound<'py, PyList>> {
    let kind = record_kind(kind)?;
    let rows = rows_of(py, doc_or_source, &[kind], path, validate)?;
    rows_to_py(py, kind, rows.first().map_or(&[], Vec::as_slice))
}

/// all_records(doc_or_source, *, path=None, validate=True) -> dict[str, list[dict]]
///
/// The records of every kind, converting the source once: `{kind: records(…, kind)}` for each
/// kind of `record_kinds()`, in that order.
#[pyfunction]
#[pyo3(signature = (doc_or_source, *, path=None, validate=true))]
fn all_records<'py>(
    py: Python<'py>,
    doc_or_source: &Bound<'py, PyAny>,
    path: Option<String>,
    validate: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = rows_of(py, doc_or_source, &RecordKind::ALL, path, validate)?;
    let out = PyDict::new(py);
    for (kind, rows) in RecordKind::ALL.iter().zip(&rows) {
        out.set_item(kind.name(), rows_to_py(py, *kind, rows)?)?;
    }
    Ok(out)
}

/// record_kinds() -> list[str]
///
/// The names of the flat record kinds, parents before the kinds that refer to them.
#[pyfunction]
fn record_kinds() -> Vec<&'static str> {
    RecordKind::ALL.iter().map(|k| k.name()).collect()
}

/// record_columns(kind) -> list[dict]
///
/// The columns of a record kind, in row order: `name`, `type` (`text`, `int`, `float`, `date`,
/// `bool` or `list<text>`), `nullable` and `doc`. The one definition every writer uses
/// (`crdoc export`, the Spark job's schema).
#[pyfunction]
fn record_columns<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyList>> {
    let kind = record_kind(kind)?;
    let out = PyList::empty(py);
    for c in kind.columns() {
        let dict = PyDict::new(py);
        dict.set_item("name", c.name)?;
        dict.set_item("type", c.ty.name())?;
        dict.set_item("nullable", c.nullable)?;
        dict.set_item("doc", c.doc)?;
        out.append(dict)?;
    }
    Ok(out)
}

/// Convert text dumps of the China–Russia dialogue reports (《中俄对话》) into validated,
/// span-annotated documents: the converter of the `crdoc` command line, as a Python module.
#[pymodule]
#[pyo3(name = "crdoc")]
fn crdoc_py(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("SchemaError", py.get_type::<SchemaError>())?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(convert_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(records, m)?)?;
    m.add_function(wrap_pyfunction!(all_records, m)?)?;
    m.add_function(wrap_pyfunction!(record_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(record_columns, m)?)?;
    Ok(())
}
