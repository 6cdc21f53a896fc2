"""The Python package against the command line: same JSON, same errors, same records."""

import datetime
import json
import os
import pathlib
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

import crdoc
from conftest import REPO, SAMPLE, SAMPLE_REL


@pytest.fixture(scope="module")
def cli_output(crdoc_bin, tmp_path_factory):
    """`crdoc convert input/<sample> -o DIR` run from the repository: the JSON file it writes."""
    out = tmp_path_factory.mktemp("cli")
    subprocess.run([str(crdoc_bin), "convert", SAMPLE_REL, "-o", str(out)], cwd=REPO, check=True)
    return (out / "china-russia-dialogue-2020.zh.json").read_text(encoding="utf-8")


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_convert_path_equals_cli_json(cli_output, in_repo):
    assert crdoc.convert_json(SAMPLE_REL) == cli_output
    assert crdoc.convert(SAMPLE_REL) == json.loads(cli_output)
    assert crdoc.convert(pathlib.Path(SAMPLE_REL)) == json.loads(cli_output)


def test_convert_bytes_equals_cli_stdin(crdoc_bin):
    data = SAMPLE.read_bytes()
    for pretty in (False, True):
        args = [str(crdoc_bin), "convert", "-"] + (["--pretty"] if pretty else [])
        cli = subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")
        assert crdoc.convert_json(data, pretty=pretty) == cli
    assert crdoc.convert(data) == json.loads(cli)
    assert crdoc.convert(bytearray(data)) == json.loads(cli)


def test_path_argument_is_recorded():
    doc = crdoc.convert(SAMPLE, path="archive/2020.txt")
    assert doc["source"]["path"] == "archive/2020.txt"
    assert crdoc.convert(SAMPLE.read_bytes())["source"]["path"] == "-"
    assert crdoc.convert(SAMPLE)["source"]["path"] == str(SAMPLE)


def test_decode_error_has_the_cli_message(crdoc_bin, tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    cli = subprocess.run([str(crdoc_bin), "convert", str(binary), "-o", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert cli.returncode == 1
    cli_line = next(l for l in cli.stderr.splitlines() if l.startswith("crdoc: "))
    with pytest.raises(crdoc.DecodeError) as err:
        crdoc.convert(binary)
    assert isinstance(err.value, ValueError)
    assert "crdoc: " + str(err.value) == cli_line
    assert err.value.path == str(binary)
    assert err.value.reason.startswith("not a text document")
    with pytest.raises(crdoc.DecodeError, match=r"^-: the file is empty$"):
        crdoc.convert(b"")
    with pytest.raises(crdoc.DecodeError, match="only white space"):
        crdoc.records(b" \n\t\n", "entries")


def test_non_dumps_are_refused_as_by_the_cli(cli_output, tmp_path):
    """A document crdoc wrote, a broken PDF and an HTML page are never converted as text (issue 22)."""
    with pytest.raises(crdoc.DecodeError, match="already converted: a crdoc JSON document"):
        crdoc.convert(cli_output.encode())
    with pytest.raises(crdoc.DecodeError, match="not a readable PDF"):
        crdoc.convert(b"%PDF-1.7\n1 0 obj\n")
    page = tmp_path / "page.txt"
    page.write_bytes(b"<!DOCTYPE html><html><body>x</body></html>")
    with pytest.raises(crdoc.DecodeError, match="an HTML page, not a text dump"):
        crdoc.convert(page)


def test_other_errors():
    with pytest.raises(FileNotFoundError) as err:
        crdoc.convert("no/such/file.txt")
    assert err.value.filename == "no/such/file.txt"
    with pytest.raises(IsADirectoryError):
        crdoc.convert(REPO / "input")
    with pytest.raises(TypeError, match="path .* or bytes"):
        crdoc.convert(42)
    with pytest.raises(ValueError, match='unknown record kind "cells"'):
        crdoc.records(SAMPLE, "cells")
    with pytest.raises(ValueError, match="not a crdoc document"):
        crdoc.records({"schema_version": "2.0.0"}, "entries")


def test_records_counts_match_the_document():
    doc = crdoc.convert(SAMPLE)
    entries = crdoc.records(SAMPLE, "entries")
    assert len(entries) == 656
    assert len(entries) == sum(len(c["entries"]) for c in doc["chronology"]["categories"])
    assert crdoc.records(doc, "entries") == entries
    cells = crdoc.records(doc, "table_cells")
    assert len(cells) == 146
    (summary,) = crdoc.records(doc, "documents")
    assert summary["entries"] == 656 and summary["table_cells"] == 146
    assert summary["document_id"] == doc["source"]["sha256"]
    assert len(crdoc.records(doc, "diagnostics")) == len(doc["diagnostics"])


def test_records_follow_the_column_definitions():
    python_type = {"text": str, "int": int, "float": float, "date": datetime.date, "bool": bool,
                   "list<text>": list}
    everything = crdoc.all_records(SAMPLE)
    assert list(everything) == crdoc.record_kinds()
    for kind, rows in everything.items():
        columns = crdoc.record_columns(kind)
        assert rows, kind
        assert rows == crdoc.records(SAMPLE, kind)
        for row in rows:
            assert list(row) == [c["name"] for c in columns]
            for c in columns:
                value = row[c["name"]]
                if value is None:
                    assert c["nullable"], (kind, c["name"])
                else:
                    assert type(value) is python_type[c["type"]], (kind, c["name"], value)
    first = everything["entries"][0]
    assert first["id"] == "chron.c1.e1" and first["date_start"] == datetime.date(2019, 4, 4)


def test_schema_and_version():
    checked_in = json.loads((REPO / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    assert crdoc.schema() == checked_in
    assert crdoc.__version__ == crdoc.convert(SAMPLE)["generator"]["version"]


def test_threads_give_the_same_result():
    data = SAMPLE.read_bytes()
    expected = crdoc.convert_json(data)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: crdoc.convert_json(data), range(12)))
        counts = list(pool.map(lambda _: len(crdoc.records(data, "entries")), range(4)))
    assert results == [expected] * 12
    assert counts == [656] * 4


def test_type_stubs_are_installed():
    package = pathlib.Path(crdoc.__file__).parent
    assert (package / "py.typed").is_file()
    stub = (package / "__init__.pyi").read_text(encoding="utf-8")
    for name in ("convert", "convert_json", "records", "all_records", "record_kinds", "record_columns",
                 "schema", "DecodeError"):
        assert name in stub and getattr(crdoc, name).__doc__, name


def test_pdf_bytes_equal_cli(crdoc_bin, tmp_path):
    """The wheel reads PDFs like the command line (feature `pdf`, issue 25): the typeset sample's
    bytes give the JSON `crdoc convert - < file.pdf` writes, and a path gives what `crdoc convert
    FILE.pdf` writes."""
    pdf = REPO / "tests/extractors/pdf/heldout-2022-weasyprint.pdf"
    data = pdf.read_bytes()
    cli = subprocess.run([str(crdoc_bin), "convert", "-"], input=data, capture_output=True, check=True)
    assert crdoc.convert_json(data) == cli.stdout.decode("utf-8")
    doc = crdoc.convert(data)
    assert doc["source"]["pdf"]["pages"] == 17
    assert sum(len(c["entries"]) for c in doc["chronology"]["categories"]) == 28
