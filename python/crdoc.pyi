"""Type stubs of the `crdoc` module (the Rust converter, compiled with PyO3)."""

import os
from typing import Any, Dict, List, Union

__version__: str

Source = Union[str, "os.PathLike[str]", bytes, bytearray]
"""A path of a text dump (str or os.PathLike), or its content (bytes or bytearray)."""

Document = Dict[str, Any]
"""A converted document: the JSON object of `schemas/document.schema.json` as a dict."""

class DecodeError(ValueError):
    """The input is not a text document (empty, only white space, or binary).

    `str(error)` is the command line's one-line message `<path>: <reason>`.
    """

    path: str
    reason: str

class SchemaError(ValueError):
    """A converted document does not validate against the schema (a bug in crdoc)."""

    errors: List[str]

def convert(source: Source, *, path: Union[str, None] = None, validate: bool = True) -> Document:
    """Convert one text dump; the dict equals the JSON `crdoc convert` writes for the same input.

    `path` is recorded in `source.path` (default: the path as given, `"-"` for bytes).
    Raises DecodeError for inputs that are not text, OSError for unreadable files.
    The GIL is released while reading and converting.
    """

def convert_json(
    source: Source, *, path: Union[str, None] = None, validate: bool = True, pretty: bool = False
) -> str:
    """Like `convert`, but the JSON text, byte for byte what `crdoc convert` writes."""

def records(
    doc_or_source: Union[Document, Source],
    kind: str,
    *,
    path: Union[str, None] = None,
    validate: bool = True,
) -> List[Dict[str, Any]]:
    """The flat records of one kind (see `record_kinds`), keys in column order.

    Values: str, int, float, datetime.date, list[str] or None, as `record_columns(kind)` says.
    """

def record_kinds() -> List[str]:
    """The names of the record kinds (`documents`, `entries`, `table_cells`, ...)."""

def record_columns(kind: str) -> List[Dict[str, Any]]:
    """The columns of a kind in row order: `name`, `type`, `nullable`, `doc`.

    `type` is one of `text`, `int`, `float`, `date`, `bool`, `list<text>`.
    """

def schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document, as `crdoc schema` prints it."""

def all_records(
    doc_or_source: Union[Document, Source], *, path: Union[str, None] = None, validate: bool = True
) -> Dict[str, List[Dict[str, Any]]]:
    """The records of every kind, converting once: `{kind: records(..., kind)}`."""
